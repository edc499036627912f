"""The offer sheet for the client and the catalogue as schema.org JSON-LD."""

from __future__ import annotations

import json
from datetime import date

import pytest

from amp.core.offers import (
    Catalogue,
    GermanLevel,
    PlaceAvailability,
    Profile,
    Residence,
    find_offers,
)
from amp.example import DEMO_PLAN
from amp.io.offers import plan_catalogue, planned_places
from amp.io.plan_dir import load_plan
from amp.reports.offers import (
    catalogue_jsonld,
    offer_sheet_html,
    offer_sheet_pdf,
    places_text,
)

ON = date(2024, 5, 2)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return plan_catalogue(load_plan(DEMO_PLAN).plan)


def test_places_text_is_honest_about_unknown_free_places() -> None:
    plan = PlaceAvailability(52, None, date(2023, 10, 27), "Plan")
    assert places_text(plan) == "freie Plätze unbekannt, Stand 27.10.2023 (geplant 52 Plätze)"
    assert places_text(PlaceAvailability(52, 0, date(2024, 4, 30), "Belegung")) == (
        "kein freier Platz, Stand 30.04.2024"
    )
    assert places_text(PlaceAvailability(52, 1, None, "Belegung")) == "1 freier Platz"
    assert places_text(None) == "keine Platzangaben"


def test_offer_sheet_is_plain_german_without_person_data(catalogue: Catalogue) -> None:
    profile = Profile(age=22, refugee=True, residence=Residence.SCHUTZ, german=GermanLevel.A2)
    matches = find_offers(catalogue, profile, planned_places(catalogue), ON)[:3]
    html = offer_sheet_html(matches, catalogue, "Jobcenter EN", ON)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="de">' in html
    assert html.count("<h2>") == 3
    assert "Wann?" in html
    assert "Was ist das?" in html
    assert "Jugendintegrationskurs" in html
    assert "nächster Beginn 03.06.2024" in html
    assert "score" not in html.lower()
    assert "http" not in html  # nothing loaded from elsewhere
    assert offer_sheet_pdf(html).startswith(b"%PDF")


def test_offer_sheet_without_offers_says_so(catalogue: Catalogue) -> None:
    assert "kein Angebot ausgewählt" in offer_sheet_html([], catalogue, "Jobcenter EN", ON)


def test_catalogue_jsonld_lists_current_offers_as_schema_org(catalogue: Catalogue) -> None:
    data = catalogue_jsonld(catalogue, planned_places(catalogue), ON, "Jobcenter EN")
    json.dumps(data)  # serialisable
    assert data["@context"] == "https://schema.org"
    items = {i["item"]["identifier"]: i["item"] for i in data["itemListElement"]}
    assert "familiencoaching" not in items  # ended 31.03.2024
    assert data["numberOfItems"] == len(items) == len(catalogue.current(ON))
    course = items["jugendintegrationskurs"]
    assert course["@type"] == "Course"
    assert course["audience"]["suggestedMaxAge"] == 26
    assert course["hasCourseInstance"][0]["startDate"] == "2024-06-03"
    program = items["bae_koop_2024"]
    assert program["@type"] == "EducationalOccupationalProgram"
    assert program["programPrerequisites"] == "Deutschkenntnisse mindestens B1"
    assert program["startDate"] == "2024-09-01"  # the contract begins then
    assert program["maximumEnrollment"] == 30
    assert items["egz"]["@type"] == "GovernmentService"
    assert items["egz"]["legislation"]["name"].startswith("§ 16 Abs. 1 SGB II")
