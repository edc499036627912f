"""The plan commands: check, show, overview, schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from amp.cli.common import (
    EXIT_FINDINGS,
    EXIT_UNREADABLE,
    FormatOption,
    OutputFormat,
    PlanArgument,
    console,
    fail,
    load,
    output_format,
)
from amp.example import DEMO_PLAN

if TYPE_CHECKING:
    from amp.core.findings import Finding
    from amp.core.plan import Plan
    from amp.io.plan_dir import LoadedPlan


def findings_of(loaded: LoadedPlan) -> list[Finding]:
    from amp.core.checks import check_plan
    from amp.rules.legal_facts import legal_facts

    return check_plan(loaded.plan, legal_facts(loaded.plan.year, loaded.directory))


def check(path: PlanArgument, chosen: FormatOption = OutputFormat.TEXT) -> None:
    """Prüft den Plan: rechnet jede gedruckte Zahl nach und vergleicht sie mit den Daten.

    Formate: text, json. Exit-Code 0: kein Fehler; 1: mindestens ein Befund der Schwere
    „Fehler“; 2: der Plan kann nicht gelesen werden.
    """
    from amp.core.findings import Severity

    shown = output_format(chosen, OutputFormat.TEXT, OutputFormat.JSON)
    loaded = _load_or_json(path) if shown is OutputFormat.JSON else load(path)
    findings = findings_of(loaded)
    if shown is OutputFormat.JSON:
        from amp.reports.presenter import finding_json

        document = {
            "plan": plan_json(loaded.plan),
            "findings": [finding_json(f, loaded.sources.locate) for f in findings],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        plan = loaded.plan
        title = typer.style(f"{plan.jobcenter.name} – Arbeitsmarktprogramm {plan.year}", bold=True)
        typer.echo(f"{title} ({path})\n")
        print_findings(findings)
    if any(f.severity is Severity.ERROR for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


SEVERITY_STYLES = {
    "Fehler": ("red", True),
    "Warnung": ("yellow", False),
    "Hinweis": ("cyan", False),
}


def print_findings(findings: list[Finding]) -> None:
    """The findings as the presenter words them, coloured on a terminal."""
    from amp.reports import presenter

    if not findings:
        typer.secho(presenter.NO_FINDINGS, fg="green")
        return
    typer.echo(typer.style(presenter.findings_summary(findings), bold=True) + "\n")
    for shown in presenter.shown_findings(findings):
        colour, bold = SEVERITY_STYLES.get(shown.severity, ("white", False))
        severity = typer.style(shown.severity, fg=colour, bold=bold)
        typer.echo(f"{shown.number}. {severity} [{shown.rule}] {shown.where}")
        typer.echo(f"   {shown.message}")
        if shown.note:
            typer.echo(typer.style(f"   {shown.note}", dim=True))
        if shown.figures:
            typer.echo(f"   {shown.figures}")
        typer.echo()


def _load_or_json(path: Path) -> LoadedPlan:
    """With --format json an unreadable plan is JSON too: its problems, exit code 2."""
    from amp.io.plan_dir import PlanLoadError, load_plan
    from amp.reports.presenter import problem_json

    try:
        return load_plan(path)
    except PlanLoadError as exc:
        document = {
            "plan": None,
            "findings": [],
            "problems": [problem_json(p) for p in exc.problems],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_UNREADABLE) from None


def show(
    path: PlanArgument,
    table: Annotated[
        str | None,
        typer.Argument(help="Name der Tabelle; ohne Angabe alle Tabellen", show_default=False),
    ] = None,
) -> None:
    """Zeigt die Tabellen des Plans mit nachgerechneten Summen im deutschen Zahlenformat."""
    from amp.cli.terminal import render_table
    from amp.reports.tables import all_tables

    loaded = load(path)
    views = all_tables(loaded.plan)
    if table is not None:
        chosen = [v for v in views if v.key == table or v.key.startswith(f"{table}-")]
        if not chosen:
            names = ", ".join(v.key for v in views)
            raise fail(f"Unbekannte Tabelle '{table}'. Vorhanden: {names}")
        views = chosen
    out = console()
    for view in views:
        render_table(out, view)


def overview(
    path: Annotated[
        Path,
        typer.Argument(help="Plan-Verzeichnis; ohne Angabe der Beispielplan", show_default=False),
    ] = DEMO_PLAN,
) -> None:
    """Zeigt den Überblick eines Plans im Terminal: Kerntabellen und alle Befunde."""
    from amp.cli.terminal import render_table
    from amp.reports.tables import all_tables
    from amp.reports.tables import overview as overview_table

    loaded = load(path)
    out = console()
    render_table(out, overview_table(loaded.plan))
    for view in all_tables(loaded.plan):
        if view.key in {"mittelausstattung", "finanzplanung", "zielgruppen"}:
            render_table(out, view)
    out.rule("Prüfung")
    print_findings(findings_of(loaded))
    out.print(
        f"Weiter: [bold]amp show {path}[/bold] zeigt alle Tabellen, "
        f"[bold]amp check {path} --format json[/bold] die Befunde als JSON."
    )


def schema(
    output: Annotated[Path, typer.Option("--output", "-o", help="Zielverzeichnis")] = Path(
        "schema"
    ),
) -> None:
    """Schreibt die JSON-Schemas der Plandateien (für Editoren und andere Werkzeuge)."""
    from amp.io.schema import write_schemas

    for file in write_schemas(output):
        typer.echo(f"geschrieben: {file}")


def example(
    output: Annotated[Path, typer.Option("--output", "-o", help="neues Plan-Verzeichnis")] = Path(
        DEMO_PLAN.name
    ),
) -> None:
    """Kopiert den Beispielplan (Arbeitsmarktprogramm 2024 des Jobcenters EN) in ein
    Verzeichnis, zum Ausprobieren von check, show, report und szenario."""
    import shutil

    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise fail(f"{output} gibt es schon und ist nicht leer; nichts wurde geschrieben.")
    try:
        shutil.copytree(
            DEMO_PLAN, output, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True
        )
    except OSError as exc:
        raise fail(f"{output}: {exc.strerror or exc}") from None
    typer.echo(f"geschrieben: {output}")
    typer.echo(f"Weiter: amp check {output}")


def plan_json(plan: Plan) -> Any:
    from pydantic import TypeAdapter

    from amp.core.plan import Plan

    return TypeAdapter(Plan).dump_python(plan, mode="json")


def register(app: typer.Typer) -> None:
    app.command()(check)
    app.command()(show)
    app.command()(overview)
    app.command()(schema)
    app.command()(example)
