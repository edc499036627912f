"""Next year's draft: three money columns from the ledger, each with its sources."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amp.core.budget import Column
from amp.core.ledger import Commitment, CommitmentStatus, Ledger, LedgerLine
from amp.core.ledger.model import PlanChange
from amp.core.ledger.multiyear import preloads
from amp.core.ledger.next_year import next_year_draft
from amp.core.periods import Month
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan

EXAMPLE = DEMO_PLAN

D = Decimal


def test_draft_equals_hand_values() -> None:
    plan = load_plan(EXAMPLE).plan
    stand = date(2024, 10, 31)
    ledger = Ledger(
        lines=tuple(
            LedgerLine(line.id, line.name, line.instrument) for line in plan.budget.lines()
        ),
        plans={2024: {line.id: line.amounts.plan or D(0) for line in plan.budget.lines()}},
        commitments=(
            Commitment(
                "BaE-1",
                "bae",
                date(2024, 8, 1),
                CommitmentStatus.BOUND,
                {Month(2024, 12): D(10000), Month(2025, 1): D(12000), Month(2025, 2): D(13000)},
            ),
            Commitment(
                "BaE-2",
                "bae",
                date(2024, 11, 5),
                CommitmentStatus.BOUND,  # after the Stand
                {Month(2025, 1): D(99999)},
            ),
        ),
        plan_changes=(PlanChange("F1", date(2024, 9, 1), "fbw_umschulung", D(-50000)),),
    )
    load = preloads(ledger, 2024, stand)[0]
    assert load.by_line == {"bae": D(25000)}
    draft, cells = next_year_draft(
        plan, ledger, stand, {"bae": (D(1100000), "Hochrechnung Profil")}, load.by_line
    )
    assert draft.year == 2025
    bae = next(line for line in draft.budget.lines() if line.id == "bae")
    assert bae.amounts.plan_prev == D("1181037.75")
    assert bae.amounts.forecast_prev == D(1100000)
    assert bae.amounts.commitments == D(25000)
    assert bae.amounts.plan is None  # the planner's column
    fbw = next(line for line in draft.budget.lines() if line.id == "fbw_umschulung")
    assert fbw.amounts.plan_prev == D(900000)
    by_cell = {(c.line, c.column): c.sources for c in cells}
    assert by_cell[("fbw_umschulung", Column.PLAN_PREV)] == (
        "Planung 2024: 950.000,00 €",
        "Fortschreibung F1 vom 01.09.2024: -50.000,00 €",
    )
    assert by_cell[("bae", Column.COMMITMENTS)] == ("Bindung BaE-1: 25.000,00 € in 2025",)
    assert by_cell[("bae", Column.FORECAST_PREV)] == ("Hochrechnung Profil",)
    assert draft.claims == ()
    assert all(g.printed_total is None for g in draft.budget.groups)
