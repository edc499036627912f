"""Umschichtung proposals, worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from amp.core.ledger import Fund, LedgerLine
from amp.core.ledger.reallocation import LineOutlook, Proposal, apply_to_plan, propose
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan

D = Decimal
LINES = (
    LedgerLine("aktivierung", "Aktivierung", "aktivierung"),
    LedgerLine("fbw", "FbW", "fbw"),
    LedgerLine("reha", "Reha", "reha", mandatory=True),
    LedgerLine("egz", "EGZ", "egz"),
    LedgerLine("jp", "JobPerspektive", "jobperspektive", fund=Fund.JOBPERSPEKTIVE),
)


def outlook(line: str, plan: int, forecast: int, upper: int | None = None) -> LineOutlook:
    return LineOutlook(line, D(plan), D(forecast), None if upper is None else D(upper))


def test_surplus_moves_to_deficits_mandatory_first_never_out_of_reha_or_jp() -> None:
    result = propose(
        LINES,
        {
            # surplus at the upper 80 % bound: 100.000 − 80.500 = 19.500 → 19.000
            "aktivierung": outlook("aktivierung", 100000, 70000, 80500),
            "fbw": outlook("fbw", 50000, 58200, 60000),  # deficit 8.200 → 9.000
            "reha": outlook("reha", 40000, 45100, 47000),  # deficit 5.100 → 6.000 (first)
            "egz": outlook("egz", 30000, 10000, 12000),  # surplus 18.000
            "jp": outlook("jp", 20000, 5000, 6000),  # surplus, but never a source
        },
    )
    assert [(p.source, p.target, p.amount) for p in result.proposals] == [
        ("aktivierung", "reha", D(6000)),
        ("egz", "fbw", D(9000)),  # after the first move egz has the larger surplus
    ]
    assert result.uncovered == {}
    assert result.unused == {"aktivierung": D(13000), "egz": D(9000)}
    assert set(result.excluded) == {"reha", "jp"}
    assert "685 11" in result.rule


def test_a_mandatory_line_with_surplus_gives_nothing_and_deficits_can_stay_uncovered() -> None:
    result = propose(
        LINES,
        {
            "reha": outlook("reha", 40000, 10000, 12000),
            "fbw": outlook("fbw", 50000, 70000),
            "jp": outlook("jp", 20000, 30000),
        },
    )
    assert result.proposals == ()
    assert result.uncovered == {"fbw": D(20000)}  # JobPerspektive's deficit is not a target


def test_applied_to_the_plan_moves_planung_and_keeps_the_total() -> None:
    plan = load_plan(DEMO_PLAN).plan
    before = {line.id: line.amounts.plan for line in plan.budget.lines()}
    shifted, cells = apply_to_plan(
        plan,
        (
            Proposal("aktivierung_erwachsene", "egz", D(30000), "r"),
            Proposal("aktivierung_erwachsene", "bae", D(5000), "r"),
        ),
    )
    after = {line.id: line.amounts.plan for line in shifted.budget.lines()}
    assert after["aktivierung_erwachsene"] == before["aktivierung_erwachsene"] - D(35000)
    assert after["egz"] == before["egz"] + D(30000)
    assert after["bae"] == before["bae"] + D(5000)
    assert sum(v for v in after.values() if v) == sum(v for v in before.values() if v)
    assert {c.line: (c.before, c.after) for c in cells}["egz"] == (
        before["egz"],
        before["egz"] + D(30000),
    )
    assert len(cells) == 3
    with pytest.raises(ValueError, match="gibt es im Plan nicht"):
        apply_to_plan(plan, (Proposal("gibtesnicht", "egz", D(1), "r"),))
    with pytest.raises(ValueError, match="weniger als nichts"):
        apply_to_plan(plan, (Proposal("egz", "bae", D(10) ** 11, "r"),))
