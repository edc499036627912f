"""The net change per budget group and in total, as the comparison and the scenario show it
before their details ("how much, where")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from amp.core import formatting
from amp.core.budget import Amounts, Column
from amp.core.diff import Change, NetChange, net_change
from amp.core.plan import Plan as CorePlan
from amp.core.units import Unit


def _cells(old: Amounts, new: Amounts, columns: tuple[Column, ...]) -> list[dict[str, str]]:
    cells = []
    for column in columns:
        before, after = old.get(column), new.get(column)
        delta: Decimal | None = None
        if before is not None or after is not None:
            delta = (after or Decimal(0)) - (before or Decimal(0))
        cells.append(
            {
                "old": formatting.money(before),
                "new": formatting.money(after),
                "delta": formatting.signed(delta, Unit.EUR) if delta else "±0,00 €",
            }
        )
    return cells


def shown_net(net: NetChange, new_plan: CorePlan) -> dict[str, Any]:
    """Groups with a change (in the newer order), the total, and the changed columns."""
    columns = net.columns
    groups = [
        {
            "id": g.group_id,
            "name": g.name,
            "changes": g.changes,
            "cells": _cells(g.old, g.new, columns),
        }
        for g in net.groups
        if g.changes
    ]
    return {
        "columns": [new_plan.budget.column_label(c) for c in columns],
        "groups": groups,
        "unchanged": len(net.groups) - len(groups),
        "total": _cells(net.total_old, net.total_new, columns),
        "other": net.other_changes,
    }


def net_of_plans(
    old: CorePlan, new: CorePlan, changes: list[Change] | None = None
) -> dict[str, Any]:
    return shown_net(net_change(old, new, changes), new)
