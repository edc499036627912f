"""Offers in the JSON API (the endpoints are in amp.web.plans.api, the one API): the same
shapes as `amp angebote katalog|ketten --format json` (amp.reports.offers). The finder has
no API: a description of a person is not sent around."""

from __future__ import annotations

from datetime import date
from typing import Any

from amp.core.offers import chain_findings
from amp.reports.offers import catalogue_data, catalogue_jsonld, chains_data
from amp.web.angebote import selectors
from amp.web.plans.selectors import AnyUser


def _day(access: selectors.Access, stichtag: date | None) -> date:
    return stichtag or selectors.default_day(access.version)


def catalogue_document(user: AnyUser, code: str, stichtag: date | None) -> dict[str, Any]:
    access = selectors.access(user, code)
    on = _day(access, stichtag)
    catalogue = selectors.catalogue(access.version)
    places = selectors.place_availability(access.jobcenter, on)
    return {
        "jobcenter": access.jobcenter.code,
        "planversion": access.version.pk,
        "stichtag": on.isoformat(),
        "angebote": catalogue_data(catalogue, catalogue.current(on), places),
        "archiv": catalogue_data(catalogue, catalogue.archived(on), places),
        "schema_org": catalogue_jsonld(catalogue, places, on, access.jobcenter.name),
    }


def chains_document(user: AnyUser, code: str, stichtag: date | None) -> dict[str, Any]:
    access = selectors.access(user, code)
    on = _day(access, stichtag)
    catalogue = selectors.catalogue(access.version)
    places = selectors.place_availability(access.jobcenter, on)
    findings = chain_findings(catalogue, places, on)
    return {
        "jobcenter": access.jobcenter.code,
        "planversion": access.version.pk,
        **chains_data(catalogue, findings, places, on),
    }
