"""The offer catalogue of a loaded plan, and the places the plan itself knows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from amp.core.offers import Catalogue, PlaceAvailability, Profile, build_catalogue
from amp.core.plan import Plan
from amp.core.problems import InputProblems, Place, Problem
from amp.io.yaml_source import YamlDocument, YamlError, read_yaml

PLAN_SOURCE = "Plan"


def plan_catalogue(plan: Plan) -> Catalogue:
    """Measures, vouchers and instruments of the plan with angebote.yaml and the chains."""
    return build_catalogue(
        plan.measure_tables,
        plan.offers,
        avgs=plan.avgs,
        training=plan.training_vouchers,
        pathways=plan.pathways,
    )


def planned_places(catalogue: Catalogue) -> dict[str, PlaceAvailability]:
    """Planned places per offer from the plan's tables: free places are unknown here."""
    return {
        o.id: PlaceAvailability(o.planned_places, None, o.places_as_of, PLAN_SOURCE)
        for o in catalogue.offers
        if o.planned_places is not None or o.places_as_of is not None
    }


def profile_from(
    data: object, file: Path | None = None, document: YamlDocument | None = None
) -> Profile:
    """A finder profile from YAML/JSON data, or InputProblems naming every bad field."""
    from pydantic import TypeAdapter, ValidationError

    from amp.io.model_schema import enforce_known_keys, german_message

    where = str(file) if file else None
    if not isinstance(data, dict):
        raise InputProblems([Problem(Place(file=where), "eine Zuordnung Feld: Wert erwartet")])
    if "legal" in data:
        message = "unbekannter Schlüssel (die Prüfungen nach amp.rules rechnet amp selbst)"
        raise InputProblems([Problem(Place(file=where, path="legal"), message)])
    enforce_known_keys(Profile)
    try:
        profile: Profile = TypeAdapter(Profile).validate_python(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = tuple(p for p in error["loc"] if isinstance(p, str | int))
            line = document.line_of(path) if document else None
            place = Place(file=where, line=line, path=".".join(map(str, path)) or None)
            problems.append(Problem(place, german_message(error)))
        raise InputProblems(problems) from None
    return profile


def read_profile(file: Path) -> Profile:
    """A profile file (YAML)."""
    if not file.is_file():
        raise InputProblems([Problem(Place(file=str(file)), "Datei nicht gefunden")])
    try:
        document = read_yaml(file)
    except YamlError as exc:
        raise InputProblems(
            [Problem(Place(file=str(exc.file), line=exc.line), exc.message)]
        ) from None
    return profile_from(document.data or {}, file, document)


def finder_day(year: int, today: date) -> date:
    """The day offers are looked at: today, or the 1 January of the plan year when today
    lies outside it (a plan of another year shows its own offers, not an empty list)."""
    return today if today.year == year else date(year, 1, 1)
