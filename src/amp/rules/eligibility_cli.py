"""`amp eligibility 16i|16e|104c --input PERSON.yaml --date D`."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import TypeAdapter, ValidationError
from rich.console import Console

from amp.formatting import day
from amp.io.model_schema import enforce_known_keys, german_message
from amp.io.yaml_source import YamlError, read_yaml
from amp.rules.calc_cli import fail
from amp.rules.cli import parse_day
from amp.rules.eligibility import CHECKS, Person
from amp.rules.law import load_law


class Instrument(StrEnum):
    TAAM = "16i"
    EVL = "16e"
    CHANCEN = "104c"


class TextOrJson(StrEnum):
    TEXT = "text"
    JSON = "json"


def load_person(file: Path) -> Person:
    if not file.is_file():
        raise fail(f"{file}: Datei nicht gefunden")
    try:
        document = read_yaml(file)
    except YamlError as exc:
        raise fail(str(exc)) from None
    enforce_known_keys(Person)
    try:
        person: Person = TypeAdapter(Person).validate_python(document.data or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        path = tuple(p for p in first["loc"] if isinstance(p, str | int))
        where = ".".join(str(p) for p in path)
        raise fail(f"{file}:{document.line_of(path)}: {where}: {german_message(first)}") from None
    return person


def eligibility(
    instrument: Annotated[Instrument, typer.Argument(help="16i, 16e oder 104c")],
    person_file: Annotated[Path, typer.Option("--input", help="Personendatei (YAML)")],
    when: Annotated[str, typer.Option("--date", help="Stichtag JJJJ-MM-TT")],
    output: Annotated[TextOrJson, typer.Option("--format", help="Ausgabeformat")] = (
        TextOrJson.TEXT
    ),
) -> None:
    """Prüft die Fördervoraussetzungen einer Person, jede Bedingung mit Begründung und §."""
    on = parse_day(when)
    result = CHECKS[instrument.value](load_law(), load_person(person_file), on)
    if output is TextOrJson.JSON:
        document = {
            "instrument": result.instrument,
            "date": on.isoformat(),
            "eligible": result.eligible,
            "conditions": [
                {"label": c.label, "met": c.met, "detail": c.detail, "reference": c.reference}
                for c in result.conditions
            ],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    verdict = "ja" if result.eligible else "nein"
    console.print(f"[bold]{result.instrument} am {day(on)}: förderfähig – {verdict}[/bold]")
    for c in result.conditions:
        mark = "erfüllt" if c.met else "nicht erfüllt"
        console.print(f"  {'✓' if c.met else '✗'} {c.label}: {mark} – {c.detail} ({c.reference})")
