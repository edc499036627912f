"""amp.core.diff: changes matched by id, with old, new and Δ."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from amp.core.budget import BudgetLine
from amp.core.diff import Change, ChangeKind, diff_plans
from amp.core.plan import Plan
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.reports.changes import change_text, where

EXAMPLE = DEMO_PLAN


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


def test_places_name_rows_by_name_from_the_plan_that_holds_them(plan: Plan) -> None:
    first = plan.budget.groups[0].lines[0]
    new = with_lines(plan, plan.budget.groups[0].lines[1:])  # the first line removed
    (removed,) = [c for c in diff_plans(plan, new) if c.kind is ChangeKind.REMOVED]
    group = plan.budget.groups[0].name
    assert where(removed.path) == f"Finanzplanung › {plan.budget.groups[0].id} › {first.id}"
    assert where(removed.path, (new, plan)) == f"Finanzplanung › {group} › {first.name}"
    text = change_text(removed, (new, plan))
    assert text == f"- Finanzplanung › {group} › {first.name}: entfernt"


def test_places_of_edits_by_position_and_unknown_rows(plan: Plan) -> None:
    line = plan.budget.groups[0].lines[1]
    by_position = ("budget", "groups", 0, "lines", 1, "amounts", "plan")
    assert where(by_position, (plan,)) == (
        f"Finanzplanung › {plan.budget.groups[0].name} › {line.name} › Planung"
    )
    assert where(("budget", "groups", 0, "lines", 99, "name"), (plan,)).endswith(
        "› Nr. 100 › Bezeichnung"
    )
    assert where(("measure_tables", "gibt_es_nicht", "title"), (plan,)) == (
        "Maßnahmen › gibt_es_nicht › title"
    )
