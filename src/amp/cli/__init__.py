"""The `amp` command: one Typer app, one module per command group.

plan (check, show, overview, schema, example), excel (report, import-xlsx, diff, template),
scenario (szenario), law (rules, calc, eligibility, commitments), kpi, web (demo, manage),
help_docs (docs). Shared pieces (exit codes, `fail`, dates, formats, reading a plan) are in
`amp.cli.common`, the German help frame in `amp.cli.german`.

Start-up: `amp COMMAND` imports only the module of COMMAND's group (`GROUPS`), and the
modules import heavy libraries (pydantic models, DuckDB, openpyxl, WeasyPrint, Django)
inside the commands that use them. `amp.cli.app` (for tests and `amp --help`) has all
groups. docs/befehle.md is generated from the help texts: `amp docs --output docs/befehle.md`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer

from amp.cli.coercion import use_direct_coercion
from amp.cli.german import german_commands, use_german_frame

if TYPE_CHECKING:
    app: typer.Typer

# the command group module (amp.cli.<module>) of every top-level command
GROUPS: dict[str, str] = {
    "check": "plan",
    "show": "plan",
    "overview": "plan",
    "schema": "plan",
    "example": "plan",
    "report": "excel",
    "import-xlsx": "excel",
    "diff": "excel",
    "template": "excel",
    "szenario": "scenario",
    "rules": "law",
    "calc": "law",
    "eligibility": "law",
    "commitments": "law",
    "kpi": "kpi",
    "vollzug": "vollzug",
    "massnahmen": "massnahmen",
    "land": "land",
    "angebote": "angebote",
    "demo": "web",
    "manage": "web",
    "docs": "help_docs",
}


def build_app(modules: Iterable[str] | None = None) -> typer.Typer:
    """The `amp` app with the commands of `modules` (default: all groups, in order)."""
    built = typer.Typer(
        name="amp",
        help="amp – Arbeitsmarktprogramm: Planung und Steuerung der Eingliederungsmittel.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    built.callback()(_group)  # a group even when it holds a single command
    for module in modules if modules is not None else dict.fromkeys(GROUPS.values()):
        importlib.import_module(f"amp.cli.{module}").register(built)
    return built


def _group() -> None:
    pass


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # built on first use: `amp COMMAND` does not need every group
        built = build_app()
        globals()["app"] = built
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _modules_for(args: list[str]) -> list[str] | None:
    """The one group `args` calls; None (all groups) for help or an unknown command."""
    module = GROUPS.get(args[0]) if args else None
    return [module] if module is not None else None


def main() -> None:
    """The `amp` command as installed: its help and usage errors in German."""
    use_german_frame()
    use_direct_coercion()
    command = typer.main.get_command(build_app(_modules_for(sys.argv[1:])))
    german_commands(command)(prog_name="amp")
