"""German names for the places and values of a version diff, shared by `amp diff` and the web.

A diff path such as ("budget", "groups", "juengere", "lines", "taam", "amounts", "plan")
reads "Finanzplanung › juengere › taam › Planung"; money fields are shown as money.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from amp import formatting
from amp.core.diff import Change, ChangeKind, DiffPath
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


def change_text(change: Change) -> str:
    place = where(change.path)
    if change.kind is ChangeKind.ADDED:
        return f"+ {place}: neu {shown(change.new)}"
    if change.kind is ChangeKind.REMOVED:
        return f"- {place}: entfernt {shown(change.old)}"
    money = is_money(change)
    text = f"~ {place}: {shown(change.old, money)} → {shown(change.new, money)}"
    delta = delta_text(change)
    if delta:
        text += f" (Δ {delta})"
    return text


def is_money(change: Change) -> bool:
    return change.path[-1] in MONEY_FIELDS


def delta_text(change: Change) -> str:
    """new − old with an explicit sign, empty where the values are not numbers."""
    delta = change.delta
    if delta is None:
        return ""
    return ("+" if delta > 0 else "") + shown(delta, is_money(change))
