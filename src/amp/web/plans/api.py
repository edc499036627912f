"""The read-only JSON API (OpenAPI at /api/docs): the same access rules as the screens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer, django_auth

from amp.core.findings import consequence_note
from amp.web.plans import selectors
from amp.web.plans.derived import derived
from amp.web.plans.models import ApiToken


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: Any, name: str = "") -> str:
    """A new token for `user`; the plain text is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=digest(token), name=name)
    return token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.select_related("user").filter(digest=digest(token)).first()
        if found is None or not found.user.is_active:
            return None
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="amp API",
    version="1",
    description="Lesender Zugriff auf die Arbeitsmarktprogramme (nur eigene Jobcenter).",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


class VersionOut(Schema):
    id: int
    jobcenter: str
    jobcenter_name: str
    year: int
    number: int
    status: str
    as_of: date
    label: str


class FindingOut(Schema):
    rule: str
    severity: str
    table: str
    row: str | None
    column: str | None
    path: str
    message: str
    printed: str | None
    computed: str | None
    unit: str
    id: str
    consequence_of: list[str]  # ids of the findings this one follows from; empty: a root cause
    note: str  # "Folgefehler von …", empty for a root cause


class ErrorOut(Schema):
    detail: str


class InvalidInputOut(Schema):
    detail: list[dict[str, Any]]


def _documented(ok: Any) -> dict[int, Any]:
    """The answers an operation on one version can give, as the OpenAPI document lists them:
    401 without a valid token, 404 for a version the user may not see, 422 for an id that is
    no number."""
    return {200: ok, 401: ErrorOut, 404: ErrorOut, 422: InvalidInputOut}


def _version_out(version: Any) -> VersionOut:
    return VersionOut(
        id=version.pk,
        jobcenter=version.plan.jobcenter.code,
        jobcenter_name=version.plan.jobcenter.name,
        year=version.plan.year,
        number=version.number,
        status=version.status,
        as_of=version.as_of,
        label=version.label,
    )


@api.get(
    "/staende",
    response={200: list[VersionOut], 401: ErrorOut},
    summary="Planstände, die ich sehen darf",
)
def list_versions(request: HttpRequest) -> list[VersionOut]:
    versions = selectors.visible_versions(request.user).order_by("plan__jobcenter__code", "number")
    return [_version_out(v) for v in versions]


@api.get("/staende/{version_id}", response=_documented(VersionOut), summary="Ein Planstand")
def get_version(request: HttpRequest, version_id: int) -> VersionOut:
    version, _role = selectors.version_for(request.user, version_id)
    return _version_out(version)


@api.get(
    "/staende/{version_id}/plan",
    response=_documented(dict[str, Any]),
    summary="Der Plan als Dokument (Beträge als Text)",
)
def get_document(request: HttpRequest, version_id: int) -> dict[str, Any]:
    version, _role = selectors.version_for(request.user, version_id)
    document: dict[str, Any] = version.document
    return document


@api.get("/staende/{version_id}/befunde", response=_documented(list[FindingOut]), summary="Befunde")
def get_findings(request: HttpRequest, version_id: int) -> list[FindingOut]:
    from amp.core.edit import format_path

    version, _role = selectors.version_for(request.user, version_id)
    return [
        FindingOut(
            rule=f.rule,
            severity=f.severity.value,
            table=f.location.table,
            row=f.location.row,
            column=f.location.column,
            path=format_path(f.location.path),
            message=f.message,
            printed=None if f.printed is None else str(f.printed),
            computed=None if f.computed is None else str(f.computed),
            unit=f.unit.value,
            id=f.id,
            consequence_of=[c.id for c in f.consequence_of],
            note=consequence_note(f),
        )
        for f in derived(version).findings
    ]


@api.get(
    "/vollzug/{jobcenter}/{year}",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 422: InvalidInputOut},
    summary="Vollzug eines Jahres: je Planzeile Planung, Ist, offen, frei, Hochrechnung",
)
def get_ledger(request: HttpRequest, jobcenter: str, year: int) -> dict[str, Any]:
    """The same figures as `amp vollzug stand --format json` and `amp vollzug hochrechnung
    --format json` (amounts as text), for the user's own Jobcenters."""
    from amp.web.vollzug.api import ledger_document

    return ledger_document(request.user, jobcenter, year)


@api.get(
    "/land/{land}/{year}",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 422: InvalidInputOut},
    summary="Land: je Jobcenter Planung, Vollzug, Ziele mit Fortschritt und Hochrechnung",
)
def get_land(request: HttpRequest, land: str, year: int) -> dict[str, Any]:
    """For a user with access to the Land (read only); others get 404."""
    from amp.web.land.api import land_document

    return land_document(request.user, land, year)


@api.get(
    "/ziele/{jobcenter}/{year}",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 422: InvalidInputOut},
    summary="Zielvereinbarung eines Jobcenters mit Fortschritt und Planungsdokument",
)
def get_agreements(request: HttpRequest, jobcenter: str, year: int) -> dict[str, Any]:
    """For Administration, Planung and Leitung of the Jobcenter; others get 404."""
    from amp.web.land.api import own_document

    return own_document(request.user, jobcenter, year)


@api.get(
    "/massnahmen/{jobcenter}/{year}",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 422: InvalidInputOut},
    summary="Maßnahmen im Jahr: Belegung, Vergabekalender, Gutscheine gegen den Plan",
)
def get_measures(request: HttpRequest, jobcenter: str, year: int) -> dict[str, Any]:
    """The same figures as `amp massnahmen belegung|ausschreibungen|gutscheine --format
    json`, for the steering roles of the user's own Jobcenters."""
    from amp.web.massnahmen.api import measures_document

    return measures_document(request.user, jobcenter, year)


@api.get(
    "/massnahmen/{jobcenter}/{year}/freie-plaetze",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 422: InvalidInputOut},
    summary="Freie Plätze je Maßnahme am Stand der Daten",
)
def get_free_places(request: HttpRequest, jobcenter: str, year: int) -> dict[str, Any]:
    """Places, occupied (participants and open Zuweisungen) and free per measure; also for
    Integrationsfachkräfte and Fallmanagement."""
    from amp.web.massnahmen.api import free_places_document

    return free_places_document(request.user, jobcenter, year)


# --- offers (amp.web.angebote) ----------------------------------------------------------


@api.get(
    "/angebote/{jobcenter}/katalog",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 422: InvalidInputOut},
    summary="Angebotskatalog: laufende und beendete Angebote mit Plätzen, dazu schema.org",
)
def get_offer_catalogue(
    request: HttpRequest, jobcenter: str, stichtag: date | None = None
) -> dict[str, Any]:
    """The same list as `amp angebote katalog --format json`, the archive of ended offers and
    the catalogue as schema.org JSON-LD, for the user's own Jobcenters."""
    from amp.web.angebote.api import catalogue_document

    return catalogue_document(request.user, jobcenter, stichtag)


@api.get(
    "/angebote/{jobcenter}/foerderketten",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 422: InvalidInputOut},
    summary="Förderketten Stufe für Stufe mit den Befunden (Lücken) für die Steuerung",
)
def get_offer_chains(
    request: HttpRequest, jobcenter: str, stichtag: date | None = None
) -> dict[str, Any]:
    """The same content as `amp angebote ketten --format json`."""
    from amp.web.angebote.api import chains_document

    return chains_document(request.user, jobcenter, stichtag)
