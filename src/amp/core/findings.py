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


def format_path(path: ModelPath) -> str:
    """A model path as text: budget.groups[0].printed_total.plan."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True, slots=True)
class Cause:
    """The finding another one follows from: its rule and its place."""

    rule: str
    location: Location

    @property
    def id(self) -> str:
        return finding_id(self.rule, self.location)


def finding_id(rule: str, location: Location) -> str:
    """A finding's identity: its rule and its place in the model."""
    return f"{rule}@{format_path(location.path)}"


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    location: Location
    message: str
    printed: Decimal | None = None
    computed: Decimal | None = None
    unit: Unit = Unit.EUR
    # the root causes this finding follows from; empty if it is a root cause itself
    consequence_of: tuple[Cause, ...] = ()

    @property
    def id(self) -> str:
        return finding_id(self.rule, self.location)


def place_label(location: Location, separator: str = " › ") -> str:
    """Where a finding is, as a reader names it: table › row › column."""
    return separator.join(p for p in (location.table, location.row, location.column) if p)


def consequence_note(finding: Finding, separator: str = " › ") -> str:
    """German note on a consequential finding ("Folgefehler von …"), empty for a root cause."""
    if not finding.consequence_of:
        return ""
    places = "; ".join(place_label(c.location, separator) for c in finding.consequence_of)
    return f"Folgefehler von: {places}"
