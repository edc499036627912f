"""amp.core.diff: changes matched by id, with old, new and Δ."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from amp.core.budget import BudgetLine
from amp.core.diff import Change, ChangeKind, diff_plans
from amp.core.plan import Plan
from amp.io.plan_dir import load_plan

EXAMPLE = Path(__file__).parents[1] / "examples" / "jobcenter-en-2024"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(EXAMPLE).plan


def with_lines(plan: Plan, lines: tuple[BudgetLine, ...]) -> Plan:
    group = dataclasses.replace(plan.budget.groups[0], lines=lines)
    budget = dataclasses.replace(plan.budget, groups=(group, *plan.budget.groups[1:]))
    return dataclasses.replace(plan, budget=budget)


def test_the_same_plan_has_no_changes(plan: Plan) -> None:
    assert diff_plans(plan, plan) == []


def test_a_changed_amount_with_delta(plan: Plan) -> None:
    first, *rest = plan.budget.groups[0].lines
    changed = dataclasses.replace(
        first, amounts=dataclasses.replace(first.amounts, commitments=None)
    )
    [change] = diff_plans(plan, with_lines(plan, (changed, *rest)))
    path = ("budget", "groups", "aktivierung_qualifizierung", "lines", first.id)
    assert change == Change((*path, "amounts", "commitments"), ChangeKind.CHANGED, Decimal("0.00"))
    assert change.delta == Decimal("0.00")


def test_moved_rows_are_no_change_and_new_and_removed_rows_are_named(plan: Plan) -> None:
    first, second, *rest = plan.budget.groups[0].lines
    assert diff_plans(plan, with_lines(plan, (second, first, *rest))) == []
    new = dataclasses.replace(first, id="neu", name="Neue Zeile")
    changes = diff_plans(plan, with_lines(plan, (new, second, *rest)))
    assert [(c.path[-1], c.kind) for c in changes] == [
        (first.id, ChangeKind.REMOVED),
        ("neu", ChangeKind.ADDED),
    ]
    assert changes[1].new == new
    assert changes[1].delta is None


def test_a_number_that_appears_counts_from_nothing(plan: Plan) -> None:
    change = Change(("x",), ChangeKind.CHANGED, None, Decimal("12.50"))
    assert change.delta == Decimal("12.50")
    assert Change(("x",), ChangeKind.CHANGED, "a", "b").delta is None
    assert Change(("x",), ChangeKind.CHANGED, True, False).delta is None
