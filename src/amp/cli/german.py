"""The frame of `amp`'s help and usage errors in German.

Typer (with the click it carries) writes "Usage:", "Options", "Missing argument …" in
English and has no translation catalogue. amp's users read German, so the frame is set
here: the panel titles and markers are Typer settings, the usage prefix comes from a
formatter subclass, the help option's text is set on each command, and a usage error's
message is translated before Typer prints it. `tests/test_cli_german.py` pins the result,
so a Typer upgrade that moves any of these hooks fails a test instead of turning English.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import re
import sys
from types import ModuleType
from typing import Any

import typer

RICH_UTILS = "typer.rich_utils"

HELP_OPTION_TEXT = "Diese Hilfe zeigen und beenden."

FRAME = {
    "ARGUMENTS_PANEL_TITLE": "Argumente",
    "OPTIONS_PANEL_TITLE": "Optionen",
    "COMMANDS_PANEL_TITLE": "Befehle",
    "ERRORS_PANEL_TITLE": "Fehler",
    "ABORTED_TEXT": "Abgebrochen.",
    "DEFAULT_STRING": "[Vorgabe: {}]",
    "REQUIRED_LONG_STRING": "[Pflicht]",
    "ENVVAR_STRING": "[Umgebungsvariable: {}]",
    "DEPRECATED_STRING": "(veraltet) ",
    "RICH_HELP": "Hilfe: [blue]'{command_path} {help_option}'[/]",
}

# click's usage errors: English pattern → German template, applied in turn (see usage_message)
MESSAGES: tuple[tuple[str, str], ...] = (
    (r"Missing argument (.+?)\.(.*)", r"Es fehlt das Argument \1.\2"),
    (r"Missing option (.+?)\.(.*)", r"Es fehlt die Option \1.\2"),
    (r"Missing parameter:? (.+?)\.?", r"Es fehlt die Angabe \1."),
    (r"No such option: (\S+) \(Possible options: (.+)\)", r"Unbekannte Option: \1 (möglich: \2)"),
    (r"No such option: (\S+)", r"Unbekannte Option: \1"),
    (r"No such command '(.+)'\.", r"Unbekannter Befehl „\1“."),
    (r"Missing command\.", r"Es fehlt ein Befehl."),
    (r"Got unexpected extra arguments? \((.+)\)", r"Unerwartete Angabe: \1"),
    (r"Option '(.+)' requires an argument\.", r"Die Option \1 braucht einen Wert."),
    (r"Invalid value for (.+?): (?:Value error, )?(.*)", r"Ungültiger Wert für \1: \2"),
    # the reasons behind "Invalid value"
    (r"(.*: )?'(.*)' is not one of (.*)\.", r"\1„\2“ ist keiner der erlaubten Werte \3."),
    (r"(.*: )?'(.*)' is not a valid (?:integer|float)(?: range)?\.", r"\1„\2“ ist keine Zahl."),
    (r"(.*: )?(?:File|Directory|Path) '(.*)' does not exist\.", r"\1\2 gibt es nicht."),
)


def usage_message(text: str) -> str:
    """A usage error's message in German; an unknown one stays as it is.

    Every matching pattern applies in turn, so "Invalid value for X: <reason>" becomes
    German in its frame and then in its reason.
    """
    for pattern, german in MESSAGES:
        match = re.fullmatch(pattern, text, flags=re.DOTALL)
        if match:
            text = match.expand(german)
    return text


_HelpFormatter: Any = typer.Context.formatter_class  # click's formatter, as Typer carries it


class _GermanFormatter(_HelpFormatter):  # type: ignore[misc]
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Aufruf: " if prefix is None else prefix)


class _GermanContext(typer.Context):
    formatter_class = _GermanFormatter


def _german_frame(rich_utils: Any) -> None:
    """Set the German texts and the translating error printer on Typer's help module."""
    for name, text in FRAME.items():
        setattr(rich_utils, name, text)
    english_error = rich_utils.rich_format_error

    def german_error(error: Any) -> None:
        german = usage_message(error.format_message())
        error.format_message = lambda: german
        english_error(error)

    rich_utils.rich_format_error = german_error


class _ThenGerman(importlib.abc.Loader):
    """Loads typer.rich_utils as usual, then sets the German frame on it."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self.loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        _german_frame(module)


class _WhenImported(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != RICH_UTILS:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenGerman(spec.loader)
        return spec


def use_german_frame() -> None:
    """Panel titles, markers and usage errors in German, for this process.

    Typer's help module pulls in Rich's markdown and syntax highlighting (a quarter of a
    second); it is loaded only to print help or a usage error, and the German frame is set
    the moment it is, so a command that runs normally never pays for it.
    """
    if RICH_UTILS in sys.modules:
        _german_frame(sys.modules[RICH_UTILS])
    elif not any(isinstance(finder, _WhenImported) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenImported())


def german_commands(command: Any) -> Any:
    """`command` and all its subcommands with a German usage line and --help text."""
    command.context_class = _GermanContext
    if getattr(command, "options_metavar", None):
        command.options_metavar = "[OPTIONEN]"
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = "BEFEHL [ARGUMENTE]..."
    option = command.get_help_option(_GermanContext(command))
    if option is not None:
        option.help = HELP_OPTION_TEXT
    for sub in getattr(command, "commands", {}).values():
        german_commands(sub)
    return command
