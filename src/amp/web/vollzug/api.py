"""The Vollzug in the JSON API (the endpoint itself is in amp.web.plans.api, the one API):
the JSON shapes of `amp vollzug stand` and `hochrechnung` (amp.reports.vollzug), so both
speak alike, and the alerts of the Stand (the Warnungen screen)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from amp.core.ledger.alerts import alerts
from amp.core.problems import InputProblems
from amp.reports.vollzug import forecast_data, position_data
from amp.web.plans.selectors import AnyUser
from amp.web.vollzug import selectors


def ledger_document(user: AnyUser, code: str, year: int) -> dict[str, Any]:
    access = selectors.access(user, code, year)
    if access.record is None:
        raise Http404("Für dieses Jahr ist kein Vollzug erfasst.")
    try:
        data, s = selectors.steering(access.record, access.version)
    except InputProblems:
        raise Http404("Der gespeicherte Vollzug passt nicht zum Plan.") from None
    return {
        "jobcenter": access.jobcenter.code,
        "jahr": year,
        "planversion": access.version.pk,
        "stand": s.position.stand.isoformat(),
        "vollzug": position_data(s),
        "hochrechnung": forecast_data(s),
        "warnungen": [
            {
                "schwere": a.severity.value,
                "art": a.kind.value,
                "zeile": a.line,
                "meldung": a.message,
            }
            for a in alerts(s, data.config.tolerance)
        ],
    }
