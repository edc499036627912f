"""What every command of `amp` shares: exit codes, the one way to fail, reading dates,
formats and plans, and the option names (docs/befehle.md, „Optionen“).

Cheap to import: Rich, pydantic and the plan loader are imported when first used, so
`amp --help` and commands that need none of them start quickly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from amp.core import formatting

if TYPE_CHECKING:
    from rich.console import Console

    from amp.core.plan import Plan
    from amp.core.problems import Problem
    from amp.io.plan_dir import LoadedPlan

# --- exit codes: the same meaning in every command -----------------------------------------
EXIT_OK = 0
EXIT_FINDINGS = 1  # `check`: at least one finding of severity „Fehler“
EXIT_FAILED = 1  # a computation could not be finished (e.g. Spark missing)
EXIT_UNREADABLE = 2  # input or usage that cannot be read; nothing was written


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def fail(message: str, details: Iterable[str] = (), code: int = EXIT_UNREADABLE) -> typer.Exit:
    """Print `message` (and one indented line per detail) to stderr; the Exit to raise.

    `raise fail("…")` ends a command with a German message and no traceback.
    """
    err = console(stderr=True)
    err.print(f"[bold red]Fehler:[/bold red] {_escaped(message)}", soft_wrap=True)
    for detail in details:
        err.print(f"  {detail}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def fail_problems(
    problems: Sequence[Problem], what: str, nothing_written: bool = False
) -> typer.Exit:
    """Every problem of an unreadable input, under one heading ("Der Plan kann nicht …")."""
    from amp.reports.presenter import problem_lines, problems_heading

    heading = problems_heading(problems, what, nothing_written)
    return fail(heading, problem_lines(problems))


def _escaped(text: str) -> str:
    from rich.markup import escape

    return escape(text)


# --- dates ------------------------------------------------------------------------------


def today() -> date:
    return datetime.now(tz=ZoneInfo("Europe/Berlin")).date()


def parse_day(text: str, option: str = "--date") -> date:
    """A day as JJJJ-MM-TT or TT.MM.JJJJ (amp's one date parser); a German usage error otherwise."""
    try:
        day = formatting.parse_day(text)
    except formatting.AmountInputError as exc:
        raise fail(f"{option} '{text}': {exc}.") from None
    if day is None:
        raise fail(f"{option} ist leer: ein Datum wird gebraucht (JJJJ-MM-TT).")
    return day


def day_or_today(text: str | None, option: str = "--date") -> date:
    return today() if text is None else parse_day(text, option)


# --- output formats ---------------------------------------------------------------------


class OutputFormat(StrEnum):
    """What a command writes to the screen; each command names the ones it offers."""

    TEXT = "text"  # for people: tables and sentences in German
    TABLE = "table"  # the same as text (the name the tables of `calc` and `kpi` had)
    CSV = "csv"
    JSON = "json"


FORMAT_HELP = "Ausgabeformat (welche der Befehl anbietet: siehe oben)"
FormatOption = Annotated[OutputFormat, typer.Option("--format", help=FORMAT_HELP)]


def output_format(chosen: OutputFormat, *offered: OutputFormat) -> OutputFormat:
    """`chosen`, with table read as text; a German usage error if the command lacks it."""
    if chosen is OutputFormat.TABLE:
        chosen = OutputFormat.TEXT
    if chosen not in offered:
        names = ", ".join(f.value for f in offered)
        raise fail(f"--format {chosen.value}: dieser Befehl kann {names}.")
    return chosen


# --- output files and directories -------------------------------------------------------


def output_path(output: Path | None, *aliases: tuple[str, Path | None]) -> Path | None:
    """The path given by `--output` or by one of its old names (`--out`, `--ausgabe`)."""
    given = [(name, path) for name, path in (("--output", output), *aliases) if path is not None]
    if len(given) > 1:
        names = " und ".join(name for name, _ in given)
        raise fail(f"{names} meinen dasselbe; bitte nur --output angeben.")
    return given[0][1] if given else None


def required_output(output: Path | None, *aliases: tuple[str, Path | None]) -> Path:
    chosen = output_path(output, *aliases)
    if chosen is None:
        raise fail("Es fehlt die Option --output.")
    return chosen


ScreenOrFile = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Zieldatei; ohne Angabe auf den Bildschirm"),
]


def show_or_write(text: str, output: Path | None) -> None:
    """A generated document on the screen, or written to `output`."""
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"geschrieben: {output}")


# --- reading a plan ---------------------------------------------------------------------

PlanArgument = Annotated[
    Path,
    typer.Argument(
        help="Plan-Verzeichnis, z. B. jobcenter-en-2024 (siehe amp example)", show_default=False
    ),
]


def load(path: Path) -> LoadedPlan:
    """A plan directory, or every problem it has and exit code 2."""
    from amp.io.plan_dir import PlanLoadError, load_plan

    try:
        return load_plan(path)
    except PlanLoadError as exc:
        raise fail_problems(exc.problems, "Der Plan kann nicht gelesen werden") from None


def read_plan(path: Path) -> Plan:
    """A plan directory or an amp workbook (.xlsx)."""
    if path.suffix.lower() != ".xlsx":
        return load(path).plan
    from amp.io.xlsx.cells import XlsxImportError
    from amp.io.xlsx.importer import import_xlsx

    try:
        return import_xlsx(path).plan
    except XlsxImportError as exc:
        raise fail_problems(
            exc.problems, "Die Arbeitsmappe kann nicht übernommen werden", nothing_written=True
        ) from None


def output_problem(output: Path) -> str | None:
    """Why a report cannot be written to the file `output`, or None when it can."""
    if output.is_dir():
        return (
            f"{output} ist ein Verzeichnis; bitte eine Datei angeben, z. B. {output / 'plan.pdf'}"
        )
    if not output.parent.is_dir():
        return f"das Verzeichnis {output.parent} gibt es nicht"
    return None
