"""The hand-computed ledgers in cases/*.yaml: every expected figure is checked."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from amp.core.ledger import Tolerance, check_availability, position
from amp.core.ledger.multiyear import preloads
from amp.core.money import round_half_up

from .ledgercase import build, money, stand

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = _load(path)
    ledger = build(case)
    result = position(ledger, int(case["year"]), stand(case))
    expected = case["expected"]
    for line_id, months in (expected.get("lines") or {}).items():
        line = result.line(line_id)
        by_month = {str(m.month): m for m in line.months}
        for month, figures in months.items():
            row = by_month[str(month)]
            for name, value in figures.items():
                actual = (
                    round_half_up(row.exhaustion or Decimal(0))
                    if name == "exhaustion"
                    else getattr(row, name)
                )
                assert actual == money(value), f"{line_id} {month} {name}"
    for month, figures in (expected.get("totals") or {}).items():
        row = next(t for t in result.totals if str(t.month) == str(month))
        for name, value in figures.items():
            assert getattr(row, name) == money(value), f"Summe {month} {name}"
    for fund_id, figures in (expected.get("funds") or {}).items():
        fund = next(f for f in result.funds if f.fund.value == fund_id)
        for name, value in figures.items():
            assert getattr(fund, name) == money(value), f"Topf {fund_id} {name}"
    assert sorted(f.rule for f in result.findings) == sorted(expected.get("findings") or [])
    if "unmapped" in expected:
        assert [
            {
                "account": u.account,
                "cost_center": u.cost_center,
                "bookings": u.bookings,
                "amount": u.amount,
            }
            for u in result.unmapped
        ] == [{**u, "amount": money(u["amount"])} for u in expected["unmapped"]]
    for check in expected.get("availability") or ():
        tolerance = Tolerance(
            *(
                None if check["tolerance"].get(k) is None else money(check["tolerance"][k])
                for k in ("percent", "absolute")
            )
        )
        finding = check_availability(result.line(check["line"]), money(check["amount"]), tolerance)
        severity = None if finding is None else finding.severity.value
        assert severity == check["severity"], check
    if "preload" in expected:
        loads = {load.year: load.total for load in preloads(ledger, int(case["year"]), stand(case))}
        for year, value in expected["preload"].items():
            assert loads[int(year)] == money(value), f"Vorbelastung {year}"


def test_every_case_is_collected() -> None:
    assert len(CASES) >= 7
