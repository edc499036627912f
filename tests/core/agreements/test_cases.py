"""The YAML cases of the target agreements (progress, Zielnachhaltung, comparison, unused
money and places), each value computed by hand in the case file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from amp.core.agreements import (
    Agreement,
    ComparisonEntry,
    compare,
    follow_up,
    indicator,
    line_use,
    progress,
    unused_summary,
)

CASES = Path(__file__).parent / "cases"


def load(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


def dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def values(case: dict[str, Any]) -> dict[str, Decimal | None]:
    return {str(month): dec(value) for month, value in case["values"].items()}


def agreement(case: dict[str, Any]) -> Agreement:
    a = case["agreement"]
    return Agreement(a["jobcenter"], a["year"], a["indicator"], Decimal(a["target"]))


@pytest.mark.parametrize("case", load("fortschritt.yaml"), ids=lambda c: c["name"])
def test_progress(case: dict[str, Any]) -> None:
    result = progress(agreement(case), values(case))
    expected = case["expected"]
    assert result.month == (None if expected["month"] is None else str(expected["month"]))
    assert text(result.actual) == expected["actual"]
    assert text(result.projection) == expected["projection"]
    assert (result.method and result.method.value) == expected["method"]
    assert text(result.gap) == expected["gap"]
    assert result.status.value == expected["status"]
    quarters = follow_up(agreement(case), values(case))
    assert [
        {
            "quarter": q.quarter,
            "month": q.month,
            "projection": text(q.progress.projection),
            "status": q.progress.status.value,
        }
        for q in quarters
    ] == [{**q, "month": str(q["month"])} for q in case["quarters"]]
    assert all(q.reported for q in quarters)


@pytest.mark.parametrize("case", load("vergleich.yaml"), ids=lambda c: c["name"])
def test_comparison(case: dict[str, Any]) -> None:
    entries = [
        ComparisonEntry(e["jobcenter"], e["name"], e["type"], dec(e["value"]))
        for e in case["entries"]
    ]
    result = compare(indicator(case["indicator"]), entries)
    assert [
        {
            "type": t.comparison_type,
            "mean": text(t.mean),
            "best": text(t.best),
            "worst": text(t.worst),
            "rows": [
                {"jobcenter": r.entry.jobcenter, "rank": r.rank, "deviation": text(r.deviation)}
                for r in t.rows
            ],
        }
        for t in result
    ] == case["expected"]


@pytest.mark.parametrize("case", load("ungenutzt.yaml"), ids=lambda c: c["name"])
def test_unused(case: dict[str, Any]) -> None:
    lines = [
        line_use(
            row["line"],
            row["line"],
            Decimal(row["plan"]),
            Decimal(row["forecast"]),
            row["quantity"],
            row["unit"],
        )
        for row in case["lines"]
    ]
    summary = unused_summary(lines)
    expected = case["expected"]
    assert summary.plan == Decimal(expected["plan"])
    assert summary.forecast == Decimal(expected["forecast"])
    assert summary.unused == Decimal(expected["unused"])
    assert [
        {
            "line": u.line,
            "unused": u.unused,
            "quantity": u.unused_quantity,
            "utilisation": text(u.utilisation),
        }
        for u in summary.lines
    ] == [{**row, "unused": Decimal(row["unused"])} for row in expected["lines"]]


def test_indicators_are_figures_of_the_kpi_engine() -> None:
    """Every agreement indicator names a § 48a figure and breakdown amp.kpi computes, under
    the figure's own name where it is the whole population."""
    from amp.core.agreements import INDICATORS
    from amp.kpi.basesql import GROUPS
    from amp.kpi.figures import FIGURE_BY_CODE

    for item in INDICATORS.values():
        assert item.figure in FIGURE_BY_CODE, item.id
        assert item.group in GROUPS, item.id
        if item.group == "insgesamt":
            assert item.name == FIGURE_BY_CODE[item.figure].name, item.id


def test_unknown_indicator_is_refused_in_german() -> None:
    with pytest.raises(ValueError, match="unbekannte Kennzahl „K9“"):
        Agreement("a", 2024, "K9", Decimal(1))
    with pytest.raises(KeyError, match="möglich: K2"):
        indicator("K9")


def test_comparison_types_in_published_order() -> None:
    from amp.core.agreements.comparison import type_order

    kinds = ["IIIa", "Ib", "IIa", "IVc", "Ia", "anders", "Va"]
    assert sorted(kinds, key=type_order) == ["Ia", "Ib", "IIa", "IIIa", "IVc", "Va", "anders"]
