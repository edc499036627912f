"""Drawing table views in the terminal with Rich, German formatted (amp.reports.tables
words them; this module lays them out)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from amp import formatting
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


def render_table(console: Console, view: TableView) -> None:
    table = Table(title=view.title, title_justify="left", show_lines=False, expand=False)
    for i, label in enumerate(view.columns):
        numeric = view.numeric[i] if i < len(view.numeric) else False
        # numbers never break across lines; text wraps, and never loses its end
        if numeric:
            table.add_column(label, justify="right", no_wrap=True)
        else:
            table.add_column(label, overflow="fold", min_width=24 if i == 0 else 12)
    for row in view.rows:
        style = {RowKind.GROUP: "bold", RowKind.TOTAL: "bold reverse"}.get(row.kind)
        table.add_row(*(cell_text(c) for c in row.cells), style=style)
    console.print(table)
    for note in view.notes:
        console.print(Text(note, "dim"))
    console.print()
