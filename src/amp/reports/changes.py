"""Changes between two plans in German, as `amp diff` prints them and the web app shows them.

Each change names its place with the German labels of the plan's parts (Finanzplanung ›
group › line › Planung), old and new value in German format and, for numbers, Δ.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic_core import to_jsonable_python

from amp.core import formatting
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
        # every other field of the plan model, so that no diff shows an English key
        "id": "Kennung",
        "title": "Titel",
        "label": "Bezeichnung",
        "year": "Jahr",
        "jobcenter": "Jobcenter",
        "kind": "Art",
        "region": "Region",
        "version": "Stand",
        "source": "Quelle",
        "file": "Datei",
        "publisher": "Herausgeber",
        "legal_basis": "Rechtsgrundlage",
        "legal_reference": "Rechtsgrundlage",
        "mandatory": "Pflichtleistung",
        "note": "Hinweis",
        "rule": "Rechtsparameter",
        "planned_rate": "geplanter Fördersatz",
        "reading": "Lesart",
        "related": "verwandte Kennzahlen",
        "figures": "Kennzahlen",
        "columns": "Spalten",
        "column": "Spalte",
        "totals": "Summenzeilen",
        "printed": "gedruckt",
        "balance": "Mittelverwendung",
        "sources": "Mittelherkunft",
        "uses": "Mittelverwendung",
        "printed_sources_total": "gedruckte Summe der Herkunft",
        "printed_uses_total": "gedruckte Summe der Verwendung",
        "refers_to": "bezieht sich auf",
        "printed_total_amount": "gedruckter Gesamtbetrag",
        "printed_total_share": "gedruckter Gesamtanteil",
        "printed_total_places": "gedruckte Summe der Plätze",
        "printed_count": "gedruckte Anzahl",
        "printed_totals": "gedruckte Summen",
        "admin_total": "Verwaltungsmittel insgesamt",
        "integration_federal_total": "Eingliederungsmittel Bund",
        "integration_available": "Eingliederungsmittel zur Verfügung",
        "transfer_deducted": "abzgl. Umschichtung",
        "special_funds": "Sondermittel",
        "amount": "Betrag",
        "hour_based": "stundenbasiert",
        "total_excludes": "nicht mitgezählt",
        "total_label": "Bezeichnung der Summe",
        "contract_periods": "Laufzeiten",
        "start": "Beginn",
        "end": "Ende",
        "end_alternative": "Ende (Alternative)",
        "open_end": "offenes Ende",
        "option": "Verlängerungsoption",
        "lot": "Los",
        "retender": "Neuausschreibung",
        "successor": "Nachfolger",
        "provider": "Träger",
        "content": "Inhalt",
        "duration": "Dauer",
        "duration_months": "Dauer (Monate)",
        "duration_months_max": "höchste Dauer (Monate)",
        "field": "Bildungsbereich",
        "category": "Kategorie",
        "count": "Anzahl",
        "teaching_units": "Unterrichtseinheiten",
        "units_min": "UE von",
        "units_max": "UE bis",
        "section": "Abschnitt",
        "quote": "Aussage",
        "qualifier": "Zusatz",
        "op": "Rechenart",
        "targets": "Ziele",
        "indicator": "Kennzahl",
        "baseline": "Ausgangswert",
        "base_label": "Bezeichnung des Ausgangswerts",
        "stages": "Stufen",
        "offers": "Angebote",
        "valid_from": "gültig ab",
        "valid_until": "gültig bis",
        "audience": "Zielgruppe",
        "services": "Leistungen",
        "total": "Summe",
        "priorities": "Schwerpunkte",
        "priority": "Schwerpunkt",
        "prose": "Fließtext",
        "legal_statements": "Rechtsaussagen",
        "statement": "Aussage",
        "law": "Gesetz",
        "unchecked_figures": "ungeprüfte Kennzahlen",
        "accompanying": "begleitend",
        "alternative": "Alternative",
        "planned_from": "geplant ab",
        "inferred_from": "abgeleitet aus",
        "month": "Monat",
        "quarter": "Quartal",
        "spread": "Verteilung",
        "remainder": "Rest",
        "request": "Antrag",
        "requested": "beantragt",
        "reason": "Begründung",
        "basis": "Grundlage",
        "line_id": "Zeile",
        "measure": "Maßnahme",
        "group": "Gruppe",
        "line": "Zeile",
    },
    **{
        k: label
        for k, label in FUNDING_FIELDS
        if k != "label" and not k.startswith(("=", "printed."))
    },
}
SKIPPED = {"groups", "lines", "amounts", "measures", "goals", "years", "categories", "items"}


def where(path: DiffPath, plans: Sequence[object] = ()) -> str:
    """A diff or edit path in German: "Finanzplanung › <Gruppe> › <Zeile> › Planung".

    With `plans` (e.g. the new and the old plan of a diff), a row of a table is called by
    its name instead of its id or position; the first plan that holds the row names it,
    so a removed row is named from the old plan.
    """
    parts: list[str] = []
    nodes: list[object] = list(plans)
    for position, part in enumerate(path):
        in_rows = any(isinstance(node, tuple) for node in nodes)
        nodes = [child for node in nodes if (child := _child(node, part)) is not None]
        if in_rows or isinstance(part, int):
            name = next((n for n in map(_name_of, nodes) if n), None)
            fallback = f"Nr. {part + 1}" if isinstance(part, int) and plans else str(part)
            parts.append(name or fallback)
        elif not (part in SKIPPED and position + 1 < len(path)):
            parts.append(PART_LABELS.get(part, part))
    return " › ".join(parts)


def _child(node: object, part: str | int) -> object | None:
    """The field or row `part` of `node`: rows by position, id or (Mittelausstattung) year."""
    if isinstance(node, tuple):
        if isinstance(part, int):
            return node[part] if 0 <= part < len(node) else None
        return next((row for row in node if part in (getattr(row, "id", None), _year(row))), None)
    if isinstance(part, str) and dataclasses.is_dataclass(node):
        return getattr(node, part, None)
    return None


def _year(row: object) -> str | None:
    year = getattr(row, "year", None)
    return str(year) if isinstance(year, int) else None


def _name_of(row: object) -> str | None:
    for attribute in ("name", "title", "label"):
        value = getattr(row, attribute, None)
        if isinstance(value, str) and value:
            return value
    return None


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
        if value == value.to_integral_value():
            return formatting.count(value)
        return formatting.fixed(value, -exponent if isinstance(exponent, int) else 2)
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


def change_parts(change: Change, plans: Sequence[object] = ()) -> ChangeParts:
    money = is_money(change)
    old = "" if change.kind is ChangeKind.ADDED else shown(change.old, money)
    new = "" if change.kind is ChangeKind.REMOVED else shown(change.new, money)
    return ChangeParts(change.kind, where(change.path, plans), old, new, delta_text(change))


def change_text(change: Change, plans: Sequence[object] = ()) -> str:
    """One line as `amp diff` prints it: `~ place: old → new (Δ +d)`, `+ place: neu …`."""
    parts = change_parts(change, plans)
    # a new or removed row already named at the end of its place needs no second name
    named = parts.where.rsplit(" › ", 1)[-1]
    if parts.kind is ChangeKind.ADDED:
        return f"+ {parts.where}: neu" + ("" if parts.new == f"„{named}“" else f" {parts.new}")
    if parts.kind is ChangeKind.REMOVED:
        suffix = "" if parts.old == f"„{named}“" else f" {parts.old}"
        return f"- {parts.where}: entfernt{suffix}"
    text = f"~ {parts.where}: {parts.old} → {parts.new}"
    return f"{text} (Δ {parts.delta})" if parts.delta else text


def change_json(change: Change, plans: Sequence[object] = ()) -> dict[str, Any]:
    delta = change.delta
    return {
        "path": format_path(change.path),
        "where": where(change.path, plans),
        "kind": change.kind.value,
        "old": to_jsonable_python(change.old),
        "new": to_jsonable_python(change.new),
        "delta": None if delta is None else str(delta),
    }
