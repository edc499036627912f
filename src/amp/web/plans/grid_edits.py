"""Spreadsheet habits of the budget grid: undo one's own last change, paste a block.

Both write through the one compare-and-set path of `plan_edits.apply_edits`: an undo is a
new, audited edit back to the old value that refuses when someone changed the cell since; a
pasted block is saved all or nothing against the values shown in its preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from amp.core import formatting, limits
from amp.core.budget import Column, Quantity, QuantityUnit
from amp.core.edit import parse_path
from amp.core.findings import ModelPath
from amp.core.plan import Plan as CorePlan
from amp.web.plans import services
from amp.web.plans.models import AuditAction, AuditEntry, GridLineComment, PlanVersion, Status
from amp.web.plans.plan_edits import EditConflicts, FieldEdit, apply_edits, seen_form
from amp.web.plans.presenters.budget_rows import quantity_text, shown_columns

UNDO_MARK = "Rückgängig gemacht: "  # how an undo's audit entry is labelled
COMMENT_FIELD = ".kommentar"  # the audit path of a line's comment: budget.groups[g].lines[i]…
MAX_COMMENT = 1_000
MAX_PASTE_CELLS = 2_000  # more than any budget table holds


class GridError(services.EditError):
    """A German message; nothing was saved."""


def cell_label(core: CorePlan, group: int, line: int, field: str) -> str:
    """A cell in German as messages name it: Betrag „line“ or Planung Vorjahr „line“."""
    name = core.budget.groups[group].lines[line].name
    if field == "menge":
        return f"Menge „{name}“"
    column = Column(field)
    what = "Betrag" if column is Column.PLAN else core.budget.column_label(column)
    return f"{what} „{name}“"


def _cell_of(path: ModelPath) -> tuple[int, int, str] | None:
    """(group, line, field) of a budget cell's path; None for any other place."""
    if len(path) < 6 or path[:2] != ("budget", "groups") or path[3] != "lines":
        return None
    group, line = path[2], path[4]
    if not isinstance(group, int) or not isinstance(line, int):
        return None
    if len(path) == 6 and path[5] == "quantity":
        return group, line, "menge"
    if len(path) == 7 and path[5] == "amounts" and path[6] in {c.value for c in Column}:
        return group, line, str(path[6])
    return None


def _model_value(field: str, logged: Any) -> Any:
    """A value as the audit log kept it (services.audited), back as the model's type."""
    if logged is None:
        return None
    if field == "menge":
        unit = logged.get("unit")
        return Quantity(
            value=logged.get("value"),
            unit=QuantityUnit(unit) if unit else None,
            approximate=bool(logged.get("approximate")),
            open=bool(logged.get("open")),
        )
    return Decimal(str(logged))


def _shown(field: str, value: Any) -> str:
    if value is None:
        return "(leer)"
    if field == "menge":
        return quantity_text(value) or "(leer)"
    return formatting.money(value)


def _last_own_change(version: PlanVersion, user: Any) -> AuditEntry | None:
    """The user's last change of a budget cell in this version that is not undone yet.

    Undos stack: each undo entry cancels the newest earlier change not yet cancelled.
    """
    entries = (
        AuditEntry.objects.filter(
            version=version, user=user, action=AuditAction.CHANGE, path__startswith="budget.groups["
        )
        .exclude(path__endswith=COMMENT_FIELD)
        .order_by("-at", "-id")
    )
    cancelled = 0
    for entry in entries.iterator():
        if entry.label.startswith(UNDO_MARK):
            cancelled += 1
        elif cancelled:
            cancelled -= 1
        else:
            return entry
    return None


@dataclass(frozen=True)
class Undone:
    group: int
    line: int
    field: str
    message: str


