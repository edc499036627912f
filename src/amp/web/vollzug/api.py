"""The Vollzug in the JSON API (the endpoint itself is in amp.web.plans.api, the one API):
the CLI's JSON shapes of `stand` and `hochrechnung`, so both speak alike."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from amp.cli.vollzug import _forecast_json as forecast_json
from amp.cli.vollzug import _position_json as position_json
from amp.core.problems import InputProblems
from amp.web.plans.selectors import AnyUser
from amp.web.vollzug import selectors


def ledger_document(user: AnyUser, code: str, year: int) -> dict[str, Any]:
    access = selectors.access(user, code, year)
    if access.record is None:
        raise Http404("Für dieses Jahr ist kein Vollzug erfasst.")
    try:
        _data, s = selectors.steering(access.record, access.version)
    except InputProblems:
        raise Http404("Der gespeicherte Vollzug passt nicht zum Plan.") from None
    return {
        "jobcenter": access.jobcenter.code,
        "jahr": year,
        "planversion": access.version.pk,
        "stand": s.position.stand.isoformat(),
        "vollzug": position_json(s),
        "hochrechnung": forecast_json(s),
    }
