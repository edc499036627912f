"""Bookings and commitments from a finance system's export, through a column mapping.

Every problem of a file is collected (file, row, column or sheet!cell, German message);
a file with any problem yields nothing (all-or-nothing)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Generic, TypeVar, cast

from openpyxl.utils import get_column_letter

from amp.core.ledger.model import Booking, Commitment, CommitmentStatus
from amp.core.periods import Month
from amp.core.problems import InputProblems, Place, Problem
from amp.io.ledger import values
from amp.io.ledger.tables import Table, open_table

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str  # the canonical German header
    aliases: tuple[str, ...] = ()
    required: bool = False


BOOKING_FIELDS = (
    Field("id", "Buchungsnummer", ("Beleg", "Belegnummer", "Buchungs-ID", "Buchung"), True),
    Field("datum", "Buchungsdatum", ("Datum", "Belegdatum"), True),
    Field("betrag", "Betrag", ("Betrag in €", "Betrag EUR", "Betrag (EUR)"), True),
    Field("konto", "Haushaltsstelle", ("Konto", "Sachkonto", "Produktsachkonto"), True),
    Field("kostenstelle", "Kostenstelle", ("KST",)),
    Field("massnahme", "Maßnahme", ("Maßnahmenummer", "Massnahme")),
    Field("bindung", "Bindung", ("Vertrag", "Vertragsnummer", "Bescheid", "Festlegung")),
    Field("einmalig", "Nicht für die Hochrechnung", ("Einmalig", "Einmalzahlung")),
    Field("text", "Buchungstext", ("Text", "Verwendungszweck")),
)

COMMITMENT_FIELDS = (
    Field("id", "Bindung", ("Vertrag", "Vertragsnummer", "Bescheid", "Festlegung"), True),
    Field("zeile", "Planzeile", ("Zeile",), True),
    Field("datum", "Bindungsdatum", ("Datum", "gebunden am"), True),
    Field("status", "Status"),
    Field("monat", "Fälligkeit", ("Monat", "Zahlungsmonat"), True),
    Field("betrag", "Betrag", ("Betrag in €", "Rate"), True),
    Field("massnahme", "Maßnahme", ("Massnahme",)),
    Field("erledigt_am", "Erledigt am", ("abgerechnet/aufgelöst am", "Abschlussdatum")),
)

STATUS_WORDS = {
    "vorgemerkt": CommitmentStatus.EARMARKED,
    "gebunden": CommitmentStatus.BOUND,
    "festgelegt": CommitmentStatus.BOUND,
    "abgerechnet": CommitmentStatus.SETTLED,
    "aufgelöst": CommitmentStatus.DISSOLVED,
    "aufgeloest": CommitmentStatus.DISSOLVED,
}


@dataclass(frozen=True, slots=True)
class ReadResult(Generic[T]):
    records: tuple[T, ...]
    rows: int  # data rows read
    refused: tuple[Problem, ...] = field(default=())
    columns: dict[str, str] = field(default_factory=dict)  # field → header as resolved


class _Cells:
    """The mapped cells of one row, collecting problems with their place."""

    def __init__(
        self, table: Table, columns: Mapping[str, str], number: int, row: Sequence[object]
    ) -> None:
        self.table, self.columns, self.number, self.row = table, columns, number, row
        self.problems: list[Problem] = []

    def place(self, key: str) -> Place:
        header = self.columns.get(key, key)
        if self.table.sheet is not None:
            index = self.table.headers.index(header) + 1 if header in self.table.headers else 1
            return Place(
                file=self.table.file.name,
                sheet=self.table.sheet,
                cell=f"{get_column_letter(index)}{self.number}",
                column=header,
            )
        return Place(file=self.table.file.name, row=self.number, column=header)

    def raw(self, key: str) -> object:
        header = self.columns.get(key)
        if header is None:
            return None
        position = self.table.headers.index(header)
        return self.row[position] if position < len(self.row) else None

    def get(self, key: str, parse: Callable[[object], T]) -> T | None:
        try:
            return parse(self.raw(key))
        except values.ValueProblem as exc:
            self.problems.append(Problem(self.place(key), str(exc)))
            return None

    def text(self, key: str, required: bool = False) -> str | None:
        value = values.text(self.raw(key))
        if value is None and required:
            self.problems.append(Problem(self.place(key), "leer, ein Wert wird gebraucht"))
        return value


def resolve_columns(
    table: Table, fields: tuple[Field, ...], saved: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Field key → header of the file: the saved mapping first, then the canonical header
    and its aliases (case-insensitive). Raises InputProblems naming every missing column."""
    by_lower = {h.lower(): h for h in table.headers}
    result: dict[str, str] = {}
    problems: list[Problem] = []
    for spec in fields:
        wanted = (saved or {}).get(spec.key)
        if wanted is not None:
            if wanted not in table.headers:
                problems.append(
                    Problem(
                        Place(file=table.file.name, row=1, column=wanted),
                        f"Die gespeicherte Zuordnung erwartet für „{spec.label}“ die Spalte "
                        f"„{wanted}“, die Datei hat sie nicht.",
                    )
                )
            else:
                result[spec.key] = wanted
            continue
        found = next(
            (by_lower[n.lower()] for n in (spec.label, *spec.aliases) if n.lower() in by_lower),
            None,
        )
        if found is not None:
            result[spec.key] = found
        elif spec.required:
            problems.append(
                Problem(
                    Place(file=table.file.name, row=1),
                    f"Keine Spalte für „{spec.label}“ gefunden (vorhanden: "
                    f"{', '.join(table.headers)}). Bitte die Spaltenzuordnung festlegen.",
                )
            )
    if problems:
        raise InputProblems(problems)
    return result


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Reading creates millions of objects and no reference cycles: the cycle collector
    would walk the growing heap again and again for nothing (it doubled the time of a
    re-import of a million bookings)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_bookings(
    file: Path, saved: Mapping[str, str] | None = None, sheet: str | None = None
) -> ReadResult[Booking]:
    with no_cycle_collection():
        return _read_bookings(file, saved, sheet)


