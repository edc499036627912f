"""Import of a finance system's export into the `vollzug/` directory: preview first
(new / changed / unchanged / refused rows), then all or nothing. Records are matched by the
source's ids, so importing the same export again changes nothing. Records the export does
not contain stay as they are (an export usually covers one period)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from amp.core.ledger.merge import Preview, apply, keep_one_off_marks, preview
from amp.core.ledger.model import Booking, Commitment, Kind
from amp.core.problems import InputProblems, Problem
from amp.io.ledger.readers import (
    ReadResult,
    no_cycle_collection,
    read_bookings,
    read_commitments,
)
from amp.io.ledger.store import (
    BOOKINGS,
    COMMITMENTS,
    read_columns,
    write_bookings,
    write_columns,
    write_commitments,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ImportPreview:
    kind: Kind
    file: Path
    rows: int
    bookings: Preview[Booking] | None
    commitments: Preview[Commitment] | None
    refused: tuple[Problem, ...]
    columns: dict[str, str]
    stored_bookings: dict[str, Booking] = field(default_factory=dict, repr=False)
    stored_commitments: dict[str, Commitment] = field(default_factory=dict, repr=False)

    def counts(self) -> dict[str, int]:
        change = self.bookings if self.bookings is not None else self.commitments
        assert change is not None
        return {
            "neu": len(change.new),
            "geändert": len(change.changed),
            "unverändert": len(change.unchanged),
            "abgelehnt": len(self.refused),
        }


def _booking_id(b: Booking) -> str:
    return b.id


def _commitment_id(c: Commitment) -> str:
    return c.id


def preview_import(
    directory: Path,
    kind: Kind,
    file: Path,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> ImportPreview:
    """What importing `file` would change; nothing is written. Unreadable files and missing
    columns raise InputProblems; rows with problems are listed as refused."""
    with no_cycle_collection():
        return _preview(directory, kind, file, columns, sheet)


def _preview(
    directory: Path,
    kind: Kind,
    file: Path,
    columns: Mapping[str, str] | None,
    sheet: str | None,
) -> ImportPreview:
    saved = dict(columns) if columns is not None else read_columns(directory).get(kind.value)
    if kind is Kind.BOOKINGS:
        incoming = read_bookings(file, saved, sheet)
        stored = _stored(directory / BOOKINGS, read_bookings, _booking_id)
        records = incoming.records
        if "einmalig" not in incoming.columns:
            records = keep_one_off_marks(stored, records)
        change_b = preview(stored, records, _booking_id)
        return ImportPreview(
            kind, file, incoming.rows, change_b, None, incoming.refused, incoming.columns, stored
        )
    incoming_c = read_commitments(file, saved, sheet)
    stored_c = _stored(directory / COMMITMENTS, read_commitments, _commitment_id)
    change_c = preview(stored_c, incoming_c.records, _commitment_id)
    return ImportPreview(
        kind,
        file,
        incoming_c.rows,
        None,
        change_c,
        incoming_c.refused,
        incoming_c.columns,
        stored_commitments=stored_c,
    )


def _stored(
    file: Path, read: Callable[[Path], ReadResult[T]], key: Callable[[T], str]
) -> dict[str, T]:
    """What the store holds (its own file, written by amp, so without refused rows)."""
    return {key(r): r for r in read(file).records} if file.exists() else {}


def apply_import(directory: Path, result: ImportPreview, save_columns: bool = False) -> None:
    """Takes over a preview. With any refused row nothing is written (InputProblems)."""
    if result.refused:
        raise InputProblems(result.refused)
    if result.bookings is not None and not result.bookings.is_noop:
        merged = apply(result.stored_bookings, result.bookings, _booking_id)
        write_bookings(directory / BOOKINGS, merged.values())
    if result.commitments is not None and not result.commitments.is_noop:
        merged_c = apply(result.stored_commitments, result.commitments, _commitment_id)
        write_commitments(directory / COMMITMENTS, merged_c.values())
    if save_columns and result.columns:
        columns = read_columns(directory)
        columns[result.kind.value] = dict(result.columns)
        write_columns(directory, columns)
