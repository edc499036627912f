"""The hand-computed flow cases in cases/*.yaml: every expected figure is checked."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from amp.core.money import round_half_up
from amp.core.occupancy import free_places, occupancy, options_due, tender_alerts
from amp.core.occupancy.tenders import assess

from .occupancycase import contracts, events, month

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
FLOW_FIELDS = {
    "participant_days",
    "stock_end",
    "assignments",
    "entries",
    "no_shows",
    "exits",
    "exits_regular",
    "exits_dropout",
    "exits_integration",
}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_the_four_cases_of_the_issue_are_there() -> None:
    names = {p.stem for p in CASES}
    assert {
        "eintritt_und_austritt_im_selben_monat",
        "nichtantritt",
        "los_mit_option",
        "stundenkontingent",
    } <= names


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = _load(path)
    cs, es = contracts(case), events(case)
    table = occupancy(cs, es, month(case["from"]), month(case["to"]))
    for measure, months in case["expected"].items():
        by_month = {str(m.month): m for m in table[measure]}
        for m, figures in months.items():
            row = by_month[str(m)]
            for name, value in figures.items():
                actual = getattr(row.flows, name) if name in FLOW_FIELDS else getattr(row, name)
                if isinstance(actual, Decimal):
                    actual = round_half_up(actual)
                    value = Decimal(value)
                assert actual == value, f"{measure} {m} {name}"
    for contract_id, figures in (case.get("contract_values") or {}).items():
        contract = next(c for c in cs if c.id == contract_id)
        for name, value in figures.items():
            actual = getattr(contract, name)
            expected = Decimal(value) if isinstance(actual, Decimal) else value
            assert actual == expected, f"{contract_id} {name}"
    if "free_places" in case:
        spec = dict(case["free_places"])
        on = spec.pop("day")
        free = free_places(cs, es, on)
        for measure, figures in spec.items():
            for name, value in figures.items():
                assert getattr(free[measure], name) == value, f"frei {measure} {name}"
            assert free[measure].as_of == on
    for check in case.get("tenders") or []:
        on = check["day"]
        for contract in cs:
            if contract.id in check:
                assert assess(cs, contract, on).status.value == check[contract.id], contract.id
        if "alerts" in check:
            assert [i.contract.id for i in tender_alerts(cs, on)] == check["alerts"]
        if "options_due" in check:
            due = {d.contract.id: d.days_left for d in options_due(cs, on)}
            assert due == check["options_due"]
