"""Changes between two plans in German, as `amp diff` prints them and the web app shows them.

Each change names its place with the German labels of the plan's parts (Finanzplanung ›
group › line › Planung), old and new value in German format and, for numbers, Δ.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic_core import to_jsonable_python

from amp import formatting
from amp.core.diff import Change, ChangeKind, DiffPath
from amp.core.edit import format_path
from amp.core.plan import STATUS_LABELS, PlanStatus
from amp.io.xlsx.layout import FUNDING_FIELDS

PART_LABELS = {
    "budget": "Finanzplanung",
    "funding": "Mittelausstattung",
    "target_groups": "Zielgruppen",
    "measure_tables": "Maßnahmen",
    "training_vouchers": "Bildungsziele",
    "avgs": "AVGS",
    "instruments": "Instrumente",
    "claims": "Aussagen",
    "targets": "Ziele",
    "pathways": "Förderketten",
    "municipal_services": "Kommunale Leistungen",
    "plan_prev": "Planung Vorjahr",
    "forecast_prev": "Hochrechnung Vorjahr",
    "commitments": "Verpflichtungen",
    "plan": "Planung",
    "name": "Bezeichnung",
    "quantity": "Menge",
    "value": "Anzahl",
    "unit": "Einheit",
    "approximate": "ungefähr",
    "open": "offen",
    "status": "Status",
    "as_of": "Stand",
    "places": "Plätze",
    "quarters": "Quartale",
    "printed_total": "gedruckte Summe",
    "printed_amount": "gedruckter Betrag",
    "printed_share": "gedruckter Anteil",
    "instrument": "Instrument",
    "target_group": "Zielgruppe",
    **{
        k: label
        for k, label in FUNDING_FIELDS
        if k != "label" and not k.startswith(("=", "printed."))
    },
}
SKIPPED = {"groups", "lines", "amounts", "measures", "goals", "years", "categories", "items"}


def where(path: DiffPath) -> str:
    parts = [
        PART_LABELS.get(p, p) if isinstance(p, str) else str(p)
        for i, p in enumerate(path)
        if not (p in SKIPPED and i + 1 < len(path))
    ]
    return " › ".join(parts)


MONEY_FIELDS = {
    *("plan_prev", "forecast_prev", "commitments", "plan", "amount", "total", "printed"),
    *("admin_federal", "transfer_to_admin", "admin_municipal", "integration_federal"),
    *("jobperspektive", "recoveries_memo", "pat", "municipal_integration", "admin_total"),
    *("integration_federal_total", "transfer_deducted", "integration_available"),
    *("printed_amount", "printed_total_amount", "printed_sources_total", "printed_uses_total"),
}


def shown(value: object, money: bool = False) -> str:
    """A value of a diff in German: money as money, counts with separators, status by name."""
    if value is None:
        return "leer"
    if isinstance(value, PlanStatus):
        return STATUS_LABELS[value]
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if money or (isinstance(exponent, int) and exponent == -2):
            return formatting.money(value)
        return formatting.count(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, int):
        return formatting.count(value)
    if dataclasses.is_dataclass(value):
        name = getattr(value, "name", None) or getattr(value, "title", None)
        return f"„{name}“" if name else type(value).__name__
    return str(value)


@dataclass(frozen=True, slots=True)
class ChangeParts:
    """One change as a screen shows it: place, old and new value, difference."""

    kind: ChangeKind
    where: str
    old: str
    new: str
    delta: str


def is_money(change: Change) -> bool:
    return change.path[-1] in MONEY_FIELDS


def delta_text(change: Change) -> str:
    """new − old with an explicit sign, empty where the values are not numbers."""
    delta = change.delta
    if delta is None or change.kind is not ChangeKind.CHANGED:
        return ""
    return ("+" if delta > 0 else "") + shown(delta, is_money(change))


def change_parts(change: Change) -> ChangeParts:
    money = is_money(change)
    old = "" if change.kind is ChangeKind.ADDED else shown(change.old, money)
    new = "" if change.kind is ChangeKind.REMOVED else shown(change.new, money)
    return ChangeParts(change.kind, where(change.path), old, new, delta_text(change))


def change_text(change: Change) -> str:
    """One line as `amp diff` prints it: `~ place: old → new (Δ +d)`, `+ place: neu …`."""
    parts = change_parts(change)
    if parts.kind is ChangeKind.ADDED:
        return f"+ {parts.where}: neu {parts.new}"
    if parts.kind is ChangeKind.REMOVED:
        return f"- {parts.where}: entfernt {parts.old}"
    text = f"~ {parts.where}: {parts.old} → {parts.new}"
    return f"{text} (Δ {parts.delta})" if parts.delta else text


def change_json(change: Change) -> dict[str, Any]:
    delta = change.delta
    return {
        "path": format_path(change.path),
        "where": where(change.path),
        "kind": change.kind.value,
        "old": to_jsonable_python(change.old),
        "new": to_jsonable_python(change.new),
        "delta": None if delta is None else str(delta),
    }
