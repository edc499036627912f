"""Drawing table views and findings in the terminal with Rich, German formatted.

The words come from amp.reports.presenter and amp.reports.tables; this module styles them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from amp import formatting
from amp.core.findings import Finding, Severity
from amp.core.units import Unit
from amp.reports import presenter
from amp.reports.tables import Cell, RowKind, TableView

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}


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


def render_findings(console: Console, findings: list[Finding]) -> None:
    """The findings as the presenter words them; Rich only adds colour."""
    if not findings:
        console.print(f"[green]{presenter.NO_FINDINGS}[/green]")
        return
    console.print(f"[bold]{presenter.findings_summary(findings)}[/bold]\n", markup=True)
    for shown, finding in zip(presenter.shown_findings(findings), findings, strict=True):
        header = Text(f"{shown.number}. ")
        header.append(shown.severity, SEVERITY_STYLES[finding.severity])
        header.append(f" [{shown.rule}] {shown.where}")
        console.print(header)
        console.print(f"   {shown.message}", markup=False)
        if shown.figures:
            console.print(f"   {shown.figures}", markup=False)
        console.print()
