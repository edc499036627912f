"""Legal parameters: one YAML file each, one dated entry per change (the GETTSIM pattern)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from amp.io.model_schema import enforce_known_keys, german_message
from amp.io.yaml_source import read_yaml

PARAMETER_DIR = Path(__file__).parent / "parameters"


class ParameterKind(StrEnum):
    STATUTORY = "statutory"  # set by law or ordinance
    ADMINISTRATIVE = "administrative"  # set by an authority's instruction, not by law


@dataclass(frozen=True, slots=True)
class Names:
    de: str
    en: str


@dataclass(frozen=True, slots=True)
class Entry:
    valid_from: date
    value: Decimal | None  # None: the rule ends here
    reference: str
    source: str
    verified: bool = True
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Parameter:
    name: Names
    description: str
    unit: str
    kind: ParameterKind
    entries: tuple[Entry, ...]

    def entry_at(self, day: date) -> Entry | None:
        """The entry in force on `day`: the latest that started on or before it."""
        started = [e for e in self.entries if e.valid_from <= day]
        return max(started, key=lambda e: e.valid_from, default=None)


class ParameterError(Exception):
    pass


@cache
def load_parameter(key: str) -> Parameter:
    file = PARAMETER_DIR / f"{key}.yaml"
    if not file.exists():
        raise ParameterError(f"Rechtsparameter '{key}' unbekannt ({file} fehlt)")
    document = read_yaml(file)
    enforce_known_keys(Parameter)
    try:
        return TypeAdapter(Parameter).validate_python(document.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = tuple(p for p in first["loc"] if isinstance(p, str | int))
        line = document.line_of(path)
        raise ParameterError(f"{file}:{line}: {german_message(first)}") from None
