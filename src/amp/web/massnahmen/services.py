"""Writing measure data: the import (preview, then all or nothing, idempotent by the
source's ids) and loading a `massnahmen/` directory (the demo). Every change gets a new
stamp in one transaction."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from amp.core.ledger.merge import Preview, preview
from amp.core.occupancy import Contract, FlowEvent, Voucher
from amp.core.problems import InputProblems, Problem
from amp.io.occupancy.readers import Kind, read_contracts, read_flows, read_vouchers
from amp.io.occupancy.store import FILES, load, write_contracts, write_flows, write_vouchers
from amp.web.massnahmen import selectors
from amp.web.massnahmen.models import (
    ContractRow,
    FlowRow,
    ImportEntry,
    MeasureStore,
    VoucherRow,
)
from amp.web.plans.models import Jobcenter

READERS: dict[Kind, Any] = {
    Kind.FLOWS: read_flows,
    Kind.CONTRACTS: read_contracts,
    Kind.VOUCHERS: read_vouchers,
}
WRITERS: dict[Kind, Any] = {
    Kind.FLOWS: write_flows,
    Kind.CONTRACTS: write_contracts,
    Kind.VOUCHERS: write_vouchers,
}


def _key(record: Any) -> str:
    return str(record.id)


@dataclass(frozen=True)
class UploadPreview:
    kind: Kind
    name: str
    rows: int
    change: Preview[Any]
    refused: tuple[Problem, ...]
    columns: dict[str, str]

    def counts(self) -> dict[str, int]:
        return {
            "neu": len(self.change.new),
            "geändert": len(self.change.changed),
            "unverändert": len(self.change.unchanged),
            "abgelehnt": len(self.refused),
        }

    def pending(self) -> str:
        """The new and changed records in amp's own columns (what waits in the session)."""
        records = [*self.change.new, *(new for _old, new in self.change.changed)]
        with tempfile.TemporaryDirectory(prefix="amp-massnahmen-") as name:
            file = Path(name) / FILES[self.kind]
            WRITERS[self.kind](file, records)
            return file.read_text(encoding="utf-8")


def _stored(jobcenter: Jobcenter, kind: Kind) -> dict[str, Any]:
    data = selectors.measure_data(jobcenter)
    records: Iterable[Any] = {
        Kind.FLOWS: data.events,
        Kind.CONTRACTS: data.contracts,
        Kind.VOUCHERS: data.vouchers,
    }[kind]
    return {_key(r): r for r in records}


def preview_upload(
    jobcenter: Jobcenter,
    kind: Kind,
    file: Path,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> UploadPreview:
    """What importing `file` would change; nothing is written (InputProblems for an
    unreadable file or missing columns)."""
    incoming = READERS[kind](file, mapping, sheet)
    change = preview(_stored(jobcenter, kind), incoming.records, _key)
    return UploadPreview(
        kind, file.name, incoming.rows, change, incoming.refused, dict(incoming.columns)
    )


def _store(jobcenter: Jobcenter) -> MeasureStore:
    store, _ = MeasureStore.objects.select_for_update().get_or_create(jobcenter=jobcenter)
    return store


def _contract_row(store: MeasureStore, c: Contract) -> ContractRow:
    return ContractRow(
        store=store,
        source_id=c.id,
        measure=c.measure,
        name=c.name or "",
        lot=c.lot or "",
        provider=c.provider or "",
        sites="; ".join(c.sites),
        start=c.start,
        end=c.end,
        places=c.places,
        price=c.price,
        basis=c.basis.value,
        hours_per_month=c.hours_per_month,
        line=c.line or "",
        awarded_on=c.awarded_on,
        options=[
            {"ende": o.end.isoformat(), "frist": o.draw_by.isoformat(), "gezogen": o.drawn}
            for o in c.options
        ],
    )


def _flow_row(store: MeasureStore, e: FlowEvent) -> FlowRow:
    return FlowRow(
        store=store,
        source_id=e.id,
        person=e.person,
        measure=e.measure,
        kind=e.kind.value,
        day=e.day,
        reason=e.reason.value if e.reason else "",
        contract=e.contract or "",
        woman=e.woman,
        long_term=e.long_term,
        under_25=e.under_25,
        employed_after=e.employed_after,
        synthetic=e.synthetic,
    )


def _voucher_row(store: MeasureStore, v: Voucher) -> VoucherRow:
    return VoucherRow(
        store=store,
        source_id=v.id,
        person=v.person,
        kind=v.kind.value,
        goal=v.goal,
        issued=v.issued,
        redeemed=v.redeemed,
        valid_until=v.valid_until,
        synthetic=v.synthetic,
    )


def _save(store: MeasureStore, kind: Kind, records: list[Any]) -> None:
    ids = [_key(r) for r in records]
    model: Any = {Kind.FLOWS: FlowRow, Kind.CONTRACTS: ContractRow, Kind.VOUCHERS: VoucherRow}[kind]
    build: Any = {
        Kind.FLOWS: _flow_row,
        Kind.CONTRACTS: _contract_row,
        Kind.VOUCHERS: _voucher_row,
    }[kind]
    for start in range(0, len(ids), 5000):
        model.objects.filter(store=store, source_id__in=ids[start : start + 5000]).delete()
    model.objects.bulk_create([build(store, r) for r in records], batch_size=2000)


def apply_pending(
    jobcenter: Jobcenter, kind: Kind, pending: str, user: Any = None, source: str = ""
) -> int:
    """Takes over the records of a preview (amp's own columns, read again with the same
    checks); all or nothing, logged with user and file. Returns how many records were new
    or changed."""
    with tempfile.TemporaryDirectory(prefix="amp-massnahmen-") as name:
        file = Path(name) / FILES[kind]
        file.write_text(pending, encoding="utf-8")
        result = READERS[kind](file)
    if result.refused:
        raise InputProblems(result.refused)
    with transaction.atomic():
        store = _store(jobcenter)
        ImportEntry.objects.create(
            store=store, user=user, kind=kind.value, file=source[:255], written=len(result.records)
        )
        if not result.records:
            return 0  # nothing new or changed: the stamp stays
        _save(store, kind, list(result.records))
        store.stamp = uuid.uuid4()
        store.save(update_fields=["stamp"])
    return len(result.records)


def load_directory(jobcenter: Jobcenter, directory: Path) -> MeasureStore:
    """Replaces the Jobcenter's measure data with a `massnahmen/` directory (the demo)."""
    data = load(directory)
    with transaction.atomic():
        store = _store(jobcenter)
        ContractRow.objects.filter(store=store).delete()
        FlowRow.objects.filter(store=store).delete()
        VoucherRow.objects.filter(store=store).delete()
        _save(store, Kind.CONTRACTS, list(data.contracts))
        _save(store, Kind.FLOWS, list(data.events))
        _save(store, Kind.VOUCHERS, list(data.vouchers))
        store.stamp = uuid.uuid4()
        store.save(update_fields=["stamp"])
    return store
