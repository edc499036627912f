"""The Excel commands of `amp` (report --format xlsx, import-xlsx, template, diff).

`amp.cli` declares the commands; the work and the German output happen here. Bad input
ends with a German message naming sheet and cell (or file and line), exit code 2, and
nothing written. The workbook modules (openpyxl) are imported only where a workbook is read
or written: loading them costs about half a second that a PDF or a diff need not pay.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from amp.core.diff import diff_plans
from amp.core.plan import Plan
from amp.core.problems import Problem
from amp.io.plan_dir import PlanLoadError, load_plan
from amp.io.plan_writer import PlanWriteError, write_plan
from amp.io.xlsx.cells import XlsxImportError
from amp.reports.changes import change_json, change_text

EXIT_UNREADABLE = 2
REPORT_FORMATS = ("xlsx", "pdf", "html")


def _fail(lines: list[str], heading: str) -> typer.Exit:
    console = Console(stderr=True, highlight=False)
    console.print(f"[bold red]{heading}[/bold red]", soft_wrap=True)
    for line in lines:
        console.print(f"  {line}", markup=False, soft_wrap=True)
    return typer.Exit(EXIT_UNREADABLE)


def _cell_problems(problems: tuple[Problem, ...]) -> typer.Exit:
    count = "1 Problem" if len(problems) == 1 else f"{len(problems)} Probleme"
    return _fail(
        [str(p) for p in problems],
        f"Die Arbeitsmappe kann nicht übernommen werden ({count}); nichts wurde geschrieben:",
    )


def read_plan(path: Path) -> Plan:
    """A plan directory or an amp workbook (.xlsx)."""
    if path.suffix.lower() == ".xlsx":
        from amp.io.xlsx.importer import import_xlsx

        try:
            return import_xlsx(path).plan
        except XlsxImportError as exc:
            raise _cell_problems(exc.problems) from None
    try:
        return load_plan(path).plan
    except PlanLoadError as exc:
        raise _fail([str(p) for p in exc.problems], "Der Plan kann nicht gelesen werden:") from None


def report(path: Path, output_format: str, output: Path) -> None:
    if output_format not in REPORT_FORMATS:
        message = f"unbekanntes Format '{output_format}' (erlaubt: {', '.join(REPORT_FORMATS)})"
        raise _fail([message], "Der Bericht kann nicht erstellt werden:")
    if output_format != "xlsx":
        _document_report(path, output_format, output)
        return
    from amp.io.xlsx.export import XlsxWriteError, export_xlsx

    plan = read_plan(path)
    try:
        export_xlsx(plan, output)
    except XlsxWriteError as exc:
        raise _fail([str(exc)], "Der Bericht kann nicht geschrieben werden:") from None
    typer.echo(f"geschrieben: {output}")


def _output_problem(output: Path) -> str | None:
    if output.is_dir():
        return (
            f"{output} ist ein Verzeichnis; bitte eine Datei angeben, z. B. {output / 'plan.pdf'}"
        )
    if not output.parent.is_dir():
        return f"das Verzeichnis {output.parent} gibt es nicht"
    return None


def _document_report(path: Path, output_format: str, output: Path) -> None:
    """The report as PDF or HTML: all tables, charts and the findings of the check."""
    from amp.core.checks import check_plan
    from amp.reports.html import render_html
    from amp.rules.legal_facts import legal_facts

    problem = _output_problem(output)
    if problem:
        raise _fail([problem], "Der Bericht kann nicht geschrieben werden:")
    plan = read_plan(path)
    directory = path if path.is_dir() else None
    html = render_html(plan, check_plan(plan, legal_facts(plan.year, directory)))
    try:
        if output_format == "html":
            output.write_text(html, "utf-8")
        else:
            from amp.reports.pdf import pdf_bytes

            output.write_bytes(pdf_bytes(html))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise _fail([f"{output}: {reason}"], "Der Bericht kann nicht geschrieben werden:") from None
    typer.echo(f"geschrieben: {output}")


def import_workbook(file: Path, output: Path) -> None:
    from amp.io.xlsx.importer import import_xlsx

    try:
        result = import_xlsx(file)
    except XlsxImportError as exc:
        raise _cell_problems(exc.problems) from None
    try:
        write_plan(result.plan, output)
    except PlanWriteError as exc:
        raise _fail([str(exc)], "Der Plan kann nicht geschrieben werden:") from None
    console = Console(highlight=False)
    if result.notes:
        console.print(f"[yellow]Hinweise zur Arbeitsmappe ({len(result.notes)}):[/yellow]")
        for note in result.notes:
            console.print(f"  {note}", markup=False, soft_wrap=True)
    console.print(f"Plan geschrieben: {output}", markup=False)
    console.print(f"Weiter: amp check {output} – und amp diff ALT {output}", markup=False)


def template(year: int, jobcenter: str, output: Path) -> None:
    from amp.io.xlsx.export import XlsxWriteError
    from amp.io.xlsx.template import write_template

    try:
        write_template(year, jobcenter, output)
    except XlsxWriteError as exc:
        raise _fail([str(exc)], "Die Vorlage kann nicht geschrieben werden:") from None
    typer.echo(f"geschrieben: {output}")


# --- diff ---------------------------------------------------------------------------------


def diff(old_path: Path, new_path: Path, output_format: str) -> None:
    old, new = read_plan(old_path), read_plan(new_path)
    changes = diff_plans(old, new)
    if output_format == "json":
        document = {
            "old": str(old_path),
            "new": str(new_path),
            "changes": [change_json(c, (new, old)) for c in changes],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    if not changes:
        console.print("Keine Änderungen.")
        return
    count = "1 Änderung" if len(changes) == 1 else f"{len(changes)} Änderungen"
    console.print(f"{count} von {old_path} nach {new_path}:", markup=False, soft_wrap=True)
    for change in changes:
        console.print(change_text(change, (new, old)), markup=False, soft_wrap=True)
