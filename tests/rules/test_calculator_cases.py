"""The calculators against hand-computed YAML cases in tests/rules/cases/."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from amp.rules.calculators.wage_subsidy import Household, law_16e, law_16i, subsidy_schedule
from amp.rules.law import load_law

CASES = Path(__file__).parent / "cases"
LAWS = {"16i": law_16i, "16e": law_16e}
LAW = load_law()


def _cases(file: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load((CASES / file).read_text("utf-8"))
    return cases


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, date):
        return bool(actual == expected)
    return bool(Decimal(str(actual)) == Decimal(str(expected)))


@pytest.mark.parametrize("case", _cases("wage_subsidy.yaml"), ids=lambda c: c["name"])
def test_wage_subsidy_case(case: dict[str, Any]) -> None:
    given = case["input"]
    schedule = subsidy_schedule(
        LAWS[case["calculator"]](LAW),
        given["start"],
        Decimal(str(given["hours"])),
        months=given.get("months"),
        hourly_wage=Decimal(str(given["wage"])) if "wage" in given else None,
        household=Household(given.get("household", "single")),
    )
    expected = case["expected"]
    if "count" in expected:
        assert len(schedule.months) == expected["count"]
    if "total" in expected:
        assert _same(schedule.total, expected["total"])
    for number, fields in expected["months"].items():
        month = schedule.months[number - 1]
        for field, value in fields.items():
            assert _same(getattr(month, field), value), (number, field)
