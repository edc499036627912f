"""The `amp` command."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import TypeAdapter
from rich.console import Console

from amp import excel_commands
from amp.cli_german import german_commands, use_german_frame
from amp.core.checks import check_plan
from amp.core.edit import format_path
from amp.core.findings import Finding, Severity
from amp.core.plan import Plan
from amp.io.plan_dir import LoadedPlan, PlanLoadError, load_plan
from amp.io.schema import write_schemas
from amp.kpi.cli import app as kpi_app
from amp.reports.tables import all_tables, overview
from amp.rules.cli import register as register_rules
from amp.rules.legal_facts import legal_facts
from amp.scenario_command import szenario
from amp.terminal import render_findings, render_problems, render_table

app = typer.Typer(
    name="amp",
    help="amp – Arbeitsmarktprogramm: Planung und Steuerung der Eingliederungsmittel.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
DEMO_PLAN = Path(__file__).resolve().parents[2] / "examples" / "jobcenter-en-2024"

PlanArgument = Annotated[
    Path,
    typer.Argument(help="Plan-Verzeichnis, z. B. examples/jobcenter-en-2024", show_default=False),
]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _console() -> Console:
    return Console(highlight=False)


def _load(path: Path) -> LoadedPlan:
    try:
        return load_plan(path)
    except PlanLoadError as exc:
        render_problems(Console(stderr=True, highlight=False), exc.problems)
        raise typer.Exit(EXIT_UNREADABLE) from None


def _findings(loaded: LoadedPlan) -> list[Finding]:
    return check_plan(loaded.plan, legal_facts(loaded.plan.year, loaded.directory))


@app.command()
def check(
    path: PlanArgument,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Ausgabeformat")
    ] = OutputFormat.TEXT,
) -> None:
    """Prüft den Plan: rechnet jede gedruckte Zahl nach und vergleicht sie mit den Daten.

    Exit-Code 0: kein Fehler; 1: mindestens ein Befund der Schwere „Fehler“;
    2: der Plan kann nicht gelesen werden.
    """
    loaded = _load(path)
    findings = _findings(loaded)
    if output is OutputFormat.JSON:
        document = {
            "plan": plan_json(loaded.plan),
            "findings": [finding_json(f, loaded) for f in findings],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        console = _console()
        plan = loaded.plan
        console.print(
            f"[bold]{plan.jobcenter.name} – Arbeitsmarktprogramm {plan.year}[/bold] ({path})\n"
        )
        render_findings(console, findings)
    if any(f.severity is Severity.ERROR for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def show(
    path: PlanArgument,
    table: Annotated[
        str | None,
        typer.Argument(help="Name der Tabelle; ohne Angabe alle Tabellen", show_default=False),
    ] = None,
) -> None:
    """Zeigt die Tabellen des Plans mit nachgerechneten Summen im deutschen Zahlenformat."""
    loaded = _load(path)
    views = all_tables(loaded.plan)
    if table is not None:
        chosen = [v for v in views if v.key == table or v.key.startswith(f"{table}-")]
        if not chosen:
            names = ", ".join(v.key for v in views)
            typer.echo(f"Unbekannte Tabelle '{table}'. Vorhanden: {names}", err=True)
            raise typer.Exit(EXIT_UNREADABLE)
        views = chosen
    console = _console()
    for view in views:
        render_table(console, view)


@app.command()
def demo(
    port: Annotated[int, typer.Option("--port", help="Port auf 127.0.0.1")] = 8000,
) -> None:
    """Startet die Web-Anwendung mit dem Beispielplan (Jobcenter EN 2024) und Demo-Benutzern.

    Die Datenbank ist eine frische SQLite-Datei in einem temporären Verzeichnis.
    """
    from amp.web import demo as web_demo

    _load(DEMO_PLAN)  # a broken example is reported here, in German, before anything starts
    web_demo.serve(DEMO_PLAN, port)


@app.command(name="overview")
def overview_command(
    path: Annotated[
        Path,
        typer.Argument(help="Plan-Verzeichnis; ohne Angabe der Beispielplan"),
    ] = DEMO_PLAN,
) -> None:
    """Zeigt den Überblick eines Plans im Terminal: Kerntabellen und alle Befunde."""
    loaded = _load(path)
    console = _console()
    render_table(console, overview(loaded.plan))
    for view in all_tables(loaded.plan):
        if view.key in {"mittelausstattung", "finanzplanung", "zielgruppen"}:
            render_table(console, view)
    console.rule("Prüfung")
    render_findings(console, _findings(loaded))
    console.print(
        f"Weiter: [bold]amp show {path}[/bold] zeigt alle Tabellen, "
        f"[bold]amp check {path} --format json[/bold] die Befunde als JSON."
    )


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def manage(ctx: typer.Context) -> None:
    """Verwaltet die Web-Anwendung (Django-Befehle), z. B. migrate, createsuperuser,
    plan_import PLAN, plan_export ID ZIEL, grant_role BENUTZER JOBCENTER ROLLE, kpi_load DATEN,
    runserver.

    Die Einstellungen kommen aus der Umgebung: DATABASE_URL, AMP_SECRET_KEY, AMP_DATA_DIR.
    """
    import os

    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amp.web.settings")
    try:
        execute_from_command_line(["amp manage", *ctx.args])
    except ImproperlyConfigured as exc:  # a missing or wrong setting: say which, no traceback
        Console(stderr=True, highlight=False).print(
            f"Die Web-Anwendung ist nicht eingerichtet: {exc}", markup=False, soft_wrap=True
        )
        raise typer.Exit(EXIT_UNREADABLE) from None


@app.command()
def schema(
    output: Annotated[Path, typer.Option("--output", help="Zielverzeichnis")] = Path("schema"),
) -> None:
    """Schreibt die JSON-Schemas der Plandateien (für Editoren und andere Werkzeuge)."""
    for file in write_schemas(output):
        typer.echo(f"geschrieben: {file}")


# --- Excel (issue 3): thin wrappers, the work is in amp.excel_commands ---


@app.command()
def report(
    path: PlanArgument,
    output: Annotated[
        Path, typer.Option("--output", help="Zieldatei, z. B. plan.xlsx, plan.pdf, plan.html")
    ],
    output_format: Annotated[
        str, typer.Option("--format", help="xlsx, pdf, html oder docx")
    ] = "xlsx",
    whole: Annotated[
        bool,
        typer.Option(
            "--gesamt",
            help="das ganze Arbeitsmarktprogramm: Kapitel aus kapitel/*.md mit gebundenen "
            "Zahlen, Tabellen, Grafiken, Befunde (pdf als PDF/UA-1, html, docx)",
        ),
    ] = False,
) -> None:
    """Schreibt den Plan als Excel-Arbeitsmappe (xlsx: ein Blatt je Tabelle, Summen als
    Formeln) oder als Bericht „Tabellen und Übersichten“ (pdf, html) mit Grafiken und den
    Befunden der Prüfung; mit --gesamt (und immer als docx) das ganze
    Arbeitsmarktprogramm mit seinen Kapiteln."""
    if whole or output_format == "docx":
        from amp.document_command import write_document

        write_document(path, output_format, output)
        return
    excel_commands.report(path, output_format, output)


@app.command("import-xlsx")
def import_xlsx(
    file: Annotated[Path, typer.Argument(help="Arbeitsmappe (.xlsx)", show_default=False)],
    output: Annotated[Path, typer.Option("--output", help="neues Plan-Verzeichnis")],
) -> None:
    """Übernimmt eine (in Excel bearbeitete) Arbeitsmappe als Plan-Verzeichnis."""
    excel_commands.import_workbook(file, output)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="alter Plan (Verzeichnis oder .xlsx)")],
    new: Annotated[Path, typer.Argument(help="neuer Plan (Verzeichnis oder .xlsx)")],
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Ausgabeformat")
    ] = OutputFormat.TEXT,
) -> None:
    """Zeigt Zeile für Zeile, was sich zwischen zwei Plänen geändert hat (alt → neu, Δ)."""
    excel_commands.diff(old, new, output.value)


@app.command()
def template(
    year: Annotated[int, typer.Option("--year", help="Planjahr")],
    jobcenter: Annotated[str, typer.Option("--jobcenter", help="Name des Jobcenters")],
    output: Annotated[Path, typer.Option("--output", help="Zieldatei, z. B. vorlage.xlsx")],
) -> None:
    """Schreibt eine leere Arbeitsmappe, die ein Jobcenter mit seinem Plan füllt."""
    excel_commands.template(year, jobcenter, output)


def plan_json(plan: Plan) -> Any:
    return TypeAdapter(Plan).dump_python(plan, mode="json")


def finding_json(finding: Finding, loaded: LoadedPlan) -> dict[str, Any]:
    location = finding.location
    file, line, inner = loaded.sources.locate(location.path)
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "location": {
            "table": location.table,
            "row": location.row,
            "column": location.column,
            "file": str(file),
            "line": line,
            "path": format_path(inner),
        },
        "printed": None if finding.printed is None else str(finding.printed),
        "computed": None if finding.computed is None else str(finding.computed),
        "unit": finding.unit.value,
        "message": finding.message,
    }


register_rules(app)
app.command()(szenario)
app.add_typer(kpi_app, name="kpi")


def main() -> None:
    """The `amp` command as installed: its help and usage errors in German."""
    use_german_frame()
    german_commands(typer.main.get_command(app))(prog_name="amp")


if __name__ == "__main__":
    main()
