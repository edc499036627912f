"""The `amp` command: one Typer app, one module per command group.

plan (check, show, overview, schema), excel (report, import-xlsx, diff, template),
scenario (szenario), law (rules, calc, eligibility, commitments), kpi, web (demo, manage).
Shared pieces (exit codes, `fail`, dates, formats, reading a plan) are in `amp.cli.common`,
the German help frame in `amp.cli.german`. The command modules import heavy libraries
(pydantic, DuckDB, openpyxl, WeasyPrint, Django) inside the commands that use them, so
`amp --help` and `amp check` start quickly. docs/befehle.md is generated from the help
texts: `amp docs --output docs/befehle.md`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amp.cli import excel, kpi, law, plan, scenario, web
from amp.cli.german import german_commands, use_german_frame

app = typer.Typer(
    name="amp",
    help="amp – Arbeitsmarktprogramm: Planung und Steuerung der Eingliederungsmittel.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for group in (plan, excel, scenario, law, kpi, web):
    group.register(app)


@app.command("docs")
def write_docs(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Zieldatei; ohne Angabe auf den Bildschirm"),
    ] = None,
) -> None:
    """Erzeugt die Übersicht aller Befehle (docs/befehle.md) aus ihrer eigenen Hilfe."""
    from amp.cli.help_docs import befehle_markdown

    text = befehle_markdown(app)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"geschrieben: {output}")


def main() -> None:
    """The `amp` command as installed: its help and usage errors in German."""
    use_german_frame()
    german_commands(typer.main.get_command(app))(prog_name="amp")
