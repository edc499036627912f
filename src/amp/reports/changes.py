"""Plan differences in German: where a change is (labels, not model paths) and old → new, Δ.

Shared by `amp diff`, the web app's version comparison and the import preview, so that a
change reads the same everywhere.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from pydantic_core import to_jsonable_python

from amp import formatting
from amp.core.diff import Change, ChangeKind, DiffPath
from amp.core.edit import format_path
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
_SKIPPED = {"groups", "lines", "amounts", "measures", "goals", "years", "categories", "items"}


def where(path: DiffPath) -> str:
    parts = [
        PART_LABELS.get(p, p) if isinstance(p, str) else str(p)
        for i, p in enumerate(path)
        if not (p in _SKIPPED and i + 1 < len(path))
    ]
    return " › ".join(parts)


MONEY_FIELDS = {
    *("plan_prev", "forecast_prev", "commitments", "plan", "amount", "total", "printed"),
    *("admin_federal", "transfer_to_admin", "admin_municipal", "integration_federal"),
    *("jobperspektive", "recoveries_memo", "pat", "municipal_integration", "admin_total"),
    *("integration_federal_total", "transfer_deducted", "integration_available"),
    *("printed_amount", "printed_total_amount", "printed_sources_total", "printed_uses_total"),
}


def _shown(value: object, money: bool = False) -> str:
    if value is None:
        return "leer"
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
        return f"+ {place}: neu {_shown(change.new)}"
    if change.kind is ChangeKind.REMOVED:
        return f"- {place}: entfernt {_shown(change.old)}"
    money = change.path[-1] in MONEY_FIELDS
    text = f"~ {place}: {_shown(change.old, money)} → {_shown(change.new, money)}"
    delta = change.delta
    if delta is not None:
        shown = _shown(delta, money)
        text += f" (Δ {'+' if delta > 0 else ''}{shown})"
    return text


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
