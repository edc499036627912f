"""Drawing table views in the terminal with Rich, German formatted (amp.reports.tables
words them; this module lays them out)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from amp.core import formatting
from amp.core.units import Unit
from amp.reports.tables import Cell, RowKind, TableView


def cell_text(cell: Cell) -> Text:
    value = cell.value
    if isinstance(value, Decimal | int) and cell.unit is not None:
        shown = formatting.number(Decimal(value), cell.unit)
    elif value is None:
        shown = ""
    elif isinstance(value, date):
        shown = formatting.day(value)
    else:
        shown = str(value)
    text = Text(shown)
    if cell.printed is not None:
        text.append(f"\ngedruckt: {formatting.number(cell.printed, cell.unit or Unit.EUR)}", "red")
    return text


LABEL_WIDTH = 24  # the least a row label gets before optional columns give way
BORDERS = 3  # a column's padding and its border in Rich's table


def _width(text: Text) -> int:
    return max((len(line) for line in text.plain.splitlines()), default=0)


def _needed(widths: list[int]) -> int:
    return 1 + sum(w + BORDERS for w in widths)


def fitting_columns(view: TableView, width: int) -> list[int]:
    return fitting(view, width)[0]


def fitting(view: TableView, width: int) -> tuple[list[int], list[int]]:
    """The columns shown on a terminal `width` characters wide: the row label with room to
    be read, every number whole; columns give way in the view's order (by default from the
    right) until the table fits, the label and the first number always stay."""
    texts = [[cell_text(c) for c in row.cells] for row in view.rows]
    numeric = [
        view.numeric[i] if i < len(view.numeric) else False for i in range(len(view.columns))
    ]
    least = []
    for i in range(len(view.columns)):
        cells = [_width(row[i]) for row in texts if i < len(row)]
        longest = max(cells, default=0)
        if numeric[i]:  # the widest number, and the header's longest word unbroken
            words = max((len(w) for w in view.columns[i].split()), default=0)
            least.append(max(longest, min(words, 21), 6))
        else:
            least.append(min(max(longest, 8), LABEL_WIDTH if i == 0 else 12))
    shown = list(range(len(view.columns)))
    order = list(view.give_way) or list(range(len(view.columns) - 1, 1, -1))
    for column in order:
        if _needed([least[i] for i in shown]) <= width:
            break
        if column in shown and column not in (0,) and len(shown) > 2:
            shown.remove(column)
    return shown, least


def render_table(console: Console, view: TableView) -> None:
    shown, least = fitting(view, console.width)
    table = Table(title=view.title, title_justify="left", show_lines=False, expand=False)
    for i in shown:
        label = view.columns[i]
        numeric = view.numeric[i] if i < len(view.numeric) else False
        # numbers never break: their column is exactly as wide as its widest number (or
        # header word); the header and text wrap, and never lose their end
        if numeric:
            table.add_column(label, justify="right", overflow="fold", width=least[i])
        else:
            table.add_column(label, overflow="fold", min_width=min(LABEL_WIDTH, 12 if i else 24))
    for row in view.rows:
        style = {RowKind.GROUP: "bold", RowKind.TOTAL: "bold reverse"}.get(row.kind)
        table.add_row(*(cell_text(row.cells[i]) for i in shown), style=style)
    console.print(table)
    left_out = [view.columns[i] for i in range(len(view.columns)) if i not in shown]
    if left_out:
        names = ", ".join(f"„{name}“" for name in left_out)
        console.print(
            Text(
                f"Für die Breite des Terminals ausgeblendet: {names}. Ein breiteres Fenster "
                "oder amp report zeigt alle Spalten.",
                "dim",
            )
        )
    for note in view.notes:
        console.print(Text(note, "dim"))
    console.print()
