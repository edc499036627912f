"""`amp vollzug`: the ledger of the year from the command line – import, stand,
warnungen, hochrechnung, bericht, folgejahr. Exit codes: 0 ok, 1 findings (or refused rows),
2 unreadable input."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from amp.cli.common import EXIT_FINDINGS, EXIT_UNREADABLE, fail_problems
from amp.core import formatting
from amp.core.ledger.model import KIND_LABELS, Commitment, Kind
from amp.example import DEMO_PLAN

if TYPE_CHECKING:
    from rich.console import Console

    from amp.core.findings import Finding
    from amp.core.ledger.steering import Steering
    from amp.core.problems import Problem
    from amp.io.ledger.store import LedgerDirectory

app = typer.Typer(
    name="vollzug",
    help="Vollzug des Jahres: Ist, Bindungen, freie Mittel, Hochrechnung, Umschichtung, "
    "Vorbelastungen und der Entwurf des Folgejahres.",
    no_args_is_help=True,
    add_completion=False,
)


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


PlanOption = Annotated[
    Path, typer.Option("--plan", help="Plan-Verzeichnis; ohne Angabe der Beispielplan")
]
LedgerOption = Annotated[
    Path | None,
    typer.Option("--vollzug", help="Vollzugs-Verzeichnis; ohne Angabe PLAN/vollzug"),
]
StandOption = Annotated[
    str | None,
    typer.Option("--stand", help="Stichtag TT.MM.JJJJ; ohne Angabe der Stand aus vollzug.yaml"),
]
FormatOption = Annotated[Format, typer.Option("--format", help="Ausgabeformat")]


def _err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _problems(problems: tuple[Problem, ...] | list[Problem], what: str) -> None:
    """Every problem under one heading, worded by the one presenter."""
    fail_problems(problems, what)


def _open(plan_dir: Path, ledger_dir: Path | None) -> LedgerDirectory:
    from amp.core.problems import InputProblems
    from amp.io.ledger.store import load_ledger
    from amp.io.plan_dir import PlanLoadError, load_plan

    try:
        plan = load_plan(plan_dir).plan
    except PlanLoadError as exc:
        raise fail_problems(exc.problems, "Der Plan kann nicht gelesen werden") from None
    try:
        return load_ledger(ledger_dir or plan_dir / "vollzug", plan)
    except InputProblems as exc:
        raise fail_problems(exc.problems, "Der Vollzug kann nicht gelesen werden") from None


def _stand(data: LedgerDirectory, text: str | None) -> date:
    from amp.io.ledger.values import ValueProblem, day

    if text is None:
        return data.config.stand
    try:
        return day(text)
    except ValueProblem as exc:
        _err().print(f"--stand: {exc}", markup=False)
        raise typer.Exit(EXIT_UNREADABLE) from None


def _steer(
    plan_dir: Path, ledger_dir: Path | None, stand: str | None
) -> tuple[LedgerDirectory, Steering]:
    from amp.core.ledger.steering import steer

    data = _open(plan_dir, ledger_dir)
    when = _stand(data, stand)
    if when.year < data.config.year:
        _err().print(f"--stand: der Stand liegt vor dem Jahr {data.config.year}.")
        raise typer.Exit(EXIT_UNREADABLE)
    return data, steer(data.ledger, data.config.year, when)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="Export des Finanzsystems (.csv oder .xlsx)")],
    kind: Annotated[Kind, typer.Option("--art", help="buchungen oder bindungen")] = (Kind.BOOKINGS),
    plan_dir: PlanOption = DEMO_PLAN,
    ledger_dir: LedgerOption = None,
    sheet: Annotated[str | None, typer.Option("--blatt", help="Blatt der Arbeitsmappe")] = None,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--spalte",
            help="Spaltenzuordnung FELD=Spaltenkopf, z. B. --spalte datum=Belegdatum "
            "(Felder: id, datum, betrag, konto, kostenstelle, massnahme, bindung, einmalig, "
            "text; für Bindungen id, zeile, datum, status, monat, betrag, massnahme, "
            "erledigt_am)",
        ),
    ] = None,
    save_columns: Annotated[
        bool, typer.Option("--zuordnung-speichern", help="Spaltenzuordnung für später merken")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--vorschau", help="nur zeigen, was sich ändern würde")
    ] = False,
) -> None:
    """Liest Buchungen oder Bindungen aus einem Export des Finanzsystems ein.

    Erst die Vorschau (neu, geändert, unverändert, abgelehnt), dann alles oder nichts.
    Dieselbe Datei noch einmal einzulesen ändert nichts (die Nummern des Finanzsystems sind
    der Schlüssel).

    Exit-Code 1: abgelehnte Zeilen, nichts wurde gespeichert; 2: Datei nicht lesbar.
    """
    from rich.console import Console

    from amp.cli.plan import print_findings
    from amp.core.findings import Severity
    from amp.core.problems import InputProblems
    from amp.io.ledger.importer import apply_import, preview_import

    target = ledger_dir or plan_dir / "vollzug"
    mapping: dict[str, str] | None = None
    if columns:
        mapping = {}
        for pair in columns:
            key, sep, header = pair.partition("=")
            if not sep or not key.strip() or not header.strip():
                _err().print(f"--spalte „{pair}“: als FELD=Spaltenkopf angeben.", markup=False)
                raise typer.Exit(EXIT_UNREADABLE)
            mapping[key.strip()] = header.strip()
    try:
        result = preview_import(target, kind, file, mapping, sheet)
    except InputProblems as exc:
        _problems(exc.problems, f"{file} kann nicht gelesen werden")
        raise typer.Exit(EXIT_UNREADABLE) from None
    counts = result.counts()
    console = Console(highlight=False)
    console.print(
        f"{KIND_LABELS[kind]} aus {file}: {result.rows} Zeilen – "
        + ", ".join(f"{n} {label}" for label, n in counts.items())
    )
    if result.refused:
        _problems(result.refused, "Abgelehnte Zeilen; nichts wurde gespeichert")
        raise typer.Exit(EXIT_FINDINGS)
    if result.commitments is not None and (target / "vollzug.yaml").exists():
        checks = _availability(plan_dir, target, list(result.commitments.new))
        if checks:
            print_findings(checks)
        if any(f.severity is Severity.ERROR for f in checks):
            _err().print(
                "Neue Bindungen übersteigen die freien Mittel über die Toleranz hinaus; "
                "nichts wurde gespeichert."
            )
            raise typer.Exit(EXIT_FINDINGS)
    if dry_run:
        console.print("Vorschau: nichts gespeichert.")
        return
    apply_import(target, result, save_columns)
    console.print(f"Gespeichert in {target}.")


def _availability(plan_dir: Path, target: Path, new: list[Commitment]) -> list[Finding]:
    """The availability check of the new commitments against the Vollzug at its Stand."""
    from amp.core.ledger.position import check_new_commitments, position

    if not new:
        return []
    data = _open(plan_dir, target)
    result = position(data.ledger, data.config.year, data.config.stand)
    return check_new_commitments(result, new, data.config.tolerance)


@app.command()
def stand(
    plan_dir: PlanOption = DEMO_PLAN,
    ledger_dir: LedgerOption = None,
    when: StandOption = None,
    line: Annotated[
        str | None, typer.Option("--zeile", help="eine Planzeile Monat für Monat zeigen")
    ] = None,
    output: FormatOption = Format.TEXT,
) -> None:
    """Zeigt Planung, Ist, offene Bindungen, freie Mittel und Ausschöpfung je Planzeile.

    Dazu Tempo, die Mittel des Jahres, die Vorbelastungen und Hinweise (z. B. Konten ohne
    Zuordnung). Exit-Code 1, wenn ein Hinweis der Schwere „Fehler“ dabei ist."""
    from rich.console import Console

    from amp.cli.plan import print_findings
    from amp.cli.terminal import render_table
    from amp.core.findings import Severity
    from amp.reports.vollzug import (
        columns,
        funds_view,
        lines_view,
        month_view,
        position_data,
        preload_view,
    )

    data, s = _steer(plan_dir, ledger_dir, when)
    if line is not None and line not in {p.line for p in s.position.lines}:
        _err().print(f"--zeile: die Planzeile „{line}“ gibt es nicht.", markup=False)
        raise typer.Exit(EXIT_UNREADABLE)
    if output is Format.JSON:
        typer.echo(json.dumps(position_data(s), ensure_ascii=False, indent=2))
    else:
        console = Console(highlight=False)
        console.print(
            f"[bold]{data.plan.jobcenter.name} – Vollzug {s.position.year}, Stand "
            f"{formatting.day(s.position.stand)}[/bold]\n"
        )
        views = (
            [month_view(s, line)]
            if line
            else [columns(lines_view(s), (0, 1, 2, 3, 4, 5, 9)), funds_view(s), preload_view(s)]
        )
        for view in views:
            render_table(console, view)
        print_findings(list(s.position.findings))
    if any(f.severity is Severity.ERROR for f in s.position.findings):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def warnungen(
    plan_dir: PlanOption = DEMO_PLAN,
    ledger_dir: LedgerOption = None,
    when: StandOption = None,
    output: FormatOption = Format.TEXT,
) -> None:
    """Zeigt die Warnungen zum Stand, das Schwerste zuerst.

    Planzeilen, die voraussichtlich nicht reichen oder deutlich übrig behalten, Zeilen, in
    denen Ist und offene Bindungen die Planung übersteigen (Verfügbarkeitsprüfung mit der
    Toleranz), ungewöhnliches Tempo und Konten ohne Zuordnung – wie die Seite „Warnungen“.
    Exit-Code 1, wenn ein Fehler dabei ist."""
    from rich.console import Console

    from amp.core.findings import Severity
    from amp.core.ledger.alerts import ALERT_LABELS, alerts

    data, s = _steer(plan_dir, ledger_dir, when)
    found = alerts(s, data.config.tolerance)
    if output is Format.JSON:
        typer.echo(
            json.dumps(
                [
                    {
                        "schwere": a.severity.value,
                        "art": a.kind.value,
                        "zeile": a.line,
                        "meldung": a.message,
                    }
                    for a in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        console = Console(highlight=False)
        console.print(
            f"[bold]Warnungen zum Stand {formatting.day(s.position.stand)}: {len(found)}[/bold]"
        )
        for a in found:
            console.print(
                f"{a.severity.value} ({ALERT_LABELS[a.kind]}): {a.message}",
                markup=False,
                soft_wrap=True,
            )
    if any(a.severity is Severity.ERROR for a in found):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def hochrechnung(
    plan_dir: PlanOption = DEMO_PLAN,
    ledger_dir: LedgerOption = None,
    when: StandOption = None,
    line: Annotated[
        str | None, typer.Option("--zeile", help="Hochrechnung einer Planzeile erklären")
    ] = None,
    output: FormatOption = Format.TEXT,
    apply_proposals: Annotated[
        bool,
        typer.Option(
            "--umschichten",
            help="die Vorschläge als Fortschreibungen zum Stand in vollzug.yaml übernehmen",
        ),
    ] = False,
) -> None:
    """Rechnet jede Planzeile zum Jahresende hoch und schlägt Umschichtungen vor.

    Mit Intervall, der im Rückblick besten Methode und ihrer Erklärung; mit --umschichten
    werden die Vorschläge in einem Schritt zur Fortschreibung der Planung."""
    from rich.console import Console

    from amp.cli.terminal import render_table
    from amp.core.forecast import METHOD_LABELS
    from amp.core.ledger.reallocation import as_plan_changes
    from amp.io.ledger.store import add_plan_changes
    from amp.reports.vollzug import columns, forecast_data, forecast_view, proposals_view

    data, s = _steer(plan_dir, ledger_dir, when)
    if apply_proposals:
        changes = as_plan_changes(s.reallocation.proposals, s.position.stand)
        skipped = add_plan_changes(data.directory, changes)
        added = len(changes) - len(skipped)
        typer.echo(
            f"{added} Fortschreibung(en) in {data.directory / 'vollzug.yaml'} übernommen"
            + (f"; schon vorhanden: {', '.join(skipped)}" if skipped else "")
            + "."
        )
        return
    if line is not None and line not in s.forecasts:
        _err().print(f"--zeile: die Planzeile „{line}“ gibt es nicht.", markup=False)
        raise typer.Exit(EXIT_UNREADABLE)
    if output is Format.JSON:
        typer.echo(json.dumps(forecast_data(s), ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    if line is not None:
        f = s.forecasts[line]
        console.print(f"[bold]{s.position.line(line).name}[/bold]")
        for text in f.explanation:
            console.print(f"  {text}", markup=False, soft_wrap=True)
        console.print("\nAlle Methoden (Hochrechnung; mittlerer Fehler im Rückblick):")
        for b in f.backtests:
            point = f.alternatives.get(b.method)
            error = (
                "kein Rückblick" if b.mape is None else f"{b.mape * 100:.1f} %".replace(".", ",")
            )
            shown = formatting.money(point) if point is not None else "nicht anwendbar"
            console.print(f"  {METHOD_LABELS[b.method]}: {shown}; {error}", markup=False)
        return
    render_table(console, columns(forecast_view(s), (0, 2, 3, 4, 7)))
    render_table(console, columns(proposals_view(s), (0, 1, 2)))


@app.command()
def bericht(
    output: Annotated[Path, typer.Option("--output", help="Zieldatei: .pdf oder .html")],
    plan_dir: PlanOption = DEMO_PLAN,
    ledger_dir: LedgerOption = None,
    when: StandOption = None,
) -> None:
    """Schreibt den monatlichen Controllingbericht für Leitung und Beirat (PDF oder HTML).

    Kurve des Mittelabflusses mit ihren Daten, Vollzug, Hochrechnung, Mittel, Umschichtung,
    Vorbelastungen und wie jede Hochrechnung entstand."""
    from amp.reports.vollzug import render_report

    data, s = _steer(plan_dir, ledger_dir, when)
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    html = render_report(s, data.ledger, data.plan.jobcenter.name, today, data.config.tolerance)
    if output.suffix.lower() == ".pdf":
        from amp.reports.pdf import write_pdf

        write_pdf(html, output)
    elif output.suffix.lower() in {".html", ".htm"}:
        output.write_text(html, encoding="utf-8")
    else:
        _err().print("--output: die Datei muss auf .pdf oder .html enden.")
        raise typer.Exit(EXIT_UNREADABLE)
    typer.echo(f"geschrieben: {output}")


@app.command()
def folgejahr(
    output: Annotated[Path, typer.Option("--output", help="neues Plan-Verzeichnis")],
    plan_dir: PlanOption = DEMO_PLAN,
    ledger_dir: LedgerOption = None,
    when: StandOption = None,
) -> None:
    """Legt den Entwurf des Folgejahres aus dem Vollzug an.

    Planung Vorjahr = Planung dieses Jahres, Hochrechnung = Hochrechnung zum Stand,
    Verpflichtungen = was laufende Bindungen im Folgejahr binden. Die Spalte Planung bleibt
    leer. Jede Zelle mit ihren Quellen steht in herkunft.csv neben dem Plan."""
    from amp.core.budget import COLUMN_LABELS
    from amp.core.forecast import METHOD_LABELS
    from amp.core.ledger.next_year import next_year_draft
    from amp.io.plan_writer import PlanWriteError, write_plan

    data, s = _steer(plan_dir, ledger_dir, when)
    forecasts = {
        line: (
            f.point,
            f"Hochrechnung Stand {formatting.day(s.position.stand)}: {METHOD_LABELS[f.method]}",
        )
        for line, f in s.forecasts.items()
    }
    next_load = s.preloads[0].by_line if s.preloads else {}
    draft, cells = next_year_draft(data.plan, data.ledger, s.position.stand, forecasts, next_load)
    try:
        write_plan(draft, output)
    except PlanWriteError as exc:
        _err().print(str(exc), markup=False)
        raise typer.Exit(EXIT_UNREADABLE) from None
    with (output / "herkunft.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Planzeile", "Spalte", "Betrag", "Quellen"])
        for cell in cells:
            writer.writerow(
                [cell.line, COLUMN_LABELS[cell.column], str(cell.value), " | ".join(cell.sources)]
            )
    typer.echo(f"Entwurf {draft.year} geschrieben: {output} (Quellen je Zelle: herkunft.csv)")


def register(main_app: typer.Typer) -> None:
    main_app.add_typer(app, name="vollzug")
