"""Voucher plans: Bildungsgutscheine per training goal and quarter, and the AVGS plan.

The edit screen is one grid of counts; each cell carries the value the planner saw, and
a save writes all changed cells or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from amp import formatting
from amp.core.findings import ModelPath
from amp.core.plan import Plan as CorePlan
from amp.core.vouchers import TRAINING_KIND_LABELS
from amp.reports.tables import avgs_table, voucher_table
from amp.web.plans import selectors, services
from amp.web.plans.derived import derived
from amp.web.plans.forms.fields import seen_text, seen_value
from amp.web.plans.plan_edits import EditConflicts, FieldEdit, Guard, apply_edits
from amp.web.plans.presenters.page import version_page
from amp.web.plans.presenters.plan_area import area_audit, area_findings
from amp.web.plans.presenters.shown import shown_table

AREA = ("training_vouchers", "avgs")


def _count_text(value: int | None) -> str:
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


def _grid(core: CorePlan) -> Grid:
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


@login_required
def voucher_plans(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    core = derived(version).plan  # read-only here
    views = [voucher_table(core), avgs_table(core)]
    context = version_page(version, role, "vouchers") | {
        "tables": [shown_table(view) for view in views if view is not None],
        "findings": area_findings(version, AREA),
        "audit": [
            *area_audit(version, "training_vouchers"),
            *area_audit(version, "avgs"),
        ],
    }
    return render(request, "plans/vouchers.html", context)


@login_required
def voucher_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_edit(role, version):
        raise PermissionDenied("Nur die Planung kann die Gutscheinplanung eines Entwurfs ändern.")
    core = version.core_plan()
    grid = _grid(core)
    status, problem = 200, ""
    if request.method == "POST":
        status, problem = _save(request, version.pk, grid)
        if status == 302:
            return redirect("plans:vouchers", version.pk)
    context = version_page(version, role, "vouchers") | {"grid": grid, "problem": problem}
    return render(request, "plans/vouchers_edit.html", context, status=status)


def _read(request: HttpRequest, grid: Grid) -> tuple[list[FieldEdit], bool]:
    """The edits the form asks for; the cells carry the typed text and any input error."""
    edits, complete = [], True
    for cell in grid.cells():
        typed = request.POST.get(cell.name)
        found, seen = seen_value(request.POST, cell.name)
        if typed is None or not found:
            complete = False
            continue
        cell.typed, cell.seen = typed, request.POST.get(f"gesehen-{cell.name}", "")
        try:
            new = formatting.parse_count(typed)
        except formatting.AmountInputError as exc:
            cell.error = f"{str(exc)[:1].upper()}{str(exc)[1:]}."
            continue
        if new is None and cell.required:
            cell.error = "Pflichtangabe fehlt (0 eintragen für keine)."
            continue
        edits.append(FieldEdit(cell.path, cell.label, seen, new, _count_text))
    return edits, complete


def _save(request: HttpRequest, version_id: int, grid: Grid) -> tuple[int, str]:
    """(302, "") when saved; else the status and a message, the cells carrying their errors."""
    edits, complete = _read(request, grid)
    if not complete:
        return 400, "Das Formular ist unvollständig. Bitte die Seite neu laden."
    if any(c.error for c in grid.cells()):
        return 400, "Nichts wurde gespeichert. Bitte die markierten Angaben prüfen."
    try:
        count = apply_edits(version_id, request.user, edits, grid.guards)
    except EditConflicts as conflict:
        for cell in grid.cells():
            if cell.path in conflict.current:
                other = _count_text(conflict.current[cell.path])
                cell.error = (
                    f"Konflikt: jemand anderes hat den Wert inzwischen auf {other} geändert. "
                    "Erneut speichern überschreibt ihn."
                )
                cell.seen = seen_text(conflict.current[cell.path])
        return 409, "Nichts wurde gespeichert: andere Werte wurden inzwischen geändert."
    except services.EditError as exc:
        return 400, f"{exc} Nichts wurde gespeichert."
    if count:
        messages.success(request, f"Gutscheinplanung: {count} Wert(e) gespeichert.")
    else:
        messages.info(request, "Gutscheinplanung: keine Änderung.")
    return 302, ""
