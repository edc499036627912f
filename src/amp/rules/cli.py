"""`amp rules …`: the legal parameters as the user sees them (German output)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from amp.formatting import day
from amp.rules.describe import ENTRY_COLUMNS, entry_cells, kind_text, value_text
from amp.rules.docs import recht_markdown
from amp.rules.parameters import ParameterError, all_parameters, load_parameter

EXIT_UNREADABLE = 2

rules_app = typer.Typer(
    help="Rechtsparameter: Werte des SGB II/III mit Datum, Fundstelle und Quelle.",
    no_args_is_help=True,
)


def _console() -> Console:
    return Console(highlight=False)


def _today() -> date:
    return datetime.now(tz=ZoneInfo("Europe/Berlin")).date()


def parse_day(text: str, option: str = "--date") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        typer.echo(f"Fehler: {option} '{text}' ist kein Datum (JJJJ-MM-TT).", err=True)
        raise typer.Exit(EXIT_UNREADABLE) from None


DateOption = Annotated[
    str | None, typer.Option("--date", help="Stichtag JJJJ-MM-TT; ohne Angabe: heute")
]


@rules_app.command("list")
def list_rules(when: DateOption = None) -> None:
    """Listet alle Rechtsparameter mit dem am Stichtag geltenden Wert."""
    on = parse_day(when) if when else _today()
    table = Table(title=f"Rechtsparameter am {day(on)}")
    for column in ("Name", "Bezeichnung", "Art", f"Wert am {day(on)}", "gilt seit"):
        table.add_column(column)
    for key, parameter in all_parameters():
        entry = parameter.entry_at(on)
        value = "noch nicht in Kraft" if entry is None else value_text(entry.value, parameter.unit)
        since = "" if entry is None else day(entry.valid_from)
        table.add_row(key, parameter.name.de, kind_text(parameter), value, since)
    _console().print(table)


@rules_app.command("show")
def show_rule(
    name: Annotated[str, typer.Argument(help="Name, z. B. sgb2_16i.foerdersaetze")],
    when: DateOption = None,
) -> None:
    """Zeigt einen Rechtsparameter mit allen Änderungen und dem am Stichtag geltenden Wert."""
    try:
        parameter = load_parameter(name)
    except ParameterError as exc:
        typer.echo(f"Fehler: {exc}", err=True)
        raise typer.Exit(EXIT_UNREADABLE) from None
    on = parse_day(when) if when else _today()
    console = _console()
    console.print(f"[bold]{parameter.name.de}[/bold] ({name}, {kind_text(parameter)})")
    console.print(parameter.description)
    entry = parameter.entry_at(on)
    if entry is None:
        console.print(f"\nAm {day(on)}: noch nicht in Kraft.")
    else:
        console.print(
            f"\nAm {day(on)}: [bold]{value_text(entry.value, parameter.unit)}[/bold] "
            f"(seit {day(entry.valid_from)}; {entry.reference})"
        )
    table = Table(title="Änderungen")
    for column in ENTRY_COLUMNS:
        table.add_column(column)
    for e in parameter.entries:
        table.add_row(*entry_cells(e, parameter.unit))
    console.print(table)


@rules_app.command("docs")
def write_docs(
    output: Annotated[
        Path | None, typer.Option("--output", help="Zieldatei; ohne Angabe auf den Bildschirm")
    ] = None,
) -> None:
    """Erzeugt die Dokumentation der Rechtsparameter (docs/recht.md)."""
    text = recht_markdown()
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"geschrieben: {output}")


def register(app: typer.Typer) -> None:
    """Add `amp rules …` and the law's top-level commands to the `amp` app."""
    from amp.rules.calc_cli import calc_app
    from amp.rules.commitments_cli import commitments
    from amp.rules.eligibility_cli import eligibility

    app.add_typer(rules_app, name="rules")
    app.add_typer(calc_app, name="calc")
    app.command()(eligibility)
    app.command()(commitments)
