"""`amp check` with the law of the plan year: instruments out of force are warned about."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from amp.core.checks import check_plan
from amp.core.checks.base import LegalFacts
from amp.core.checks.law import month_coverage
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.rules.legal_facts import in_force, legal_facts
from amp.rules.parameters import load_parameter

EXAMPLE = DEMO_PLAN


def _law_findings(year: int, law: LegalFacts | None = None) -> dict[str, str]:
    plan = dataclasses.replace(load_plan(EXAMPLE).plan, year=year)
    found = check_plan(plan, law or legal_facts(year))
    return {f.location.row or "": f.message for f in found if f.rule.startswith("law.")}


def test_16j_in_2024_is_in_force_until_27_march() -> None:
    rule = in_force(load_parameter("sgb2_16j_buergergeldbonus.betrag"), 2024)
    assert [(a.isoformat(), b.isoformat()) for a, b in rule.periods] == [
        ("2024-01-01", "2024-03-27")
    ]
    assert month_coverage(rule, 2024) == (list(range(4, 13)), [3])


def test_the_2024_plan_is_warned_about_the_buergergeldbonus_only() -> None:
    found = _law_findings(2024)
    assert list(found) == ["Bürgergeldbonus (§ 16j SGB II)"]
    assert "von April bis Dezember nicht und im März nur teilweise" in next(iter(found.values()))


def test_fbw_and_reha_planned_for_2025_are_warned_about() -> None:
    found = _law_findings(2025)
    assert (
        "im ganzen Jahr 2025 nicht in Kraft" in found["Pflichtleistungen Reha (§§ 117 ff. SGB III)"]
    )
    assert "im ganzen Jahr 2025 nicht in Kraft" in found["Bürgergeldbonus (§ 16j SGB II)"]
    fbw = [row for row in found if row.startswith("FbW")]
    assert len(fbw) == 2


def test_an_unknown_rule_is_an_error() -> None:
    loaded = load_plan(EXAMPLE).plan
    instruments = tuple(
        dataclasses.replace(i, rule="gibt_es_nicht") if i.id == "taam" else i
        for i in loaded.instruments
    )
    plan = dataclasses.replace(loaded, instruments=instruments)
    found = [f for f in check_plan(plan, legal_facts(2024)) if f.rule == "law.unknown_rule"]
    assert len(found) == 1
    assert "gibt_es_nicht" in found[0].message


def test_a_rate_above_the_legal_maximum_is_an_error() -> None:
    loaded = load_plan(EXAMPLE).plan
    rates = {"taam": Decimal(100), "egz": Decimal(60)}  # § 16i allows 100 %, EGZ 50 %
    instruments = tuple(
        dataclasses.replace(i, planned_rate=rates[i.id]) if i.id in rates else i
        for i in loaded.instruments
    )
    plan = dataclasses.replace(loaded, instruments=instruments)
    found = [f for f in check_plan(plan, legal_facts(2024)) if f.rule == "law.rate"]
    assert [(f.location.row, f.printed, f.computed) for f in found] == [
        ("Eingliederungszuschuss", Decimal(60), Decimal(50))
    ]
