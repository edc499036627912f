"""EGZ, Einstiegsgeld and the monthly flat benefits against hand-computed YAML cases."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from amp.rules.calculators.egz import EgzGroup, egz_maximum
from amp.rules.calculators.einstiegsgeld import einstiegsgeld
from amp.rules.calculators.monthly_benefit import monthly_benefit
from amp.rules.law import load_law

LAW = load_law()

CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "other_calculators.yaml").read_text("utf-8")
)


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


def _name(case: dict[str, Any]) -> str:
    return str(case["name"])


@pytest.mark.parametrize("case", CASES["egz"], ids=_name)
def test_egz_case(case: dict[str, Any]) -> None:
    given = case["input"]
    result = egz_maximum(LAW, EgzGroup(given["group"]), given["start"], given["age"])
    for label, value in case["expected"].items():
        assert result.value(label) == _d(value), label


@pytest.mark.parametrize("case", CASES["einstiegsgeld"], ids=_name)
def test_einstiegsgeld_case(case: dict[str, Any]) -> None:
    result = einstiegsgeld(LAW, **case["input"])
    for label, value in case["expected"].items():
        assert result.value(label) == _d(value), label


@pytest.mark.parametrize("case", CASES["benefits"], ids=_name)
def test_benefit_case(case: dict[str, Any]) -> None:
    given = case["input"]
    result = monthly_benefit(
        LAW.parameters[case["rule"]],
        given["start"],
        given["end"],
        keeps_rate_from_start=case["keeps_rate_from_start"],
    )
    assert result.total == _d(case["expected"]["total"])
    if "months" in case["expected"]:
        assert [m.amount for m in result.months] == [_d(v) for v in case["expected"]["months"]]
