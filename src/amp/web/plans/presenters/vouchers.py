"""The voucher grid as the edit screen shows it: rows of cells, each with its place in the
plan, its label, the value shown and the value the planner saw (for compare-and-set)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from amp.core import formatting
from amp.core.findings import ModelPath
from amp.core.plan import Plan as CorePlan
from amp.core.vouchers import TRAINING_KIND_LABELS
from amp.reports.tables import Row as TableRow
from amp.reports.tables import RowKind, TableView, voucher_table
from amp.web.plans.forms.fields import seen_text
from amp.web.plans.plan_edits import Guard
from amp.web.plans.presenters.sorting import SortColumn, sort_rows


def count_text(value: int | None) -> str:
    return "(leer)" if value is None else formatting.count(value)


@dataclass
class Cell:
    """One count in the grid: its input name, place in the model, label, what was seen."""

    name: str
    path: ModelPath
    label: str
    value: int | None
    required: bool = False
    typed: str = ""
    seen: str = ""
    error: str = ""

    def __post_init__(self) -> None:
        self.typed = formatting.count(self.value)
        self.seen = seen_text(self.value)


@dataclass
class Row:
    name: str
    cells: list[Cell]
    group: str = ""
    note: str = ""


@dataclass
class Grid:
    training: list[Row] = field(default_factory=list)
    avgs: list[Row] = field(default_factory=list)
    guards: list[Guard] = field(default_factory=list)

    def cells(self) -> list[Cell]:
        return [c for row in (*self.training, *self.avgs) for c in row.cells]


def grid_of(core: CorePlan) -> Grid:
    grid = Grid()
    moved = "Die Gutscheinplanung wurde inzwischen umgebaut. Bitte die Seite neu laden."
    if core.training_vouchers is not None:
        for g, goal in enumerate(core.training_vouchers.goals):
            base: ModelPath = ("training_vouchers", "goals", g)
            grid.guards.append(Guard((*base, "id"), goal.id, moved))
            place = f"Bildungsziele › {goal.name}"
            cells = [
                Cell(f"bgs-{g}-{q}", (*base, "quarters", q), f"{place} › {q + 1}. Quartal", value)
                for q, value in enumerate(goal.quarters)
            ]
            grid.training.append(Row(goal.name, cells, TRAINING_KIND_LABELS[goal.kind]))
    if core.avgs is not None:
        for c, category in enumerate(core.avgs.categories):
            base = ("avgs", "categories", c)
            path: ModelPath
            grid.guards.append(Guard((*base, "id"), category.id, moved))
            place = f"AVGS › {category.name}"
            if not category.items:
                path = (*base, "printed_count")
                cell = Cell(f"avgs-{c}", path, f"{place} › Anzahl", category.printed_count)
                grid.avgs.append(Row("insgesamt (ohne Einzelpositionen)", [cell], category.name))
            for i, item in enumerate(category.items):
                path = (*base, "items", i)
                grid.guards.append(Guard((*path, "name"), item.name, moved))
                cell = Cell(
                    f"avgs-{c}-{i}", (*path, "count"), f"{place} › {item.name}", item.count, True
                )
                grid.avgs.append(Row(item.name, [cell], category.name, item.teaching_units or ""))
    return grid


# ---------------------------------------------------------------- the list: filter and sort


def _raw(row: TableRow, index: int) -> Any:
    return row.cells[index].value if index < len(row.cells) else None


def _column(index: int) -> Callable[[TableRow], Any]:
    return lambda row: _raw(row, index)


VOUCHER_COLUMNS = (
    SortColumn("ziel", "Bildungsziel", lambda r: _raw(r, 0)),
    SortColumn("dauer", "Dauer (Monate)", lambda r: _raw(r, 1), numeric=True),
    *(SortColumn(f"q{q}", f"{q}. Quartal", _column(1 + q), numeric=True) for q in range(1, 5)),
    SortColumn("gesamt", "Gesamt", lambda r: _raw(r, 6), numeric=True),
)


def voucher_list(
    core: CorePlan,
    kind: str = "",
    text: str = "",
    sort: tuple[SortColumn | None, bool] = (None, False),
) -> tuple[TableView | None, int, int]:
    """The Bildungsziele table narrowed to one Art and to goals whose name holds every word
    of `text`, its goals sorted within each Art; the group and sum rows stay (a sum counts
    the whole Art). Returns the view, the goals shown and all goals."""
    view = voucher_table(core)
    if view is None:
        return None, 0, 0
    words = text.casefold().split()
    labels = {label: k.value for k, label in TRAINING_KIND_LABELS.items()}
    rows: list[TableRow] = []
    shown = every = 0
    segment: list[TableRow] = []
    current = ""

    def flush() -> None:
        nonlocal shown
        lines = [r for r in segment if r.kind is RowKind.LINE]
        kept = [r for r in lines if all(w in str(_raw(r, 0)).casefold() for w in words)]
        if kind and current != kind:
            return
        shown += len(kept)
        others = [r for r in segment if r.kind is not RowKind.LINE]
        head = [r for r in others if r.kind is RowKind.GROUP]
        tail = [r for r in others if r.kind is not RowKind.GROUP]
        rows.extend([*head, *sort_rows(kept, *sort), *tail])

    for row in view.rows:
        if row.kind is RowKind.GROUP:
            if segment:
                flush()
            segment, current = [row], labels.get(str(_raw(row, 0)), "")
        else:
            segment.append(row)
            every += row.kind is RowKind.LINE
    if segment:
        flush()
    return dataclasses.replace(view, rows=tuple(rows)), shown, every
