"""Edits of the year's settings on a screen: the funds (Mittel: Zuweisung and its changes,
Umschichtung in die Verwaltung, PAT, Einnahmen aus Rückforderungen), the Fortschreibungen
(in-year changes of a line's plan) and the Verpflichtungsermächtigung per year.

Every edit is compare-and-set against the ledger's stamp the user saw, under a row lock,
in one transaction: a change by someone else in between is refused with a German message
instead of being overwritten. The changed settings are read back exactly as the CLI reads
vollzug.yaml before they are kept (nothing unreadable is stored), and every edit is written
to the ledger's Verlauf (LedgerChange)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from amp.core import limits
from amp.core.problems import InputProblems
from amp.web.plans.models import PlanVersion
from amp.web.vollzug import selectors
from amp.web.vollzug.models import LedgerChange, LedgerRecord

FUNDS = "mittel"
CHANGES = "fortschreibungen"
AUTHORITY = "verpflichtungsermaechtigung"


class StaleEdit(Exception):
    """The ledger changed since the user loaded the page."""

    def __init__(self) -> None:
        super().__init__(
            "Der Vollzug wurde inzwischen geändert (von Ihnen in einem anderen Fenster oder "
            "von jemand anderem). Nichts wurde gespeichert; bitte die Seite neu laden und "
            "die Änderung noch einmal eingeben."
        )


class RefusedEdit(Exception):
    """The edit would make the settings unreadable; German message(s)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class FundInput:
    id: str
    day: date
    fund: str  # amp.core.ledger.model.Fund value
    kind: str  # FundEntryKind value
    amount: Decimal
    note: str = ""

    def stored(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": self.id,
            "datum": self.day.isoformat(),
            "topf": self.fund,
            "art": self.kind,
            "betrag": str(self.amount),
        }
        return entry | ({"notiz": self.note} if self.note else {})


@dataclass(frozen=True)
class ChangeInput:
    id: str
    day: date
    line: str
    amount: Decimal  # signed
    note: str = ""

    def stored(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": self.id,
            "datum": self.day.isoformat(),
            "zeile": self.line,
            "betrag": str(self.amount),
        }
        return entry | ({"notiz": self.note} if self.note else {})


def entries(record: LedgerRecord | None, key: str) -> list[dict[str, Any]]:
    if record is None:
        return []
    return [e for e in (record.settings.get(key) or []) if isinstance(e, dict)]


def authority(record: LedgerRecord | None) -> dict[int, str]:
    raw = (record.settings.get(AUTHORITY) or {}) if record is not None else {}
    return {int(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def ids(record: LedgerRecord | None, key: str) -> set[str]:
    return {str(e.get("id")) for e in entries(record, key)}


def record_change(
    record: LedgerRecord, user: Any, path: str, label: str, old: Any, new: Any
) -> None:
    LedgerChange.objects.create(
        ledger=record,
        user=user if user is not None and user.is_authenticated else None,
        path=limits.shortened(path, 300),
        label=limits.shortened(label, 300),
        old=old,
        new=new,
    )


@transaction.atomic
def edit_settings(
    record: LedgerRecord,
    version: PlanVersion,
    seen_stamp: str,
    change: Callable[[dict[str, Any]], tuple[str, str, Any, Any]],
    user: Any,
) -> LedgerRecord:
    """Applies `change` to a copy of the settings (it returns path, label, old and new for
    the Verlauf) when the stamp is still the one the user saw; raises StaleEdit or
    RefusedEdit and then changes nothing."""
    locked = LedgerRecord.objects.select_for_update().get(pk=record.pk)
    if str(locked.stamp) != seen_stamp:
        raise StaleEdit()
    settings = dict(locked.settings)
    path, label, old, new = change(settings)
    try:
        selectors.read_settings(settings, selectors.rules(locked), version.core_plan())
    except InputProblems as exc:
        raise RefusedEdit(
            [f"{p.place.path}: {p.message}" if p.place.path else p.message for p in exc.problems]
        ) from None
    locked.settings = settings
    locked.stamp = uuid.uuid4()
    locked.save(update_fields=["settings", "stamp"])
    record_change(locked, user, path, label, old, new)
    return locked


def add_entry(key: str, value: FundInput | ChangeInput) -> Callable[[dict[str, Any]], Any]:
    label = "Mittel" if key == FUNDS else "Fortschreibung"

    def change(settings: dict[str, Any]) -> tuple[str, str, Any, Any]:
        current = [e for e in (settings.get(key) or []) if isinstance(e, dict)]
        if value.id in {str(e.get("id")) for e in current}:
            raise RefusedEdit([f"Die Nummer {value.id} gibt es unter {label} schon."])
        settings[key] = [*current, value.stored()]
        return f"{key}/{value.id}", f"{label} angelegt", None, value.stored()

    return change


def remove_entry(key: str, entry_id: str) -> Callable[[dict[str, Any]], Any]:
    label = "Mittel" if key == FUNDS else "Fortschreibung"

    def change(settings: dict[str, Any]) -> tuple[str, str, Any, Any]:
        current = [e for e in (settings.get(key) or []) if isinstance(e, dict)]
        gone = [e for e in current if str(e.get("id")) == entry_id]
        if not gone:
            raise RefusedEdit([f"Die Nummer {entry_id} gibt es unter {label} nicht (mehr)."])
        settings[key] = [e for e in current if str(e.get("id")) != entry_id]
        return f"{key}/{entry_id}", f"{label} gelöscht", gone[0], None

    return change


def set_authority(year: int, amount: Decimal | None) -> Callable[[dict[str, Any]], Any]:
    def change(settings: dict[str, Any]) -> tuple[str, str, Any, Any]:
        current = dict(settings.get(AUTHORITY) or {})
        key = next((k for k in current if int(k) == year), str(year))
        old = current.pop(key, None)
        if amount is not None:
            current[str(year)] = str(amount)
        if current:
            settings[AUTHORITY] = dict(sorted(current.items(), key=lambda kv: int(kv[0])))
        else:
            settings.pop(AUTHORITY, None)
        new = None if amount is None else str(amount)
        return (
            f"{AUTHORITY}/{year}",
            "Verpflichtungsermächtigung " + ("gelöscht" if new is None else "gesetzt"),
            None if old is None else str(old),
            new,
        )

    return change