def undo_last(version: PlanVersion, user: Any) -> Undone:
    """Set the user's last changed cell back to its old value, as a new audited edit."""
    entry = _last_own_change(version, user)
    if entry is None:
        raise GridError(
            "Es gibt in diesem Stand keine eigene Änderung, die rückgängig zu machen wäre."
        )
    try:
        path = parse_path(entry.path)
    except ValueError:
        path = ()
    cell = _cell_of(path)
    core = version.core_plan()
    if cell is None or cell[0] >= len(core.budget.groups):
        raise GridError("Die letzte Änderung betrifft keine Zelle der Tabelle mehr.")
    group, line, field = cell
    if line >= len(core.budget.groups[group].lines):
        raise GridError("Die letzte Änderung betrifft keine Zelle der Tabelle mehr.")
    label = cell_label(core, group, line, field)
    old, new = _model_value(field, entry.old), _model_value(field, entry.new)
    edit = FieldEdit(path, UNDO_MARK + label, seen_form(new), old, services.audited)
    try:
        apply_edits(version.pk, user, [edit])
    except EditConflicts as conflict:
        now = _shown(field, conflict.current[path])
        raise GridError(
            f"{label}: Rückgängig nicht möglich – jemand anderes hat den Wert inzwischen auf "
            f"{now} geändert. Nichts wurde gespeichert."
        ) from None
    return Undone(
        group, line, field, f"Rückgängig gemacht: {label} ist wieder {_shown(field, old)}."
    )


# ---------------------------------------------------------------- paste a block


