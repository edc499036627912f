"""Root causes and their consequences in the Finanzplanung, over generated plans.

A total row that adds the printed blocks above it correctly only repeats their deviation:
its finding must name the root cause (`consequence_of`), and the root cause must stand as
the one finding without causes.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from amp.core.budget import Amounts, BudgetTotal, Column
from amp.core.checks import check_plan
from amp.core.plan import Plan
from tests.support.plans import LAW, consistent_plans

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STEPS = st.integers(1, 10_000_000).map(lambda c: Decimal(c).scaleb(-2))


def _shifted(amounts: Amounts, column: Column, step: Decimal) -> Amounts:
    value = amounts.get(column)
    assert value is not None
    return dataclasses.replace(amounts, **{column.value: value + step})


def _sum_findings(plan: Plan) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (f.id, tuple(c.id for c in f.consequence_of))
        for f in check_plan(plan, LAW)
        if f.rule in ("sum.group", "sum.total")
    ]


@SETTINGS
@given(consistent_plans(), st.data(), STEPS)
def test_totals_that_repeat_a_wrong_group_sum_are_its_consequences(
    plan: Plan, data: st.DataObject, step: Decimal
) -> None:
    budget = plan.budget
    printed = [
        (g, column)
        for g, group in enumerate(budget.groups)
        if group.printed_total is not None
        for column in Column
        if group.printed_total.get(column) is not None
    ]
    assume(printed)
    g, column = data.draw(st.sampled_from(printed), label="group sum")
    group = budget.groups[g]
    assert group.printed_total is not None
    groups = list(budget.groups)
    groups[g] = dataclasses.replace(
        group, printed_total=_shifted(group.printed_total, column, step)
    )
    # every total row over the group is printed as the sum of the printed blocks
    totals = tuple(
        dataclasses.replace(t, printed=_shifted(t.printed, column, step))
        if group.id in t.groups and t.printed.get(column) is not None
        else t
        for t in budget.totals
    )
    altered = dataclasses.replace(
        plan, budget=dataclasses.replace(budget, groups=tuple(groups), totals=totals)
    )
    root = f"sum.group@budget.groups[{g}].printed_total.{column.value}"
    found = _sum_findings(altered)
    assert found[0] == (root, ())
    assert all(causes == (root,) for _, causes in found[1:])
    assert len(found) == 1 + sum(1 for t in totals if group.id in t.groups)


@SETTINGS
@given(consistent_plans(), st.sampled_from(list(Column)), STEPS)
def test_a_total_that_adds_a_wrong_subtotal_correctly_follows_from_it(
    plan: Plan, column: Column, step: Decimal
) -> None:
    inner, outer = plan.budget.totals
    assume(set(inner.groups) < set(outer.groups))
    assume(inner.printed.get(column) is not None)

    def shift(row: BudgetTotal) -> BudgetTotal:
        return dataclasses.replace(row, printed=_shifted(row.printed, column, step))

    budget = dataclasses.replace(plan.budget, totals=(shift(inner), shift(outer)))
    root = f"sum.total@budget.totals[0].printed.{column.value}"
    assert _sum_findings(dataclasses.replace(plan, budget=budget)) == [
        (root, ()),
        (f"sum.total@budget.totals[1].printed.{column.value}", (root,)),
    ]
