"""Writes of the Vollzug: the demo ledger, a confirmed import (all or nothing, idempotent
by the finance system's ids), the account mapping and the settings. Views check the rights
(selectors) before they call here; every write gives the ledger a new stamp."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from amp.core.findings import Finding, Severity
from amp.core.ledger.merge import keep_one_off_marks, preview
from amp.core.ledger.model import Commitment, Kind
from amp.core.ledger.position import check_new_commitments
from amp.core.problems import Place, Problem
from amp.io.ledger.importer import ImportPreview
from amp.io.ledger.readers import read_bookings, read_commitments
from amp.io.ledger.store import CONFIG, load_ledger
from amp.io.yaml_source import read_yaml
from amp.web.plans.models import Jobcenter, PlanVersion
from amp.web.vollzug import records, selectors
from amp.web.vollzug.models import AccountRule, BookingRow, CommitmentRow, LedgerRecord
from amp.web.vollzug.settings_edits import RefusedEdit, StaleEdit, record_change


@dataclass(frozen=True)
class UploadPreview:
    """What importing an uploaded export would change (the CLI's preview); nothing is
    saved yet. `findings`: the availability check of the new commitments."""

    result: ImportPreview
    findings: list[Finding] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.result.file.name

    def incoming(self) -> list[Any]:
        """The new and changed records as JSON values, to wait in the session."""
        if self.result.bookings is not None:
            change_b = self.result.bookings
            return [
                records.booking_to_json(b)
                for b in (*change_b.new, *(new for _old, new in change_b.changed))
            ]
        change_c = self.result.commitments
        assert change_c is not None
        return [
            records.commitment_to_json(c)
            for c in (*change_c.new, *(new for _old, new in change_c.changed))
        ]


def record_for(jobcenter: Jobcenter, year: int, stand: date | None = None) -> LedgerRecord:
    """The ledger of the year; created on first use with the given Stand (or 1 January)."""
    record, _ = LedgerRecord.objects.get_or_create(
        jobcenter=jobcenter,
        year=year,
        defaults={"settings": {"jahr": year, "stand": (stand or date(year, 1, 1)).isoformat()}},
    )
    return record


def preview_upload(
    record: LedgerRecord | None,
    version: PlanVersion,
    kind: Kind,
    file: Path,
    columns: dict[str, str] | None,
    sheet: str | None,
) -> UploadPreview:
    """Reads `file` (named as the user knows it) and compares it with what is stored.
    Unreadable files and missing columns raise InputProblems; bad rows are refused."""
    saved = columns or ((record.columns.get(kind.value) or None) if record else None)
    if kind is Kind.BOOKINGS:
        read_b = read_bookings(file, saved, sheet)
        stored_b = selectors.stored_bookings(record) if record else {}
        records = read_b.records
        if "einmalig" not in read_b.columns:
            records = keep_one_off_marks(stored_b, records)
        change_b = preview(stored_b, records, lambda b: b.id)
        return UploadPreview(
            ImportPreview(kind, file, read_b.rows, change_b, None, read_b.refused, read_b.columns)
        )
    read_c = read_commitments(file, saved, sheet)
    lines = {line.id for line in version.core_plan().budget.lines()}
    refused = list(read_c.refused)
    for c in read_c.records:
        if c.line not in lines:
            refused.append(
                Problem(
                    Place(file=file.name),
                    f"Bindung {c.id}: die Planzeile „{c.line}“ gibt es im Plan nicht.",
                )
            )
    stored_c = selectors.stored_commitments(record) if record else {}
    change_c = preview(stored_c, read_c.records, lambda c: c.id)
    findings: list[Finding] = []
    if record is not None and change_c.new and not refused:
        data, steering = selectors.steering(record, version)
        findings = check_new_commitments(
            steering.position, list(change_c.new), data.config.tolerance
        )
    result = ImportPreview(kind, file, read_c.rows, None, change_c, tuple(refused), read_c.columns)
    return UploadPreview(result, findings)


@transaction.atomic
def apply_import(
    record: LedgerRecord,
    kind: Kind,
    incoming: Iterable[Any],
    columns: dict[str, str] | None,
    user: Any = None,
    name: str = "",
) -> int:
    """Takes over the new and changed records of a confirmed preview: all or nothing.
    Records are matched by their ids, so the same export twice changes nothing. Returns how
    many records were written."""
    record = LedgerRecord.objects.select_for_update().get(pk=record.pk)
    model: Any
    read: Any
    fields: Any
    if kind is Kind.BOOKINGS:
        stored: dict[str, Any] = selectors.stored_bookings(record)
        model, read, fields = BookingRow, records.booking_from_json, records.booking_fields
    else:
        stored = selectors.stored_commitments(record)
        model, read, fields = (
            CommitmentRow,
            records.commitment_from_json,
            records.commitment_fields,
        )
    new, written = [], 0
    for value in incoming:
        item = read(value)
        if item.id not in stored:
            new.append(model(ledger=record, source_id=item.id, **fields(item)))
        elif stored[item.id] != item:  # unchanged meanwhile: nothing to write
            model.objects.filter(ledger=record, source_id=item.id).update(**fields(item))
            written += 1
    model.objects.bulk_create(new, batch_size=1000)
    written += len(new)
    if columns is not None:
        record.columns = {**record.columns, kind.value: dict(columns)}
        record.save(update_fields=["columns"])
    if written or columns is not None:
        _bump(record)
        record_change(
            record,
            user,
            f"import/{kind.value}",
            f"Import {name}".strip(),
            None,
            {"neu oder geändert": written} | ({"spalten": dict(columns)} if columns else {}),
        )
    return written


def _bump(record: LedgerRecord) -> None:
    record.stamp = uuid.uuid4()
    record.save(update_fields=["stamp"])


@transaction.atomic
def save_mapping(
    record: LedgerRecord,
    rules: Iterable[tuple[str, str, str]],
    user: Any = None,
    seen_stamp: str | None = None,
) -> None:
    """Replaces the account mapping: (account, cost center or "", line). With `seen_stamp`
    compare-and-set: raises StaleEdit when the ledger changed since the form was loaded."""
    record = _checked(record, seen_stamp)
    old = [[r.account, r.cost_center, r.line] for r in AccountRule.objects.filter(ledger=record)]
    new = [list(rule) for rule in rules]
    AccountRule.objects.filter(ledger=record).delete()
    AccountRule.objects.bulk_create(
        AccountRule(ledger=record, account=a, cost_center=k, line=line) for a, k, line in new
    )
    _bump(record)
    record_change(record, user, "kontenzuordnung", "Kontenzuordnung gespeichert", old, new)


def _checked(record: LedgerRecord, seen_stamp: str | None) -> LedgerRecord:
    locked = LedgerRecord.objects.select_for_update().get(pk=record.pk)
    if seen_stamp is not None and str(locked.stamp) != seen_stamp:
        raise StaleEdit()
    return locked


@transaction.atomic
def save_settings(
    record: LedgerRecord,
    stand: date,
    percent: Decimal | None,
    amount: Decimal | None,
    user: Any = None,
    seen_stamp: str | None = None,
) -> None:
    """Stand and tolerance; compare-and-set with `seen_stamp` (raises StaleEdit)."""
    record = _checked(record, seen_stamp)
    before = {k: record.settings.get(k) for k in ("stand", "toleranz")}
    settings = dict(record.settings)
    settings["stand"] = stand.isoformat()
    tolerance = {
        key: str(value)
        for key, value in (("prozent", percent), ("betrag", amount))
        if value is not None
    }
    if tolerance:
        settings["toleranz"] = tolerance
    else:
        settings.pop("toleranz", None)
    record.settings = settings
    record.save(update_fields=["settings"])
    _bump(record)
    after = {k: settings.get(k) for k in ("stand", "toleranz")}
    record_change(record, user, "einstellungen", "Stand und Toleranz gespeichert", before, after)


@transaction.atomic
def load_directory(version: PlanVersion, directory: Path) -> LedgerRecord:
    """Loads a `vollzug/` directory (as the CLI reads it) into the database, replacing the
    year's stored ledger; raises InputProblems."""
    plan = version.core_plan()
    data = load_ledger(directory, plan)
    raw = json.loads(json.dumps(read_yaml(directory / CONFIG).data or {}, default=str))
    settings = {k: v for k, v in raw.items() if k != "kontenzuordnung"}
    settings["jahr"] = data.config.year
    settings["stand"] = data.config.stand.isoformat()
    jobcenter = version.plan.jobcenter
    LedgerRecord.objects.filter(jobcenter=jobcenter, year=data.config.year).delete()
    record = LedgerRecord.objects.create(
        jobcenter=jobcenter, year=data.config.year, settings=settings, columns=data.columns
    )
    AccountRule.objects.bulk_create(
        AccountRule(ledger=record, account=r.account, cost_center=r.cost_center or "", line=r.line)
        for r in data.ledger.mapping.rules
    )
    BookingRow.objects.bulk_create(
        (
            BookingRow(ledger=record, source_id=b.id, **records.booking_fields(b))
            for b in data.ledger.bookings
        ),
        batch_size=1000,
    )
    CommitmentRow.objects.bulk_create(
        (
            CommitmentRow(ledger=record, source_id=c.id, **records.commitment_fields(c))
            for c in data.ledger.commitments
        ),
        batch_size=1000,
    )
    return record


@transaction.atomic
def mark_one_off(
    record: LedgerRecord, seen_stamp: str, booking_id: str, one_off: bool, user: Any
) -> None:
    """Marks a booking "nicht für die Hochrechnung" (or counts it again): compare-and-set
    against the stamp the user saw, audited in the ledger's Verlauf. Raises StaleEdit or
    RefusedEdit."""
    locked = LedgerRecord.objects.select_for_update().get(pk=record.pk)
    if str(locked.stamp) != seen_stamp:
        raise StaleEdit()
    row = BookingRow.objects.filter(ledger=locked, source_id=booking_id).first()
    if row is None:
        raise RefusedEdit([f"Die Buchung {booking_id} gibt es nicht."])
    if row.one_off == one_off:
        return
    row.one_off = one_off
    row.save(update_fields=["one_off"])
    record_change(
        locked,
        user,
        f"buchungen/{booking_id}/einmalig",
        "Buchung nicht für die Hochrechnung" if one_off else "Buchung wieder für die Hochrechnung",
        not one_off,
        one_off,
    )
    _bump(locked)


@transaction.atomic
def earmark(
    record: LedgerRecord, version: PlanVersion, seen_stamp: str, item: Commitment, user: Any
) -> list[Finding]:
    """A commitment entered by hand (vorgemerkt), after the availability check: refused
    (RefusedEdit) beyond the tolerance, saved with the warnings within it, which are
    returned. Compare-and-set (StaleEdit); audited in the ledger's Verlauf."""
    locked = _checked(record, seen_stamp)
    if CommitmentRow.objects.filter(ledger=locked, source_id=item.id).exists():
        raise RefusedEdit([f"Die Bindung {item.id} gibt es schon."])
    data, steering = selectors.steering(locked, version)
    findings = check_new_commitments(steering.position, [item], data.config.tolerance)
    errors = [f.message for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise RefusedEdit(errors)
    CommitmentRow.objects.create(
        ledger=locked, source_id=item.id, **records.commitment_fields(item)
    )
    _bump(locked)
    record_change(
        locked,
        user,
        f"bindungen/{item.id}",
        "Bindung vorgemerkt",
        None,
        records.commitment_to_json(item),
    )
    return findings
