"""The store of measure controlling: `massnahmen/` beside the plan with `vertraege.csv`,
`teilnahmen.csv` and `gutscheine.csv`, written by amp in the canonical columns (so they read
back through the same readers), each file whole or unchanged."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from amp.core.occupancy.model import Contract, FlowEvent, Voucher
from amp.core.problems import InputProblems, Problem
from amp.io.ledger.store import _atomic_write
from amp.io.occupancy.readers import (
    CONTRACT_FIELDS,
    FLOW_FIELDS,
    OPTION_COUNT,
    VOUCHER_FIELDS,
    Kind,
    read_contracts,
    read_flows,
    read_vouchers,
)

DIRECTORY = "massnahmen"
FILES = {
    Kind.CONTRACTS: "vertraege.csv",
    Kind.FLOWS: "teilnahmen.csv",
    Kind.VOUCHERS: "gutscheine.csv",
}


@dataclass(frozen=True, slots=True)
class MeasureData:
    directory: Path
    contracts: tuple[Contract, ...]
    events: tuple[FlowEvent, ...]
    vouchers: tuple[Voucher, ...]

    @property
    def synthetic(self) -> bool:
        """Whether the flows or vouchers are (all) synthetic demo data."""
        flags = [e.synthetic for e in self.events] + [v.synthetic for v in self.vouchers]
        return bool(flags) and all(flags)


def load(directory: Path) -> MeasureData:
    """Reads the store; a missing file is empty. Problems of any file raise InputProblems."""
    problems: list[Problem] = []
    contracts: tuple[Contract, ...] = ()
    events: tuple[FlowEvent, ...] = ()
    vouchers: tuple[Voucher, ...] = ()
    file = directory / FILES[Kind.CONTRACTS]
    if file.exists():
        rc = read_contracts(file)
        problems.extend(rc.refused)
        contracts = rc.records
    file = directory / FILES[Kind.FLOWS]
    if file.exists():
        rf = read_flows(file)
        problems.extend(rf.refused)
        events = rf.records
    file = directory / FILES[Kind.VOUCHERS]
    if file.exists():
        rv = read_vouchers(file)
        problems.extend(rv.refused)
        vouchers = rv.records
    if problems:
        raise InputProblems(problems)
    return MeasureData(directory, contracts, events, vouchers)


def _iso(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _flag(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nein")


def _write(file: Path, headers: list[str], rows: Iterable[list[str]]) -> None:
    def write(out: Any) -> None:
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)

    _atomic_write(file, write)


def write_flows(file: Path, events: Iterable[FlowEvent]) -> None:
    ordered = sorted(events, key=lambda e: (e.day, e.id))
    _write(
        file,
        [f.label for f in FLOW_FIELDS],
        (
            [
                e.id,
                e.person,
                e.measure,
                e.kind.value,
                e.day.isoformat(),
                e.reason.value if e.reason else "",
                e.contract or "",
                _flag(e.woman),
                _flag(e.long_term),
                _flag(e.under_25),
                _flag(e.employed_after),
                "ja" if e.synthetic else "",
            ]
            for e in ordered
        ),
    )


def write_contracts(file: Path, contracts: Iterable[Contract]) -> None:
    def row(c: Contract) -> list[str]:
        cells = [
            c.id,
            c.measure,
            c.name or "",
            c.lot or "",
            c.provider or "",
            "; ".join(c.sites),
            c.start.isoformat(),
            c.end.isoformat(),
            "" if c.places is None else str(c.places),
            str(c.price),
            c.basis.value,
            "" if c.hours_per_month is None else str(c.hours_per_month),
            c.line or "",
            _iso(c.awarded_on),
        ]
        for n in range(OPTION_COUNT):
            o = c.options[n] if n < len(c.options) else None
            cells += ["", "", ""] if o is None else [_iso(o.end), _iso(o.draw_by), _flag(o.drawn)]
        return cells

    ordered = sorted(contracts, key=lambda c: (c.measure, c.start, c.id))
    _write(file, [f.label for f in CONTRACT_FIELDS], map(row, ordered))


def write_vouchers(file: Path, vouchers: Iterable[Voucher]) -> None:
    ordered = sorted(vouchers, key=lambda v: (v.issued, v.id))
    _write(
        file,
        [f.label for f in VOUCHER_FIELDS],
        (
            [
                v.id,
                v.person,
                v.kind.value,
                v.goal,
                v.issued.isoformat(),
                _iso(v.redeemed),
                _iso(v.valid_until),
                "ja" if v.synthetic else "",
            ]
            for v in ordered
        ),
    )