def _read_bookings(
    file: Path, saved: Mapping[str, str] | None, sheet: str | None
) -> ReadResult[Booking]:
    table = open_table(file, sheet)
    columns = resolve_columns(table, BOOKING_FIELDS, saved)
    records: list[Booking] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    # one object per distinct account, cost center, text and day: a million bookings share few
    accounts: dict[str, str] = {}
    days: dict[str, date | None] = {}
    index = {key: table.headers.index(header) for key, header in columns.items()}
    i_id, i_day, i_amount, i_account = (index[k] for k in ("id", "datum", "betrag", "konto"))
    optional = tuple(index.get(k) for k in ("kostenstelle", "massnahme", "bindung", "text"))
    i_one_off = index.get("einmalig")
    width = max(index.values()) + 1
    rows = 0
    for number, row in table.rows:
        rows += 1
        # the fast path for a clean row of text cells; anything unusual goes the careful way
        booking = None
        if len(row) >= width:
            booking = _fast_booking(
                row, i_id, i_day, i_amount, i_account, optional, i_one_off, accounts, days
            )
        if booking is None or booking.id in seen:
            booking = _careful_booking(table, columns, number, row, seen, problems)
            if booking is None:
                continue
        seen[booking.id] = number
        records.append(booking)
    return ReadResult(tuple(records), rows, tuple(problems), columns)


def _fast_booking(
    row: Sequence[object],
    i_id: int,
    i_day: int,
    i_amount: int,
    i_account: int,
    optional: tuple[int | None, ...],
    i_one_off: int | None,
    accounts: dict[str, str],
    days: dict[str, date | None],
) -> Booking | None:
    try:
        booking_id = cast(str, row[i_id]).strip()
        day_text = cast(str, row[i_day]).strip()
        day = days.get(day_text) or days.setdefault(day_text, values.fast_day(day_text))
        amount = values.fast_amount(cast(str, row[i_amount]).strip())
        account = cast(str, row[i_account]).strip()
        account = accounts.setdefault(account, account)
        extra = [
            None
            if i is None
            else (accounts.setdefault(text, text) if (text := cast(str, row[i]).strip()) else None)
            for i in optional
        ]
        flag = "" if i_one_off is None else cast(str, row[i_one_off]).strip().lower()
    except AttributeError:  # not a text cell (a workbook's number or date)
        return None
    if not booking_id or day is None or amount is None or not account:
        return None
    if flag not in values.FALSE_WORDS and flag not in values.TRUE_WORDS:
        return None
    return Booking(
        booking_id,
        day,
        amount,
        account,
        extra[0],
        extra[1],
        extra[2],
        flag in values.TRUE_WORDS,
        extra[3],
    )


