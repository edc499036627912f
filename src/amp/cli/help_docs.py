# ruff: noqa: E501 -- the Markdown tables below cannot wrap
"""docs/befehle.md, generated from the commands themselves: their help texts, arguments,
options, choices and defaults. `amp docs --output docs/befehle.md` writes it, and a test
checks that the committed file is current (as docs/recht.md is for the legal parameters).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import typer

from amp.cli.common import OutputFormat, ScreenOrFile, show_or_write

INTRO = """\
# Befehle von amp

Diese Seite ist aus der Hilfe der Befehle erzeugt (`amp docs --output docs/befehle.md`);
bitte nicht von Hand ändern. `amp BEFEHL --help` zeigt dasselbe im Terminal.

## Exit-Codes

Jeder Befehl endet mit einem dieser Codes:

| Code | Bedeutung |
|---|---|
| 0 | Alles in Ordnung. |
| 1 | `check`: mindestens ein Befund der Schwere „Fehler“; `kpi compute`: die Berechnung ist abgebrochen (z. B. Spark fehlt). |
| 2 | Eine Eingabe kann nicht gelesen werden oder der Aufruf ist falsch; es wurde nichts geschrieben. |

Eingaben, die nicht gelesen werden können (Plan-Verzeichnis, Arbeitsmappe, Personendatei,
Kohortendatei, Einzeldaten, Rechtsparameter), werden mit **allen** Problemen gemeldet, jedes
mit seinem Ort: `Datei:Zeile (Pfad)` bei YAML, `Blatt!Zelle` bei Arbeitsmappen,
`Datei, Zeile N, Spalte „X“` bei CSV- und Parquet-Dateien.

## Optionen: ein Name je Rolle

| Rolle | Option | Frühere Namen (gehen weiter, in der Hilfe nicht gezeigt) |
|---|---|---|
| Zieldatei oder Zielverzeichnis | `--output`, kurz `-o` | `--out` (`kpi synth`), `--ausgabe` (`szenario`) |
| Ausgabeformat auf dem Bildschirm | `--format` (`text`, `json`, bei `kpi` auch `csv`) | `table` gilt als `text`; bei `kpi` auch `-f` |
| Stichtag | `--date` JJJJ-MM-TT | – |
| Eingabedatei neben dem Plan | `--input` | – |

Daten werden als JJJJ-MM-TT oder deutsch als TT.MM.JJJJ angegeben (beide Formen liest derselbe
Parser wie Formulare und Importe), Monate als JJJJ-MM.

## Ausgabe als JSON

`amp check PLAN --format json` schreibt ein Objekt mit `plan` (der ganze Plan, Beträge als
Zeichenketten mit Punkt, z. B. `"473344.31"`), `findings` (die Befunde) und – nur wenn der
Plan nicht gelesen werden kann, dann mit Exit-Code 2 und `plan: null` – `problems`.

Ein Befund:

```json
{
  "rule": "sum.total",
  "severity": "Fehler",
  "location": {"table": "…", "row": "…", "column": "…",
               "file": "…/budget.yaml", "line": 42, "path": "totals[0].printed.forecast_prev"},
  "printed": "20376667.40",
  "computed": "17499988.89",
  "unit": "€",
  "message": "…"
}
```

`severity` ist `Fehler`, `Warnung` oder `Hinweis`; `printed` und `computed` sind `null`, wo der
Befund keine Zahl vergleicht. Ein Problem:

```json
{"place": {"file": "…/budget.yaml", "line": 12, "path": "groups[0].lines[2]"},
 "where": "…/budget.yaml:12 (groups[0].lines[2])",
 "message": "darf nicht negativ sein"}
```

`place` enthält nur die Teile, die es gibt: `file`, `line`, `path`, `sheet`, `cell`, `row`,
`column`, `field`. `where` ist derselbe Ort als Text, wie ihn Terminal, Bericht und
Web-Anwendung zeigen.

## Befehle
"""


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    if annotation is OutputFormat:  # each command names the formats it offers in its text
        return []
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return []


def _default(param: Any) -> str:
    value = param.default
    if value is None or param.required or (isinstance(value, bool) and not value):
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Path):
        return value.name if value.is_absolute() else str(value)  # never an install path
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _param_row(param: Any) -> str:
    if param.param_type_name == "argument":
        name = f"`{(param.metavar or param.name).upper()}`"
    else:
        name = ", ".join(f"`{opt}`" for opt in sorted(param.opts, key=len, reverse=True))
    meaning = _cell(getattr(param, "help", None) or "")
    choices = _choices(param)
    if choices:
        meaning += f" ({', '.join(choices)})"
    required = "Pflicht" if param.required else _default(param)
    return f"| {name} | {meaning} | {_cell(required)} |"


def _command_section(path: list[str], command: Any) -> list[str]:
    shown = [p for p in command.params if not getattr(p, "hidden", False)]
    arguments = " ".join(
        (p.metavar or p.name).upper() for p in shown if p.param_type_name == "argument"
    )
    options = " [OPTIONEN]" if any(p.param_type_name == "option" for p in shown) else ""
    title = " ".join(["amp", *path])
    lines = [f"### `{title}{options}{' ' + arguments if arguments else ''}`", ""]
    help_text = (command.help or "").strip()
    if help_text:
        lines += [*(" ".join(p.split()) for p in help_text.split("\n\n")), ""]
        lines = _paragraphs(lines)
    if shown:
        lines += ["| Angabe | Bedeutung | Vorgabe |", "|---|---|---|"]
        lines += [_param_row(p) for p in shown]
        lines.append("")
    return lines


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs separated by one blank line each."""
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
        if line and not line.startswith(("###", "|")):
            out.append("")
    return out


def _walk(path: list[str], command: Any) -> list[str]:
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        return _command_section(path, command)
    lines: list[str] = []
    if path:
        lines += [f"### `amp {' '.join(path)} …`", "", " ".join((command.help or "").split()), ""]
    for name in sorted(subcommands):
        lines += _walk([*path, name], subcommands[name])
    return lines


def write_docs(output: ScreenOrFile = None) -> None:
    """Erzeugt die Übersicht aller Befehle (docs/befehle.md) aus ihrer eigenen Hilfe."""
    from amp.cli import build_app

    show_or_write(befehle_markdown(build_app()), output)


def register(app: typer.Typer) -> None:
    app.command("docs")(write_docs)


def befehle_markdown(app: typer.Typer) -> str:
    """The whole of docs/befehle.md for `app`."""
    root = typer.main.get_command(app)
    body = _walk([], root)
    text = INTRO + "\n" + "\n".join(body)
    return text.rstrip("\n") + "\n"
