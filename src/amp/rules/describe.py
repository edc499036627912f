"""Parameter values as German text, for the CLI and the generated documentation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amp.core.formatting import day, number
from amp.core.units import Unit
from amp.rules.parameters import UNIT_LABELS, Entry, Parameter, ParameterUnit, Value

HOUSEHOLD_LABELS = {
    "single": "allein",
    "single_one_child": "1 Erwachsener mit 1 Kind",
    "other": "andere",
}


def _plain(value: Decimal) -> str:
    """German digits, keeping the places the value was written with (12,00; 3.000)."""
    return number(value, Unit.COUNT)


def value_text(value: Value | None, unit: ParameterUnit) -> str:
    if value is None:
        return "entfällt"
    if isinstance(value, date):
        return day(value)
    label = UNIT_LABELS[unit]
    suffix = f" {label}" if label and unit is not ParameterUnit.DATE else ""
    if isinstance(value, Decimal):
        return _plain(value) + suffix
    if isinstance(value, tuple):
        return " / ".join(_plain(v) for v in value) + suffix
    return ", ".join(f"{HOUSEHOLD_LABELS.get(k, k)}: {_plain(v)}{suffix}" for k, v in value.items())


def kind_text(parameter: Parameter) -> str:
    return "gesetzlich" if parameter.kind == "statutory" else "Verwaltungsregel"


ENTRY_COLUMNS = ("ab", "Wert", "Fundstelle", "Quelle", "Datum bestätigt", "Hinweis")


def entry_cells(entry: Entry, unit: ParameterUnit) -> list[str]:
    """One dated entry as the cells of ENTRY_COLUMNS."""
    return [
        day(entry.valid_from),
        value_text(entry.value, unit),
        entry.reference,
        entry.source,
        "ja" if entry.verified else "nein",
        entry.note or "",
    ]
