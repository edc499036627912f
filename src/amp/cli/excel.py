"""The Excel and report commands: report, import-xlsx, diff, template.

Bad input ends with a German message naming sheet and cell (or file and line), exit code 2,
and nothing written. The workbook modules (openpyxl), WeasyPrint and Jinja are imported
only where a workbook or report is read or written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from amp.cli.common import (
    FormatOption,
    OutputFormat,
    PlanArgument,
    console,
    fail,
    fail_problems,
    output_format,
    read_plan,
)

REPORT_FORMATS = ("xlsx", "pdf", "html")


def report(
    path: PlanArgument,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Zieldatei, z. B. plan.xlsx, plan.pdf, plan.html")
    ],
    report_format: Annotated[str, typer.Option("--format", "-f", help="xlsx, pdf oder html")] = (
        "xlsx"
    ),
) -> None:
    """Schreibt den Plan als Excel-Arbeitsmappe (xlsx: ein Blatt je Tabelle, Summen als
    Formeln) oder als Bericht „Tabellen und Übersichten“ (pdf, html) mit Grafiken und den
    Befunden der Prüfung."""
    target = output
    if report_format not in REPORT_FORMATS:
        raise fail(
            "Der Bericht kann nicht erstellt werden: "
            f"unbekanntes Format '{report_format}' (erlaubt: {', '.join(REPORT_FORMATS)})"
        )
    if report_format != "xlsx":
        _document_report(path, report_format, target)
        return
    from amp.io.xlsx.export import XlsxWriteError, export_xlsx

    plan = read_plan(path)
    try:
        export_xlsx(plan, target)
    except XlsxWriteError as exc:
        raise fail("Der Bericht kann nicht geschrieben werden:", [str(exc)]) from None
    typer.echo(f"geschrieben: {target}")


def _output_problem(output: Path) -> str | None:
    if output.is_dir():
        return (
            f"{output} ist ein Verzeichnis; bitte eine Datei angeben, z. B. {output / 'plan.pdf'}"
        )
    if not output.parent.is_dir():
        return f"das Verzeichnis {output.parent} gibt es nicht"
    return None


def _document_report(path: Path, report_format: str, output: Path) -> None:
    """The report as PDF or HTML: all tables, charts and the findings of the check."""
    from amp.core.checks import check_plan
    from amp.reports.html import render_html
    from amp.rules.legal_facts import legal_facts

    problem = _output_problem(output)
    if problem:
        raise fail("Der Bericht kann nicht geschrieben werden:", [problem])
    plan = read_plan(path)
    directory = path if path.is_dir() else None
    html = render_html(plan, check_plan(plan, legal_facts(plan.year, directory)))
    try:
        if report_format == "html":
            output.write_text(html, "utf-8")
        else:
            from amp.reports.pdf import pdf_bytes

            output.write_bytes(pdf_bytes(html))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise fail("Der Bericht kann nicht geschrieben werden:", [f"{output}: {reason}"]) from None
    typer.echo(f"geschrieben: {output}")


def import_xlsx(
    file: Annotated[Path, typer.Argument(help="Arbeitsmappe (.xlsx)", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="neues Plan-Verzeichnis")],
) -> None:
    """Übernimmt eine (in Excel bearbeitete) Arbeitsmappe als Plan-Verzeichnis."""
    from amp.io.plan_writer import PlanWriteError, write_plan
    from amp.io.xlsx.cells import XlsxImportError
    from amp.io.xlsx.importer import import_xlsx as read_workbook

    target = output
    try:
        result = read_workbook(file)
    except XlsxImportError as exc:
        raise fail_problems(
            exc.problems, "Die Arbeitsmappe kann nicht übernommen werden", nothing_written=True
        ) from None
    try:
        write_plan(result.plan, target)
    except PlanWriteError as exc:
        raise fail("Der Plan kann nicht geschrieben werden:", [str(exc)]) from None
    out_console = console()
    if result.notes:
        out_console.print(f"[yellow]Hinweise zur Arbeitsmappe ({len(result.notes)}):[/yellow]")
        for note in result.notes:
            out_console.print(f"  {note}", markup=False, soft_wrap=True)
    out_console.print(f"Plan geschrieben: {target}", markup=False)
    out_console.print(f"Weiter: amp check {target} – und amp diff ALT {target}", markup=False)


def template(
    year: Annotated[int, typer.Option("--year", help="Planjahr")],
    jobcenter: Annotated[str, typer.Option("--jobcenter", help="Name des Jobcenters")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Zieldatei, z. B. vorlage.xlsx")],
) -> None:
    """Schreibt eine leere Arbeitsmappe, die ein Jobcenter mit seinem Plan füllt."""
    from amp.io.xlsx.export import XlsxWriteError
    from amp.io.xlsx.template import write_template

    target = output
    try:
        write_template(year, jobcenter, target)
    except XlsxWriteError as exc:
        raise fail("Die Vorlage kann nicht geschrieben werden:", [str(exc)]) from None
    typer.echo(f"geschrieben: {target}")


def diff(
    old: Annotated[Path, typer.Argument(help="alter Plan (Verzeichnis oder .xlsx)")],
    new: Annotated[Path, typer.Argument(help="neuer Plan (Verzeichnis oder .xlsx)")],
    chosen: FormatOption = OutputFormat.TEXT,
) -> None:
    """Zeigt Zeile für Zeile, was sich zwischen zwei Plänen geändert hat (alt → neu, Δ).

    Formate: text, json.
    """
    from amp.core.diff import diff_plans
    from amp.reports.changes import change_json, change_text

    shown = output_format(chosen, OutputFormat.TEXT, OutputFormat.JSON)
    old_plan, new_plan = read_plan(old), read_plan(new)
    changes = diff_plans(old_plan, new_plan)
    if shown is OutputFormat.JSON:
        document = {
            "old": str(old),
            "new": str(new),
            "changes": [change_json(c, (new_plan, old_plan)) for c in changes],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    out = console()
    if not changes:
        out.print("Keine Änderungen.")
        return
    count = "1 Änderung" if len(changes) == 1 else f"{len(changes)} Änderungen"
    out.print(f"{count} von {old} nach {new}:", markup=False, soft_wrap=True)
    for change in changes:
        out.print(change_text(change, (new_plan, old_plan)), markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(report)
    app.command("import-xlsx")(import_xlsx)
    app.command()(diff)
    app.command()(template)