@dataclass(frozen=True)
class PastedCell:
    group: int
    line: int
    column: Column
    label: str
    old: Decimal | None
    new: Decimal | None

    @property
    def ident(self) -> str:
        return f"{self.group}-{self.line}-{self.column.value}"

    @property
    def changes(self) -> bool:
        return self.old != self.new


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from text copied out of a spreadsheet: tabs between cells, line breaks
    between rows; the line break after the last row is dropped."""
    rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while rows and rows[-1] == "":
        rows.pop()
    return [row.split("\t") for row in rows]


def _places(core: CorePlan) -> list[tuple[int, int]]:
    return [(g, i) for g, group in enumerate(core.budget.groups) for i in range(len(group.lines))]


def plan_paste(
    core: CorePlan, start: tuple[int, int, str], text: str, all_columns: bool
) -> list[PastedCell]:
    """The cells a block would fill from `start` (lines downwards across groups, the shown
    money columns to the right), each with the value now and the value pasted.

    Raises GridError naming every cell that cannot take its value, or when the block
    reaches past the table.
    """
    if len(text) > limits.MAX_INPUT_CHARS * MAX_PASTE_CELLS:
        raise GridError("Der eingefügte Block ist zu groß. Nichts wurde gespeichert.")
    rows = parse_block(text)
    if not rows:
        raise GridError("Der eingefügte Block ist leer. Nichts wurde gespeichert.")
    if sum(len(row) for row in rows) > MAX_PASTE_CELLS:
        raise GridError("Der eingefügte Block ist zu groß. Nichts wurde gespeichert.")
    places = _places(core)
    columns = shown_columns(all_columns)
    group, line, field = start
    try:
        first_row = places.index((group, line))
        first_column = columns.index(Column(field))
    except ValueError:
        raise GridError(
            "Diese Startzelle gibt es nicht (mehr). Bitte die Seite neu laden."
        ) from None
    width = max(len(row) for row in rows)
    problems: list[str] = []
    if first_row + len(rows) > len(places):
        problems.append(
            f"Der Block hat {len(rows)} Zeilen, ab dieser Zelle folgen aber nur "
            f"{len(places) - first_row} Zeilen der Tabelle"
        )
    if first_column + width > len(columns):
        shown = len(columns) - first_column
        more = (
            " (weitere Spalten mit „Alle Spalten und Mengen bearbeiten“)" if not all_columns else ""
        )
        problems.append(
            f"Der Block hat {width} Spalten, ab dieser Zelle {'folgt' if shown == 1 else 'folgen'} "
            f"aber nur {shown} bearbeitbare {'Spalte' if shown == 1 else 'Spalten'}{more}"
        )
    if problems:
        raise GridError(". ".join(problems) + ". Nichts wurde gespeichert.")
    cells: list[PastedCell] = []
    for r, row in enumerate(rows):
        g, i = places[first_row + r]
        line_model = core.budget.groups[g].lines[i]
        for c, typed in enumerate(row):
            column = columns[first_column + c]
            label = cell_label(core, g, i, column.value)
            try:
                new = formatting.parse_amount(typed)
            except formatting.AmountInputError as exc:
                problems.append(
                    f"{label} (Zeile {r + 1}, Spalte {c + 1} des Blocks, „{typed.strip()}“): {exc}"
                )
                continue
            cells.append(PastedCell(g, i, column, label, line_model.amounts.get(column), new))
    if problems:
        raise GridError("; ".join(problems) + ". Nichts wurde gespeichert.")
    return cells


def save_paste(
    version: PlanVersion, user: Any, cells: list[PastedCell], seen: dict[str, str]
) -> int:
    """Write every pasted cell against the value its preview showed (`seen`: ident → exact
    text, "" for empty), all or nothing. Raises GridError naming each conflicting cell."""
    edits = []
    for cell in cells:
        if cell.ident not in seen:
            raise GridError("Die Vorschau ist unvollständig. Bitte den Block erneut einfügen.")
        shown = seen[cell.ident]
        path = services.amount_path(cell.group, cell.line, cell.column)
        edits.append(FieldEdit(path, cell.label, shown or None, cell.new, services.audited))
    try:
        return apply_edits(version.pk, user, edits)
    except EditConflicts as conflict:
        by_path = {e.path: e for e in edits}
        named = [
            f"{by_path[path].label} ist inzwischen {_shown('plan', value)}"
            for path, value in conflict.current.items()
        ]
        raise GridError(
            "Konflikt – jemand anderes hat Werte inzwischen geändert: "
            + "; ".join(named)
            + ". Nichts wurde gespeichert. Bitte den Block erneut einfügen."
        ) from None


# ---------------------------------------------------------------- comments on lines


@transaction.atomic
def save_comment(version_id: int, user: Any, group: int, line: int, line_id: str, text: str) -> str:
    """Set (or with an empty text remove) the comment on a line of a draft; audited.

    `line_id` is the id of the line the user saw at (group, line): a moved line refuses.
    Returns the German confirmation.
    """
    version = PlanVersion.objects.select_for_update().get(pk=version_id)
    if version.status != Status.ENTWURF:
        raise GridError("Nur in einem Entwurf können Kommentare geändert werden.")
    core = version.core_plan()
    try:
        found = core.budget.groups[group].lines[line]
    except IndexError:
        found = None
    if found is None or found.id != line_id:
        raise GridError("Diese Zeile gibt es so nicht mehr. Bitte die Seite neu laden.")
    cleaned = text.strip().replace("\r\n", "\n")
    problem = limits.text_problem(cleaned, MAX_COMMENT)
    if problem:
        raise GridError(f"Kommentar zu „{found.name}“: {problem}. Nichts wurde gespeichert.")
    existing = GridLineComment.objects.filter(version=version, line_id=line_id).first()
    old = existing.text if existing else None
    if (old or "") == cleaned:
        return f"Kommentar zu „{found.name}“: unverändert."
    if cleaned:
        GridLineComment.objects.update_or_create(
            version=version,
            line_id=line_id,
            defaults={"text": cleaned, "author": user, "at": timezone.now()},
        )
    elif existing is not None:
        existing.delete()
    path = f"budget.groups[{group}].lines[{line}]{COMMENT_FIELD}"
    services.audit(user, version, path, old, cleaned or None, label=f"Kommentar „{found.name}“")
    if not cleaned:
        return f"Kommentar zu „{found.name}“ entfernt."
    return f"Kommentar zu „{found.name}“ gespeichert."


def comments_of(version: PlanVersion) -> dict[str, GridLineComment]:
    """The comments of a version by line id, with their authors."""
    found = GridLineComment.objects.filter(version=version).select_related("author")
    return {c.line_id: c for c in found}
