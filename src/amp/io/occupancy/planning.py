"""The plan as measure controlling reads it: plan lines with places and their measures,
Bildungsziele and AVGS categories as voucher goals, the instrument of each measure."""

from __future__ import annotations

from amp.core.budget import QuantityUnit
from amp.core.money import ZERO
from amp.core.occupancy.costs import PlanLineRef, line_of
from amp.core.occupancy.model import Contract, VoucherKind
from amp.core.occupancy.vouchers import VoucherGoal
from amp.core.plan import Plan
from amp.core.vouchers import TRAINING_KIND_LABELS


def plan_lines(plan: Plan) -> list[PlanLineRef]:
    result = []
    for line in plan.budget.lines():
        q = line.quantity
        places = q.value if q is not None and q.unit is QuantityUnit.PLACES else None
        result.append(
            PlanLineRef(
                line.id,
                line.name,
                line.instrument,
                line.amounts.plan or ZERO,
                places,
                bool(q is not None and q.approximate),
                tuple(line.measures),
            )
        )
    return result


def voucher_goals(plan: Plan) -> list[VoucherGoal]:
    goals = []
    if plan.training_vouchers is not None:
        for g in plan.training_vouchers.goals:
            goals.append(
                VoucherGoal(
                    VoucherKind.BGS,
                    g.id,
                    g.name,
                    g.total,
                    tuple(g.quarters),
                    TRAINING_KIND_LABELS[g.kind],
                )
            )
    if plan.avgs is not None:
        for c in plan.avgs.categories:
            goals.append(VoucherGoal(VoucherKind.AVGS, c.id, c.name, c.count, None, "AVGS"))
    return goals


def measure_names(plan: Plan) -> dict[str, str]:
    return {m.id: m.name for m in plan.measures().values()}


def measure_instruments(plan: Plan, contracts: list[Contract]) -> dict[str, str]:
    """Measure id → the instrument of its plan line (from its contracts or the plan)."""
    lines = plan_lines(plan)
    by_line = {line.id: line.instrument for line in lines}
    result: dict[str, str] = {}
    for line in lines:
        for measure in line.measures:
            result[measure] = line.instrument
    for c in contracts:
        line_id = line_of(c, lines)
        if line_id is not None and line_id in by_line:
            result.setdefault(c.measure, by_line[line_id])
    return result
