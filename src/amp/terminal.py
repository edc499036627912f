"""Drawing table views and findings in the terminal with Rich, German formatted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from amp import formatting
from amp.core.findings import Finding, Severity, consequence_note
from amp.core.units import Unit
from amp.io.plan_dir import LoadProblem
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
    if not findings:
        console.print("[green]Keine Befunde: alle nachgerechneten Zahlen stimmen.[/green]")
        return
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    summary = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    consequences = sum(1 for f in findings if f.consequence_of)
    if consequences:
        summary += f"; davon {consequences} Folgefehler"
    console.print(f"[bold]{len(findings)} Befunde[/bold] ({summary})\n")
    for number, finding in enumerate(findings, start=1):
        where = " › ".join(
            part
            for part in (finding.location.table, finding.location.row, finding.location.column)
            if part
        )
        header = Text(f"{number}. ")
        header.append(finding.severity.value, SEVERITY_STYLES[finding.severity])
        header.append(f" [{finding.rule}] {where}")
        console.print(header)
        console.print(f"   {finding.message}")
        note = consequence_note(finding)
        if note:
            console.print(Text(f"   {note}", "dim"))
        if finding.printed is not None or finding.computed is not None:
            difference = (
                finding.printed - finding.computed
                if finding.printed is not None and finding.computed is not None
                else None
            )
            unit = finding.unit
            console.print(
                f"   gedruckt: {formatting.number(finding.printed, unit)}"
                f" · berechnet: {formatting.number(finding.computed, unit)}"
                + (
                    f" · Differenz: {formatting.signed(difference, unit)}"
                    if difference is not None
                    else ""
                )
            )
        console.print()


def render_problems(console: Console, problems: list[LoadProblem]) -> None:
    count = "1 Problem" if len(problems) == 1 else f"{len(problems)} Probleme"
    console.print(f"[bold red]Der Plan kann nicht gelesen werden ({count}):[/bold red]")
    for problem in problems:
        console.print(f"  {problem}", highlight=False, markup=False, soft_wrap=True)
