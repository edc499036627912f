"""Contracts, flow events and vouchers from a CSV or XLSX export, through a column mapping.

Every problem of a file is collected (file, row, column or sheet!cell, German message);
rows with problems are refused and an import with any refused row writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from openpyxl.utils import get_column_letter

from amp.core import limits
from amp.core.occupancy.model import (
    Contract,
    ContractOption,
    ExitReason,
    FlowEvent,
    FlowKind,
    PriceBasis,
    Voucher,
    VoucherKind,
)
from amp.core.problems import Place, Problem
from amp.io.ledger import values
from amp.io.ledger.readers import Field, ReadResult, no_cycle_collection, resolve_columns
from amp.io.ledger.tables import Table, open_table

T = TypeVar("T")


class Kind(StrEnum):
    FLOWS = "teilnahmen"
    CONTRACTS = "vertraege"
    VOUCHERS = "gutscheine"


KIND_LABELS = {Kind.FLOWS: "Teilnahmen", Kind.CONTRACTS: "Verträge", Kind.VOUCHERS: "Gutscheine"}

OPTION_COUNT = 3
MAX_SITES = 1000  # characters of the sites of one contract (the web's column)

FLOW_FIELDS = (
    Field("id", "Ereignis", ("Ereignis-ID", "Ereignisnummer", "ID"), True),
    Field("person", "Person", ("Pseudonym", "Personen-ID", "Kunden-Pseudonym"), True),
    Field("massnahme", "Maßnahme", ("Massnahme", "Maßnahmenummer"), True),
    Field("art", "Art", ("Ereignisart", "Vorgang"), True),
    Field("datum", "Datum", ("Ereignisdatum",), True),
    Field("grund", "Austrittsgrund", ("Grund",)),
    Field("vertrag", "Vertrag", ("Los", "Vertragsnummer")),
    Field("frau", "Frau", ("weiblich",)),
    Field("lzb", "LZB", ("Langzeitleistungsbezug", "langzeitleistungsbeziehend")),
    Field("u25", "unter 25", ("U25", "unter 25 Jahre")),
    Field(
        "svb", "SV-Beschäftigung nach 6 Monaten", ("Verbleib SVB", "sv-pflichtig nach 6 Monaten")
    ),
    Field("synthetisch", "synthetisch", ("Demo",)),
)

CONTRACT_FIELDS = (
    Field("id", "Vertrag", ("Vertragsnummer", "Los-ID"), True),
    Field("massnahme", "Maßnahme", ("Massnahme",), True),
    Field("name", "Bezeichnung", ("Name",)),
    Field("los", "Los"),
    Field("traeger", "Träger", ("Traeger", "Anbieter")),
    Field("standorte", "Standorte", ("Standort",)),
    Field("beginn", "Beginn", ("Vertragsbeginn",), True),
    Field("ende", "Ende", ("Vertragsende",), True),
    Field("plaetze", "Plätze", ("Plaetze", "Platzzahl")),
    Field("preis", "Preis", ("Preis in €", "Preis je Teilnehmermonat"), True),
    Field("basis", "Preisbasis", ("Abrechnung",)),
    Field("stunden", "Stunden je Monat", ("Stundenkontingent je Monat",)),
    Field("zeile", "Planzeile", ("Zeile",)),
    Field("vergeben", "Vergeben am", ("Zuschlag", "Zuschlag am")),
    *(
        spec
        for n in range(1, OPTION_COUNT + 1)
        for spec in (
            Field(f"option{n}_ende", f"Option {n} bis"),
            Field(f"option{n}_frist", f"Option {n} ziehen bis"),
            Field(f"option{n}_gezogen", f"Option {n} gezogen"),
        )
    ),
)

VOUCHER_FIELDS = (
    Field("id", "Gutschein", ("Gutscheinnummer", "ID"), True),
    Field("person", "Person", ("Pseudonym", "Personen-ID"), True),
    Field("art", "Art", ("Gutscheinart",), True),
    Field("ziel", "Ziel", ("Bildungsziel", "Kategorie"), True),
    Field("ausgabe", "Ausgegeben am", ("Ausgabe", "Ausgabedatum"), True),
    Field("einloesung", "Eingelöst am", ("Einlösung", "Einloesung")),
    Field("gueltig", "Gültig bis", ("Gueltig bis", "Gültigkeit")),
    Field("synthetisch", "synthetisch", ("Demo",)),
)

FIELDS = {Kind.FLOWS: FLOW_FIELDS, Kind.CONTRACTS: CONTRACT_FIELDS, Kind.VOUCHERS: VOUCHER_FIELDS}

FLOW_WORDS = {
    "zuweisung": FlowKind.ASSIGNMENT,
    "eintritt": FlowKind.ENTRY,
    "austritt": FlowKind.EXIT,
    "nichtantritt": FlowKind.NO_SHOW,
    "nicht angetreten": FlowKind.NO_SHOW,
}
REASON_WORDS = {
    "regulär": ExitReason.REGULAR,
    "regulaer": ExitReason.REGULAR,
    "regulär beendet": ExitReason.REGULAR,
    "abbruch": ExitReason.DROPOUT,
    "integration": ExitReason.INTEGRATION,
    "arbeitsaufnahme": ExitReason.INTEGRATION,
}
BASIS_WORDS = {
    "": PriceBasis.MONTH,
    "teilnehmermonat": PriceBasis.MONTH,
    "monat": PriceBasis.MONTH,
    "stunde": PriceBasis.HOUR,
    "stunden": PriceBasis.HOUR,
}
VOUCHER_WORDS = {
    "bgs": VoucherKind.BGS,
    "bildungsgutschein": VoucherKind.BGS,
    "avgs": VoucherKind.AVGS,
}


def _choice(words: Mapping[str, T], what: str) -> Callable[[object], T]:
    def parse(value: object) -> T:
        text = str(value if value is not None else "").strip().lower()
        if text not in words:
            names = ", ".join(sorted({str(w) for w in words if w}))
            raise values.ValueProblem(f"„{value}“ ist {what} (erlaubt: {names})")
        return words[text]

    return parse


def _count(value: object) -> int:
    if isinstance(value, bool):
        raise values.ValueProblem("keine ganze Zahl")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if problem := limits.typed_number_problem(text):
        raise values.ValueProblem(problem)
    if not text.isdigit():
        raise values.ValueProblem(f"„{text}“ ist keine ganze Zahl ≥ 0")
    number = int(text)
    if problem := limits.count_problem(number):
        raise values.ValueProblem(problem)
    return number


def _price(value: object) -> Decimal:
    amount = values.amount(value)
    if amount < 0:
        raise values.ValueProblem("ein Preis ist nicht negativ")
    if problem := limits.amount_problem(amount):
        raise values.ValueProblem(problem)
    return amount


class Cells:
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

    def blank(self, key: str) -> bool:
        return values.text(self.raw(key)) is None

    def get(self, key: str, parse: Callable[[object], T], required: bool = False) -> T | None:
        if self.blank(key):
            if required:
                self.problems.append(Problem(self.place(key), "leer, ein Wert wird gebraucht"))
            return None
        try:
            return parse(self.raw(key))
        except values.ValueProblem as exc:
            self.problems.append(Problem(self.place(key), str(exc)))
            return None

    def text(self, key: str, required: bool = False, limit: int = limits.MAX_ID) -> str | None:
        value = values.text(self.raw(key))
        if value is None:
            if required:
                self.problems.append(Problem(self.place(key), "leer, ein Wert wird gebraucht"))
            return None
        if problem := limits.text_problem(value, limit):
            self.problems.append(Problem(self.place(key), problem))
            return None
        return value

    def flag(self, key: str) -> bool | None:
        return self.get(key, values.flag)

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.place(key), message))


def _read(
    file: Path,
    fields: tuple[Field, ...],
    build: Callable[[Cells], T | None],
    key: Callable[[T], str],
    saved: Mapping[str, str] | None,
    sheet: str | None,
) -> ReadResult[T]:
    with no_cycle_collection():
        table = open_table(file, sheet)
        columns = resolve_columns(table, fields, saved)
        records: list[T] = []
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        rows = 0
        for number, row in table.rows:
            rows += 1
            cells = Cells(table, columns, number, row)
            record = build(cells)
            if record is not None and key(record) in seen:
                cells.problem(
                    "id", f"Die Kennung {key(record)} steht schon in Zeile {seen[key(record)]}."
                )
            if cells.problems or record is None:
                problems.extend(cells.problems)
                continue
            seen[key(record)] = number
            records.append(record)
        return ReadResult(tuple(records), rows, tuple(problems), columns)


def _flow(cells: Cells) -> FlowEvent | None:
    event_id = cells.text("id", required=True)
    person = cells.text("person", required=True)
    measure = cells.text("massnahme", required=True)
    kind = cells.get("art", _choice(FLOW_WORDS, "keine Ereignisart"), required=True)
    day = cells.get("datum", values.day, required=True)
    reason = cells.get("grund", _choice(REASON_WORDS, "kein Austrittsgrund"))
    if kind is FlowKind.EXIT and reason is None and not cells.problems:
        cells.problem("grund", "Ein Austritt braucht einen Grund (regulär, Abbruch, Integration).")
    if kind is not None and kind is not FlowKind.EXIT and reason is not None:
        cells.problem("grund", "Nur ein Austritt hat einen Austrittsgrund.")
    contract = cells.text("vertrag")
    flags = {k: cells.flag(k) for k in ("frau", "lzb", "u25", "svb", "synthetisch")}
    if cells.problems:
        return None
    assert event_id
    assert person
    assert measure
    assert kind
    assert day
    return FlowEvent(
        event_id,
        person,
        measure,
        kind,
        day,
        reason if kind is FlowKind.EXIT else None,
        contract,
        flags["frau"],
        flags["lzb"],
        flags["u25"],
        flags["svb"],
        bool(flags["synthetisch"]),
    )


def _contract(cells: Cells) -> Contract | None:
    contract_id = cells.text("id", required=True)
    measure = cells.text("massnahme", required=True)
    name = cells.text("name", limit=limits.MAX_NAME)
    lot = cells.text("los")
    provider = cells.text("traeger", limit=limits.MAX_NAME)
    sites = cells.text("standorte", limit=MAX_SITES)
    start = cells.get("beginn", values.day, required=True)
    end = cells.get("ende", values.day, required=True)
    places = cells.get("plaetze", _count)
    price = cells.get("preis", _price, required=True)
    basis = cells.get("basis", _choice(BASIS_WORDS, "keine Preisbasis")) or PriceBasis.MONTH
    hours = cells.get("stunden", _count)
    line = cells.text("zeile")
    awarded = cells.get("vergeben", values.day)
    options = []
    for n in range(1, OPTION_COUNT + 1):
        o_end = cells.get(f"option{n}_ende", values.day)
        o_by = cells.get(f"option{n}_frist", values.day)
        drawn = cells.flag(f"option{n}_gezogen")
        if (o_end is None) != (o_by is None):
            cells.problem(
                f"option{n}_ende" if o_end is None else f"option{n}_frist",
                f"Option {n} braucht beides: das Ende und das Datum, bis zu dem sie zu ziehen ist.",
            )
        elif o_end is not None and o_by is not None:
            if end is not None and o_end <= end:
                cells.problem(f"option{n}_ende", f"Option {n} endet nicht nach dem Vertragsende.")
            options.append(ContractOption(o_end, o_by, bool(drawn)))
    if start is not None and end is not None and end < start:
        cells.problem("ende", "Das Vertragsende liegt vor dem Beginn.")
    if basis is PriceBasis.HOUR and hours is None and not cells.blank("basis"):
        cells.problem("stunden", "Ein Stundenkontingent braucht die Stunden je Monat.")
    if cells.problems:
        return None
    assert contract_id
    assert measure
    assert start
    assert end
    assert price is not None
    return Contract(
        contract_id,
        measure,
        start,
        end,
        price,
        basis,
        places,
        hours,
        lot,
        provider,
        tuple(s.strip() for s in (sites or "").split(";") if s.strip()),
        tuple(options),
        line,
        awarded,
        name,
    )


def _voucher(cells: Cells) -> Voucher | None:
    voucher_id = cells.text("id", required=True)
    person = cells.text("person", required=True)
    kind = cells.get("art", _choice(VOUCHER_WORDS, "keine Gutscheinart"), required=True)
    goal = cells.text("ziel", required=True)
    issued = cells.get("ausgabe", values.day, required=True)
    redeemed = cells.get("einloesung", values.day)
    valid = cells.get("gueltig", values.day)
    synthetic = cells.flag("synthetisch")
    if issued is not None and redeemed is not None and redeemed < issued:
        cells.problem("einloesung", "Eingelöst vor der Ausgabe.")
    if cells.problems:
        return None
    assert voucher_id
    assert person
    assert kind
    assert goal
    assert issued
    return Voucher(voucher_id, person, kind, goal, issued, redeemed, valid, bool(synthetic))


def _event_id(e: FlowEvent) -> str:
    return e.id


def _contract_id(c: Contract) -> str:
    return c.id


def _voucher_id(v: Voucher) -> str:
    return v.id


def read_flows(
    file: Path, saved: Mapping[str, str] | None = None, sheet: str | None = None
) -> ReadResult[FlowEvent]:
    return _read(file, FLOW_FIELDS, _flow, _event_id, saved, sheet)


def read_contracts(
    file: Path, saved: Mapping[str, str] | None = None, sheet: str | None = None
) -> ReadResult[Contract]:
    return _read(file, CONTRACT_FIELDS, _contract, _contract_id, saved, sheet)


def read_vouchers(
    file: Path, saved: Mapping[str, str] | None = None, sheet: str | None = None
) -> ReadResult[Voucher]:
    return _read(file, VOUCHER_FIELDS, _voucher, _voucher_id, saved, sheet)