def _careful_booking(
    table: Table,
    columns: Mapping[str, str],
    number: int,
    row: Sequence[object],
    seen: dict[str, int],
    problems: list[Problem],
) -> Booking | None:
    cells = _Cells(table, columns, number, row)
    booking_id = cells.text("id", required=True)
    day = cells.get("datum", values.day)
    amount = cells.get("betrag", values.amount)
    account = cells.text("konto", required=True)
    one_off = cells.get("einmalig", values.flag) if "einmalig" in columns else False
    if booking_id is not None and booking_id in seen:
        cells.problems.append(
            Problem(
                cells.place("id"),
                f"Die Buchungsnummer {booking_id} steht schon in Zeile {seen[booking_id]}.",
            )
        )
    if cells.problems:
        problems.extend(cells.problems)
        return None
    assert booking_id is not None
    assert day is not None
    assert amount is not None
    assert account is not None
    return Booking(
        booking_id,
        day,
        amount,
        account,
        cells.text("kostenstelle"),
        cells.text("massnahme"),
        cells.text("bindung"),
        bool(one_off),
        cells.text("text"),
    )


def _status(value: object) -> CommitmentStatus:
    text = str(value or "").strip().lower()
    if not text:
        return CommitmentStatus.BOUND
    if text not in STATUS_WORDS:
        raise values.ValueProblem(
            f"„{value}“ ist kein Status (vorgemerkt, gebunden, abgerechnet oder aufgelöst)"
        )
    return STATUS_WORDS[text]


def _optional_day(value: object) -> date | None:
    return None if values.text(value) is None else values.day(value)


def read_commitments(
    file: Path, saved: Mapping[str, str] | None = None, sheet: str | None = None
) -> ReadResult[Commitment]:
    """Commitments in long form: one row per commitment and month of its payment plan; the
    commitment's own fields must agree on all its rows."""
    table = open_table(file, sheet)
    columns = resolve_columns(table, COMMITMENT_FIELDS, saved)
    heads: dict[str, tuple[tuple[object, ...], int]] = {}
    payments: dict[str, dict[Month, Decimal]] = {}
    problems: list[Problem] = []
    rows = 0
    for number, row in table.rows:
        rows += 1
        cells = _Cells(table, columns, number, row)
        commitment_id = cells.text("id", required=True)
        head = (
            cells.text("zeile", required=True),
            cells.get("datum", values.day),
            cells.get("status", _status),
            cells.text("massnahme"),
            cells.get("erledigt_am", _optional_day),
        )
        due = cells.get("monat", values.month)
        amount = cells.get("betrag", values.amount)
        if cells.problems or commitment_id is None or due is None or amount is None:
            problems.extend(cells.problems)
            continue
        if commitment_id in heads and heads[commitment_id][0] != head:
            problems.append(
                Problem(
                    cells.place("id"),
                    f"Die Bindung {commitment_id} hat hier andere Angaben (Planzeile, Datum, "
                    f"Status, Maßnahme) als in Zeile {heads[commitment_id][1]}.",
                )
            )
            continue
        heads.setdefault(commitment_id, (head, number))
        plan = payments.setdefault(commitment_id, {})
        if due in plan:
            problems.append(
                Problem(
                    cells.place("monat"),
                    f"Für die Bindung {commitment_id} steht der Monat {due} zweimal.",
                )
            )
            continue
        plan[due] = amount
    records = []
    for commitment_id, ((line, day, status, measure, closed), _) in heads.items():
        assert isinstance(line, str)
        assert isinstance(day, date)
        assert isinstance(status, CommitmentStatus)
        records.append(
            Commitment(
                commitment_id,
                line,
                day,
                status,
                dict(sorted(payments[commitment_id].items())),
                measure if isinstance(measure, str) else None,
                closed if isinstance(closed, date) else None,
            )
        )
    return ReadResult(tuple(records), rows, tuple(problems), columns)
