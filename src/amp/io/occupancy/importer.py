"""Import of an export into `massnahmen/`: preview first (new / changed / unchanged /
refused rows), then all or nothing. Records are matched by the source's ids, so importing
the same export again changes nothing; records the export does not contain stay."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amp.core.ledger.merge import Preview, apply, preview
from amp.core.problems import InputProblems, Problem
from amp.io.ledger.readers import ReadResult
from amp.io.occupancy.readers import Kind, read_contracts, read_flows, read_vouchers
from amp.io.occupancy.store import FILES, write_contracts, write_flows, write_vouchers

_READERS: dict[Kind, Callable[..., ReadResult[Any]]] = {
    Kind.FLOWS: read_flows,
    Kind.CONTRACTS: read_contracts,
    Kind.VOUCHERS: read_vouchers,
}
_WRITERS: dict[Kind, Callable[..., None]] = {
    Kind.FLOWS: write_flows,
    Kind.CONTRACTS: write_contracts,
    Kind.VOUCHERS: write_vouchers,
}


def _key(record: Any) -> str:
    return str(record.id)


@dataclass(frozen=True, slots=True)
class ImportPreview:
    kind: Kind
    file: Path
    rows: int
    change: Preview[Any]
    refused: tuple[Problem, ...]
    columns: dict[str, str]
    stored: dict[str, Any] = field(default_factory=dict, repr=False)

    def counts(self) -> dict[str, int]:
        return {
            "neu": len(self.change.new),
            "geändert": len(self.change.changed),
            "unverändert": len(self.change.unchanged),
            "abgelehnt": len(self.refused),
        }


def preview_import(
    directory: Path,
    kind: Kind,
    file: Path,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> ImportPreview:
    """What importing `file` would change; nothing is written. Unreadable files and missing
    columns raise InputProblems; rows with problems are listed as refused."""
    read = _READERS[kind]
    incoming = read(file, columns, sheet)
    target = directory / FILES[kind]
    stored = {_key(r): r for r in read(target).records} if target.exists() else {}
    change = preview(stored, incoming.records, _key)
    return ImportPreview(
        kind, file, incoming.rows, change, incoming.refused, incoming.columns, stored
    )


def apply_import(directory: Path, result: ImportPreview) -> None:
    """Takes over a preview. With any refused row nothing is written (InputProblems)."""
    if result.refused:
        raise InputProblems(result.refused)
    if result.change.is_noop:
        return
    merged = apply(result.stored, result.change, _key)
    _WRITERS[result.kind](directory / FILES[result.kind], merged.values())
