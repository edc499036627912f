"""Spreadsheet habits of the budget grid: undo one's own last change, paste a block.

Both write through the one compare-and-set path of `plan_edits.apply_edits`: an undo is a
new, audited edit back to the old value that refuses when someone changed the cell since; a
pasted block is saved all or nothing against the values shown in its preview.
"""

from __future__ import annotations

import re
import secrets
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
PASTED = re.compile(r"Eingefügt \(Block ([0-9a-f]{8})\): ")  # the label of a pasted cell
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


def _plain(label: str) -> str:
    """A cell's label without the marks of undo and paste: Betrag „line“."""
    return PASTED.sub("", label.removeprefix(UNDO_MARK), count=1)


def _unit(entry: AuditEntry) -> tuple[bool, str]:
    """Whether an entry is an undo, and the change it belongs to: a pasted block (all its
    cells, by the block's token) or the entry alone."""
    undo = entry.label.startswith(UNDO_MARK)
    rest = entry.label.removeprefix(UNDO_MARK)
    block = PASTED.match(rest)
    return undo, f"block:{block.group(1)}" if block else f"entry:{entry.pk}"


def _last_own_change(version: PlanVersion, user: Any) -> list[AuditEntry]:
    """The entries of the user's last change of budget cells in this version that is not
    undone yet (one cell, or every cell of a pasted block); empty when there is none.

    Undos stack: each undo cancels the newest earlier change not yet cancelled.
    """
    entries = (
        AuditEntry.objects.filter(
            version=version, user=user, action=AuditAction.CHANGE, path__startswith="budget.groups["
        )
        .exclude(path__endswith=COMMENT_FIELD)
        .order_by("-at", "-id")
    )
    units: list[tuple[bool, list[AuditEntry]]] = []
    last: tuple[bool, str] | None = None
    for entry in entries.iterator():
        key = _unit(entry)
        if key != last or key[1].startswith("entry:"):
            units.append((key[0], []))
        units[-1][1].append(entry)
        last = key
    cancelled = 0
    for undo, unit in units:
        if undo:
            cancelled += 1
        elif cancelled:
            cancelled -= 1
        else:
            return unit
    return []


@dataclass(frozen=True)
class Undone:
    cells: list[tuple[int, int, str]]  # (group, line, field)
    message: str


def undo_last(version: PlanVersion, user: Any) -> Undone:
    """Set the user's last changed cell (or pasted block) back to its old value, as a new
    audited edit; refuses, saving nothing, when someone changed one of them since."""
    entries = _last_own_change(version, user)
    if not entries:
        raise GridError(
            "Es gibt in diesem Stand keine eigene Änderung, die rückgängig zu machen wäre."
        )
    core = version.core_plan()
    edits: list[FieldEdit] = []
    cells: list[tuple[int, int, str]] = []
    shown: list[str] = []
    for entry in reversed(entries):  # in the order they were made
        try:
            path = parse_path(entry.path)
        except ValueError:
            path = ()
        cell = _cell_of(path)
        if (
            cell is None
            or cell[0] >= len(core.budget.groups)
            or cell[1] >= len(core.budget.groups[cell[0]].lines)
        ):
            raise GridError("Die letzte Änderung betrifft keine Zelle der Tabelle mehr.")
        group, line, field = cell
        label = cell_label(core, group, line, field)
        old, new = _model_value(field, entry.old), _model_value(field, entry.new)
        prefix = entry.label.removesuffix(label) if entry.label.endswith(label) else ""
        edits.append(
            FieldEdit(path, UNDO_MARK + prefix + label, seen_form(new), old, services.audited)
        )
        cells.append(cell)
        shown.append(f"{label} ist wieder {_shown(field, old)}")
    try:
        apply_edits(version.pk, user, edits)
    except EditConflicts as conflict:
        by_path = {e.path: (e, cell) for e, cell in zip(edits, cells, strict=True)}
        named = "; ".join(
            f"{_plain(by_path[path][0].label)} ist inzwischen {_shown(by_path[path][1][2], value)}"
            for path, value in conflict.current.items()
        )
        raise GridError(
            f"Rückgängig nicht möglich – jemand anderes hat inzwischen geändert: {named}. "
            "Nichts wurde gespeichert."
        ) from None
    if len(shown) == 1:
        return Undone(cells, f"Rückgängig gemacht: {shown[0]}.")
    return Undone(
        cells,
        f"Rückgängig gemacht: der eingefügte Block ({len(shown)} Zellen): {'; '.join(shown)}.",
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
    token = secrets.token_hex(4)  # the cells of one block are undone together
    for cell in cells:
        if cell.ident not in seen:
            raise GridError("Die Vorschau ist unvollständig. Bitte den Block erneut einfügen.")
        shown = seen[cell.ident]
        path = services.amount_path(cell.group, cell.line, cell.column)
        label = f"Eingefügt (Block {token}): {cell.label}"
        edits.append(FieldEdit(path, label, shown or None, cell.new, services.audited))
    try:
        return apply_edits(version.pk, user, edits)
    except EditConflicts as conflict:
        by_path = {e.path: e for e in edits}
        named = [
            f"{_plain(by_path[path].label)} ist inzwischen {_shown('plan', value)}"
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
