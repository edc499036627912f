"""Target agreements (§ 48b SGB II) from a CSV or XLSX file: read with every problem at its
row and column, compared with what is stored (preview), applied only as a whole.

Columns (German headers, case and order free; separator ; , or tab):

    Jobcenter;Jahr;Kennzahl;Zielwert;Anmerkung
    jc-en;2024;K2;24,5;Ziel aus der Zielvereinbarung mit dem MAGS

`Kennzahl` is an indicator id of amp.core.agreements (K2, K3, K2.frauen, …); `Zielwert` a
percentage with at most one decimal ("24,5", "-3,0 %"). A file with any problem yields
nothing. Importing the same file twice changes nothing the second time (the preview says
"unverändert" for every row)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from amp.core.agreements import INDICATORS, Agreement
from amp.core.agreements.model import MAX_YEAR, MIN_YEAR
from amp.core.limits import MAX_TEXT, decimals, text_problem, typed_number_problem
from amp.core.problems import InputProblems, Place, Problem
from amp.io.ledger.tables import open_table

MAX_ROWS = 5000  # agreements in one file: 400 Jobcenters × 8 indicators × a year fits
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TARGET = Decimal(1000)  # a percentage or a change in %; anything beyond is a typo

COLUMNS: dict[str, tuple[str, ...]] = {  # key → canonical header, aliases
    "jobcenter": ("Jobcenter", "Kennung", "JC"),
    "jahr": ("Jahr", "Zieljahr"),
    "kennzahl": ("Kennzahl", "Indikator", "Zielindikator"),
    "zielwert": ("Zielwert", "Ziel", "Zielwert in %"),
    "anmerkung": ("Anmerkung", "Bemerkung"),
}
REQUIRED = ("jobcenter", "jahr", "kennzahl", "zielwert")
_NUMBER = re.compile(r"^[+-]?\d{1,4}(?:[.,]\d+)?$")

Key = tuple[str, int, str]  # Jobcenter, year, indicator


@dataclass(frozen=True, slots=True)
class Row:
    row: int
    agreement: Agreement
    state: str  # "neu", "geändert", "unverändert"
    old_target: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Preview:
    file: str
    rows: tuple[Row, ...]

    def count(self, state: str) -> int:
        return sum(1 for r in self.rows if r.state == state)

    @property
    def changes(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.state != "unverändert")


def target_value(text: str) -> Decimal:
    """ "24,5", "24.5", "-3,0 %", "+1" → Decimal; ValueError with a German reason."""
    raw = text.strip().removesuffix("%").strip().replace("\u2212", "-")
    if not raw:
        raise ValueError("leer, ein Zielwert wird gebraucht")
    refusal = typed_number_problem(raw)
    if refusal:
        raise ValueError(refusal)
    if not _NUMBER.match(raw):
        raise ValueError(f"„{text.strip()}“ ist keine Zahl (z. B. 24,5 oder -3,0)")
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits numbers only
        raise ValueError("keine Zahl") from None
    if decimals(value) > 1:
        raise ValueError("höchstens eine Nachkommastelle (wie die Kennzahlen)")
    if abs(value) > MAX_TARGET:
        raise ValueError(f"außerhalb von −{MAX_TARGET} bis {MAX_TARGET}")
    return value.quantize(Decimal("0.1"))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def read_agreements(file: Path, jobcenters: Collection[str] | None = None) -> list[Agreement]:
    """Every agreement of the file, or InputProblems with all problems at once. With
    `jobcenters`, a Kennung not among them is a problem too."""
    return [agreement for _row, agreement in read_rows(file, jobcenters)]


def read_rows(file: Path, jobcenters: Collection[str] | None = None) -> list[tuple[int, Agreement]]:
    """The agreements with their row numbers in the file (the header is row 1)."""
    name = file.name
    if file.is_file() and file.stat().st_size > MAX_FILE_BYTES:
        raise InputProblems(
            [Problem(Place(file=name), f"Die Datei ist größer als {MAX_FILE_BYTES // 1024} KB.")]
        )
    table = open_table(file)
    wanted = {alias.casefold(): key for key, names in COLUMNS.items() for alias in names}
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    for index, header in enumerate(table.headers):
        key = wanted.get(header.casefold())
        if key is None:
            problems.append(
                Problem(
                    Place(file=name, row=1, column=header or f"Spalte {index + 1}"),
                    "unbekannte Spalte; erwartet: " + ", ".join(n[0] for n in COLUMNS.values()),
                )
            )
        elif key in positions:
            problems.append(Problem(Place(file=name, row=1, column=header), "doppelte Spalte"))
        else:
            positions[key] = index
    for key in REQUIRED:
        if key not in positions:
            problems.append(
                Problem(Place(file=name, row=1, column=COLUMNS[key][0]), "Pflichtspalte fehlt")
            )
    if problems:
        raise InputProblems(problems)
    out: list[tuple[int, Agreement]] = []
    seen: dict[Key, int] = {}
    for number, cells in table.rows:
        if len(out) + len(problems) >= MAX_ROWS:
            problems.append(Problem(Place(file=name, row=number), f"mehr als {MAX_ROWS} Zeilen"))
            break

        def get(key: str, cells: object = cells) -> str:
            index = positions.get(key)
            row = list(cells)  # type: ignore[call-overload]
            return _cell(row[index]) if index is not None and index < len(row) else ""

        def problem(key: str, message: str, number: int = number) -> None:
            problems.append(Problem(Place(file=name, row=number, column=COLUMNS[key][0]), message))

        before = len(problems)
        code = get("jobcenter")
        if not code:
            problem("jobcenter", "leer, die Kennung des Jobcenters wird gebraucht")
        elif jobcenters is not None and code not in jobcenters:
            problem("jobcenter", f"das Jobcenter „{code}“ gibt es hier nicht")
        year_text = get("jahr").removesuffix(".0")
        year = 0
        if not year_text.isascii() or not year_text.isdigit():
            problem("jahr", f"„{year_text}“ ist keine Jahreszahl")
        else:
            year = int(year_text)
            if not MIN_YEAR <= year <= MAX_YEAR:
                problem("jahr", f"{year} liegt außerhalb {MIN_YEAR}–{MAX_YEAR}")
        kind = get("kennzahl")
        if kind not in INDICATORS:
            problem("kennzahl", f"unbekannte Kennzahl „{kind}“ (möglich: {', '.join(INDICATORS)})")
        target = Decimal(0)
        try:
            target = target_value(get("zielwert"))
        except ValueError as exc:
            problem("zielwert", str(exc))
        note = get("anmerkung")
        refusal = text_problem(note, MAX_TEXT)
        if refusal:
            problem("anmerkung", refusal)
        if len(problems) > before:
            continue
        ident = (code, year, kind)
        if ident in seen:
            problems.append(
                Problem(
                    Place(file=name, row=number),
                    f"dasselbe Ziel (Jobcenter, Jahr, Kennzahl) steht schon in Zeile {seen[ident]}",
                )
            )
            continue
        seen[ident] = number
        out.append((number, Agreement(code, year, kind, target, note)))
    if problems:
        raise InputProblems(problems)
    if not out:
        raise InputProblems([Problem(Place(file=name), "Die Datei enthält keine Ziele.")])
    return out


def preview(
    file: Path,
    stored: Mapping[Key, tuple[Decimal, str]],
    jobcenters: Collection[str] | None = None,
) -> Preview:
    """What importing the file would do against the stored agreements (key → target, note);
    nothing is written."""
    rows: list[Row] = []
    for number, agreement in read_rows(file, jobcenters):
        key = (agreement.jobcenter, agreement.year, agreement.indicator)
        old = stored.get(key)
        if old is None:
            rows.append(Row(number, agreement, "neu"))
        elif old == (agreement.target, agreement.note):
            rows.append(Row(number, agreement, "unverändert", old[0]))
        else:
            rows.append(Row(number, agreement, "geändert", old[0]))
    return Preview(file.name, tuple(rows))
