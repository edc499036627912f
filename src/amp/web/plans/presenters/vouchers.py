"""The voucher grid as the edit screen shows it: rows of cells, each with its place in the
plan, its label, the value shown and the value the planner saw (for compare-and-set)."""

from __future__ import annotations

from dataclasses import dataclass, field

from amp.core import formatting
from amp.core.findings import ModelPath
from amp.core.plan import Plan as CorePlan
from amp.core.vouchers import TRAINING_KIND_LABELS
from amp.web.plans.forms.fields import seen_text
from amp.web.plans.plan_edits import Guard


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
