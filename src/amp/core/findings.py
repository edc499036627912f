"""Findings: what a check reports. Checks return findings; they never raise on bad plans."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from amp.core.units import Unit


class Severity(StrEnum):
    ERROR = "Fehler"
    WARNING = "Warnung"
    NOTE = "Hinweis"


# a position in the plan model: attribute names and list indexes, from the Plan down
ModelPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is, as a reader of the document names it, and in the model."""

    table: str
    row: str | None = None
    column: str | None = None
    path: ModelPath = ()


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    location: Location
    message: str
    printed: Decimal | None = None
    computed: Decimal | None = None
    unit: Unit = Unit.EUR
