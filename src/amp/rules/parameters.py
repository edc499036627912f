"""Legal parameters: dated entries per change, one YAML file per instrument or area.

The pattern follows GETTSIM: every parameter has a German and English name, a description
citing the §, a unit, a kind (statutory or administrative) and one entry per change with
its value, reference, source address and whether the date is confirmed. An entry with
`value: null` marks the end of a rule.

A file holds either one parameter (its keys at the top level) or an area with several
parameters under `parameters:`. A parameter is addressed as `FILE` or `FILE.NAME`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from amp.core.problems import InputProblems, Place, Problem
from amp.io.cache import cached

PARAMETER_DIR = Path(__file__).parent / "parameters"

# A value: a number, a date, a list of numbers (a schedule by year) or numbers by key.
Value = Decimal | date | tuple[Decimal, ...] | dict[str, Decimal]


class ParameterKind(StrEnum):
    STATUTORY = "statutory"  # set by law or ordinance
    ADMINISTRATIVE = "administrative"  # set by an authority's instruction, not by law


class ParameterUnit(StrEnum):
    PERCENT = "percent"
    EUR = "euro"
    EUR_PER_MONTH = "euro_per_month"
    EUR_PER_HOUR = "euro_per_hour"
    MONTHS = "months"
    YEARS = "years"
    WEEKS = "weeks"
    HOURS_PER_WEEK = "hours_per_week"
    DATE = "date"
    NONE = "none"


UNIT_LABELS = {
    ParameterUnit.PERCENT: "%",
    ParameterUnit.EUR: "€",
    ParameterUnit.EUR_PER_MONTH: "€/Monat",
    ParameterUnit.EUR_PER_HOUR: "€/Stunde",
    ParameterUnit.MONTHS: "Monate",
    ParameterUnit.YEARS: "Jahre",
    ParameterUnit.WEEKS: "Wochen",
    ParameterUnit.HOURS_PER_WEEK: "Stunden/Woche",
    ParameterUnit.DATE: "Datum",
    ParameterUnit.NONE: "",
}


@dataclass(frozen=True, slots=True)
class Names:
    de: str
    en: str


@dataclass(frozen=True, slots=True)
class Entry:
    valid_from: date
    value: Value | None  # None: the rule ends here
    reference: str
    source: str
    verified: bool = True
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Parameter:
    name: Names
    description: str
    unit: ParameterUnit
    kind: ParameterKind
    entries: tuple[Entry, ...]
    # the parameter (value 1 while in force) saying when the Jobcenter pays this for eLb;
    # a plan's money for it counts only then (e.g. § 87a SGB III: the Agentur from 2025)
    responsible: str | None = None

    def entry_at(self, day: date) -> Entry | None:
        """The entry in force on `day`: the latest that started on or before it."""
        started = [e for e in self.entries if e.valid_from <= day]
        return max(started, key=lambda e: e.valid_from, default=None)

    def value_at(self, day: date) -> Value | None:
        """The value in force on `day`; None before the first entry or after the end."""
        entry = self.entry_at(day)
        return None if entry is None else entry.value

    def number_at(self, day: date) -> Decimal:
        """A numeric value in force on `day`; a clear error where there is none."""
        value = self.value_at(day)
        if not isinstance(value, Decimal):
            message = f"{self.name.de}: am {day:%d.%m.%Y} kein Zahlenwert in Kraft"
            raise ParameterError.saying(message)
        return value


@dataclass(frozen=True, slots=True)
class Area:
    """The contents of one parameter file."""

    name: Names
    description: str
    parameters: dict[str, Parameter]


class ParameterError(InputProblems):
    """A parameter file that cannot be read (every problem in it), or an unknown parameter."""

    @classmethod
    def saying(cls, message: str) -> ParameterError:
        """A problem that has no place in a file: an unknown name, no value in force."""
        return cls([Problem(Place(), message)])


def parameter_paths() -> list[Path]:
    """The parameter files, in name order."""
    return sorted(PARAMETER_DIR.glob("*.yaml"))


def parameter_files() -> list[str]:
    return sorted(file.stem for file in PARAMETER_DIR.glob("*.yaml"))


def _validated(kind: type[Any], data: Any, file: Path, line_of: Any) -> Any:
    from pydantic import TypeAdapter, ValidationError

    from amp.io.model_schema import enforce_known_keys, german_message

    enforce_known_keys(kind)
    try:
        return TypeAdapter(kind).validate_python(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = tuple(p for p in error["loc"] if isinstance(p, str | int))
            place = Place(file=str(file), line=line_of(path))
            problems.append(Problem(place, german_message(error)))
        raise ParameterError(problems) from None


@cache
def load_area(key: str) -> Area:
    """The parameters of one file; the valid files come from the cache (amp.io.cache)."""
    valid = _valid_areas(PARAMETER_DIR)
    if valid is not None and key in valid:
        return valid[key]
    return _read_area(key)


@cache
def _valid_areas(directory: Path) -> dict[str, Area] | None:
    """Every parameter file, validated; None if one has problems (each reports its own)."""
    files = sorted(directory.glob("*.yaml"))
    try:
        return cached("parameters", files, ("rules", "io"), lambda: _read_areas(files))
    except ParameterError:
        return None


def _read_areas(files: list[Path]) -> dict[str, Area]:
    return {file.stem: _read_area(file.stem) for file in files}


def _read_area(key: str) -> Area:
    from amp.io.yaml_source import YamlError, read_yaml

    file = PARAMETER_DIR / f"{key}.yaml"
    if not file.exists():
        raise ParameterError.saying(
            f"Rechtsparameter '{key}' unbekannt (keine Datei {file.name}; "
            "alle Namen zeigt „amp rules list“)"
        )
    try:
        document = read_yaml(file)
    except YamlError as exc:
        place = Place(file=str(exc.file), line=exc.line)
        raise ParameterError([Problem(place, exc.message)]) from None
    data = document.data
    if isinstance(data, dict) and "parameters" in data:
        area: Area = _validated(Area, data, file, document.line_of)
        return area
    single: Parameter = _validated(Parameter, data, file, document.line_of)
    return Area(single.name, single.description, {key: single})


def load_parameter(key: str) -> Parameter:
    """`FILE` for a file with one parameter, `FILE.NAME` for one parameter of an area."""
    file, _, name = key.partition(".")
    area = load_area(file)
    chosen = area.parameters.get(name or file)
    if chosen is None:
        known = ", ".join(f"{file}.{n}" for n in area.parameters)
        raise ParameterError.saying(f"Rechtsparameter '{key}' unbekannt (vorhanden: {known})")
    return chosen


def all_parameters() -> list[tuple[str, Parameter]]:
    """Every parameter with its address, in file order."""
    found: list[tuple[str, Parameter]] = []
    for file in parameter_files():
        area = load_area(file)
        for name, parameter in area.parameters.items():
            found.append((file if name == file else f"{file}.{name}", parameter))
    return found
