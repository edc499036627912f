"""The budget table as the budget screen shows it: lines with their inputs, sums, shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from amp.core import formatting
from amp.core.budget import Column, Quantity, QuantityUnit
from amp.core.figures import target_group_amounts
from amp.core.money import percent, round_half_up, total
from amp.core.plan import Plan as CorePlan

UNIT_LABELS = {
    QuantityUnit.PLACES: "Plätze",
    QuantityUnit.CASES: "Förderfälle",
    QuantityUnit.ENTRIES: "Eintritte",
}


UNIT_CHOICES = [(u.value, label) for u, label in UNIT_LABELS.items()]


@dataclass(frozen=True)
class FieldError:
    """A rejected input: which field, what the user typed, the German message."""

    group: int
    line: int
    field: str  # a Column value or "menge"
    typed: str
    message: str


@dataclass(frozen=True)
class TableState:
    all_columns: bool = False  # every money column and the quantity editable, not only Plan
    error: FieldError | None = None
    saved: set[tuple[int, int, str]] = field(default_factory=set)
    # the values of the version in force by (line id, column value or "menge"), to mark the
    # cells that differ from it; None when no other version is in force
    reference: dict[tuple[str, str], Any] | None = None
    reference_number: int | None = None
    # the comments of the version's lines by line id: {"text", "who", "when"}
    comments: dict[str, dict[str, str]] = field(default_factory=dict)


def reference_values(core: CorePlan) -> dict[tuple[str, str], Any]:
    """Every budget cell of a plan by (line id, column value or "menge")."""
    values: dict[tuple[str, str], Any] = {}
    for line in core.budget.lines():
        for column in Column:
            values[(line.id, column.value)] = line.amounts.get(column)
        values[(line.id, "menge")] = line.quantity
    return values


def _mark(
    state: TableState, line_id: str, field: str, value: Any, shown: Callable[[Any], str]
) -> dict[str, str] | None:
    """How a cell differs from the version in force: None when it does not (or no version is
    in force), else the words for the title and for screen readers."""
    if state.reference is None:
        return None
    key = (line_id, field)
    if key not in state.reference:
        return {"text": f"neue Zeile, nicht in Version {state.reference_number} (gültig)"}
    before = state.reference[key]
    if before == value:
        return None
    return {
        "text": f"geändert; Version {state.reference_number} (gültig): {shown(before) or 'leer'}"
    }


def quantity_text(quantity: Quantity | None) -> str:
    if quantity is None:
        return ""
    if quantity.open:
        return "offen"
    if quantity.value is None:
        return ""
    approx = "~" if quantity.approximate else ""
    unit = f" {quantity.unit.value}" if quantity.unit is not None else ""
    return f"{approx}{formatting.count(quantity.value)}{unit}"


def quantity_input(quantity: Quantity | None) -> str:
    """The number as the quantity input shows it: 1.200, or "offen"."""
    if quantity is None:
        return ""
    if quantity.open:
        return "offen"
    return "" if quantity.value is None else formatting.count(quantity.value)


def quantity_token(quantity: Quantity | None) -> str:
    """The quantity as the hidden "gesehen" field carries it (compare-and-set)."""
    if quantity is None:
        return ""
    unit = quantity.unit.value if quantity.unit is not None else ""
    value = "" if quantity.value is None else str(quantity.value)
    return f"{value}|{unit}|{int(quantity.approximate)}|{int(quantity.open)}"


def quantity_from_token(token: str) -> Quantity | None:
    """Inverse of quantity_token; raises ValueError for a token no page ever sent."""
    if not token:
        return None
    value, unit, approximate, is_open = token.split("|")
    return Quantity(
        value=int(value) if value else None,
        unit=QuantityUnit(unit) if unit else None,
        approximate=approximate == "1",
        open=is_open == "1",
    )


def _money_cell(
    value: Decimal | None, column: Column, g: int, i: int, state: TableState, line_id: str = ""
) -> dict[str, Any]:
    editable = state.all_columns or column is Column.PLAN
    error = state.error
    mine = error is not None and (error.group, error.line, error.field) == (g, i, column.value)
    return {
        "ident": f"{g}-{i}-{column.value}",
        "column": column.value,
        "text": formatting.money(value),
        "input": error.typed if mine and error is not None else formatting.amount_input(value),
        "stored": formatting.amount_input(value),  # what Esc brings back
        "seen": "" if value is None else str(value),
        "editable": editable,
        "error": error.message if mine and error is not None else "",
        "saved": (g, i, column.value) in state.saved,
        "mark": _mark(state, line_id, column.value, value, formatting.money),
    }


def _quantity_cell(
    quantity: Quantity | None, g: int, i: int, state: TableState, line_id: str = ""
) -> dict[str, Any]:
    error = state.error
    mine = error is not None and (error.group, error.line, error.field) == (g, i, "menge")
    return {
        "ident": f"{g}-{i}-menge",
        "text": quantity_text(quantity),
        "input": error.typed if mine and error is not None else quantity_input(quantity),
        "stored": quantity_input(quantity),
        "unit": "" if quantity is None or quantity.unit is None else quantity.unit.value,
        "approximate": quantity is not None and quantity.approximate,
        "seen": quantity_token(quantity),
        "error": error.message if mine and error is not None else "",
        "saved": (g, i, "menge") in state.saved,
        "mark": _mark(state, line_id, "menge", quantity, quantity_text),
    }


def shown_columns(all_columns: bool) -> tuple[Column, ...]:
    """The money columns the grid shows: compact (the plan column only) or all of them."""
    return tuple(Column) if all_columns else (Column.PLAN,)


def _sums(amounts: Any, shown: tuple[Column, ...] = tuple(Column)) -> list[str]:
    return [formatting.money(amounts.get(c)) for c in shown]


def budget_group(core: CorePlan, g: int, state: TableState) -> dict[str, Any]:
    group = core.budget.groups[g]
    shown = shown_columns(state.all_columns)
    return {
        "index": g,
        "name": group.name,
        "lines": [
            {
                "group": g,
                "line": i,
                "name": line.name,
                "cells": [_money_cell(line.amounts.get(c), c, g, i, state, line.id) for c in shown],
                "quantity": _quantity_cell(line.quantity, g, i, state, line.id),
                "id": line.id,
                "comment": state.comments.get(line.id),
            }
            for i, line in enumerate(group.lines)
        ],
        "sums": _sums(group.computed_total(), shown),
    }


def budget_totals(core: CorePlan, all_columns: bool = True) -> list[dict[str, Any]]:
    budget = core.budget
    shown = shown_columns(all_columns)
    rows = [
        {"label": row.label, "sums": _sums(budget.computed_total(row.groups), shown)}
        for row in budget.totals
    ]
    every = {g.id for g in budget.groups}
    if not any(set(row.groups) >= every for row in budget.totals):
        rows.append({"label": "Summe aller Zeilen", "sums": _sums(budget.computed_total(), shown)})
    return rows


def columns(core: CorePlan, all_columns: bool = True) -> list[dict[str, str]]:
    return [
        {"key": c.value, "label": core.budget.column_label(c)} for c in shown_columns(all_columns)
    ]


def paste_starts(core: CorePlan, all_columns: bool) -> list[dict[str, str]]:
    """The cells where a pasted block may start, for the block form without JavaScript."""
    shown = shown_columns(all_columns)
    return [
        {
            "value": f"{g}-{i}-{c.value}",
            "label": line.name
            if len(shown) == 1
            else f"{line.name} – {core.budget.column_label(c)}",
        }
        for g, group in enumerate(core.budget.groups)
        for i, line in enumerate(group.lines)
        for c in shown
    ]


def budget_table(core: CorePlan, state: TableState) -> dict[str, Any]:
    groups = [budget_group(core, g, state) for g in range(len(core.budget.groups))]
    marked = sum(
        1
        for group in groups
        for line in group["lines"]
        for cell in (*line["cells"], line["quantity"])
        if cell["mark"]
    )
    return {
        "marked": marked,
        "reference_number": state.reference_number,
        "columns": columns(core, state.all_columns),
        "groups": groups,
        "totals": budget_totals(core, state.all_columns),
        "all_columns": state.all_columns,
        "units": UNIT_CHOICES,
    }


# the bar chart's geometry in SVG user units: labels left, bars right, one row per group
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 300, 240, 24


def shares(core: CorePlan) -> dict[str, Any] | None:
    """Money by target group with shares and the bar lengths of a plain SVG chart."""
    table = core.target_groups
    if table is None:
        return None
    amounts = target_group_amounts(core, table)
    whole = total(line.amounts.get(table.column) for line in core.budget.lines())
    largest = max(amounts.values(), default=Decimal(0))
    rows = []
    for position, group in enumerate(table.groups):
        amount = amounts[group.id]
        share = percent(amount, whole)
        length = Decimal(0) if not largest else amount * BAR_WIDTH / largest
        rows.append(
            {
                "name": group.name,
                "label": group.name if len(group.name) <= 44 else group.name[:43] + "…",
                "amount": formatting.money(amount),
                "share": formatting.percent(share),
                "bar": str(round_half_up(length, 1)),
                "share_x": str(LABEL_WIDTH + round_half_up(length, 1) + 6),
                "y": position * ROW_HEIGHT,
                "text_y": position * ROW_HEIGHT + 15,
            }
        )
    return {
        "title": table.title,
        "column": core.budget.column_label(table.column),
        "base": table.base_label or "Gesamtsumme",
        "whole": formatting.money(whole),
        "whole_share": formatting.percent(percent(total(amounts.values()), whole)),
        "rows": rows,
        "height": len(rows) * ROW_HEIGHT,
        "width": LABEL_WIDTH + BAR_WIDTH + 80,
        "bar_x": LABEL_WIDTH,
    }
