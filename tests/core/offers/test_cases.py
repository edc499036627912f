"""The finder's readable cases: tests/core/offers/cases/*.yaml, profile → expected offers.

Each case names a day, a profile, free places where they matter and what it expects: offers
included or left out, the first offer, reasons (text fragments, § included), the fit, the
person's place in the Förderkette and the chain findings for the Steuerung.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from amp.core.offers import (
    Catalogue,
    PlaceAvailability,
    Profile,
    chain_findings,
    find_offers,
)
from amp.core.offers.finder import person_positions
from amp.core.pathways import Pathway
from amp.example import DEMO_PLAN
from amp.io.offers import plan_catalogue, planned_places, profile_from
from amp.io.plan_dir import load_plan
from amp.rules.law import load_law
from amp.rules.offer_rules import with_legal_checks

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return plan_catalogue(load_plan(DEMO_PLAN).plan)


def _places(catalogue: Catalogue, spec: dict[str, Any]) -> dict[str, PlaceAvailability]:
    places = planned_places(catalogue)
    for offer_id, p in spec.items():
        assert catalogue.get(offer_id) is not None, f"unbekanntes Angebot im Fall: {offer_id}"
        places[offer_id] = PlaceAvailability(p.get("places"), p.get("free"), p.get("as_of"), "Fall")
    return places


def _matches(text: str, wanted: list[str]) -> list[str]:
    return [w for w in wanted if w not in text]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path, catalogue: Catalogue) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    on: date = case["stichtag"]
    expect = case["erwartet"]
    if "ketten" in case:
        chains = TypeAdapter(tuple[Pathway, ...]).validate_python(case["ketten"])
        catalogue = replace(catalogue, pathways=chains)
    places = _places(catalogue, case.get("plaetze", {}))
    profile = profile_from(case.get("profil", {}))
    profile = with_legal_checks(load_law(), profile, on)
    matches = find_offers(catalogue, profile, places, on, include_unfit=case.get("alle", False))
    by_id = {m.offer.id: m for m in matches}
    fitting = [m.offer.id for m in matches if m.fit.value != "passt nicht"]

    if "zuerst" in expect:
        assert matches[0].offer.id == expect["zuerst"], [m.offer.id for m in matches[:5]]
    if "zuerst_einer_von" in expect:
        assert matches[0].offer.id in expect["zuerst_einer_von"]
    for offer_id in expect.get("enthalten", []):
        assert offer_id in fitting, f"{offer_id} fehlt"
    for offer_id in expect.get("nicht_enthalten", []):
        assert offer_id not in fitting, f"{offer_id} sollte nicht passen"
    for offer_id, fragments in expect.get("gruende", {}).items():
        text = " | ".join(f"{r.text} ({r.reference})" for r in by_id[offer_id].reasons)
        assert _matches(text, fragments) == [], f"{offer_id}: {text}"
    for offer_id, fit in expect.get("passung", {}).items():
        assert by_id[offer_id].fit.value == fit, offer_id
    for offer_id, free in expect.get("frei", {}).items():
        assert by_id[offer_id].free == free
    order = [m.offer.id for m in matches]
    for first, second in expect.get("vor", []):
        assert order.index(first) < order.index(second), (first, second)
    if "kette" in expect:
        got = [
            {"kette": p.pathway_id, "stufe": p.stage_id, "naechste": p.next_stage_id}
            for p in person_positions(catalogue, profile, on)
        ]
        assert got == expect["kette"]
    for offer_id in expect.get("archiviert", []):
        assert offer_id in [o.id for o in catalogue.archived(on)]

    findings = chain_findings(catalogue, places, on)
    for want in expect.get("befunde", []):
        assert any(
            f.kind.value == want["art"]
            and f.pathway_id == want["kette"]
            and f.stage_id == want["stufe"]
            and want["text"] in f.message
            for f in findings
        ), (want, findings)
    for unwanted in expect.get("keine_befunde", []):
        assert not any(
            f.pathway_id == unwanted["kette"]
            and f.stage_id == unwanted["stufe"]
            and ("art" not in unwanted or f.kind.value == unwanted["art"])
            for f in findings
        ), (unwanted, [f for f in findings if f.stage_id == unwanted["stufe"]])


def test_cases_exist() -> None:
    assert len(CASES) >= 5


def test_a_profile_with_a_bad_field_names_it() -> None:
    from amp.core.problems import InputProblems

    with pytest.raises(InputProblems) as exc:
        profile_from({"age": "zweiundzwanzig", "german": "B7", "name": "Max"})
    paths = sorted(p.place.path or "" for p in exc.value.problems)
    assert paths == ["age", "german", "name"]


def test_legal_results_cannot_be_smuggled_in() -> None:
    from amp.core.problems import InputProblems

    with pytest.raises(InputProblems):
        profile_from({"legal": {"16i": []}})


def test_an_empty_profile_gets_offers_to_check_not_an_error(catalogue: Catalogue) -> None:
    matches = find_offers(catalogue, Profile(), planned_places(catalogue), date(2024, 5, 2))
    assert matches
    assert all(m.fit.value in ("passt", "prüfen") for m in matches)
    assert not any(m.offer.ended(date(2024, 5, 2)) for m in matches)
