"""Rows of a CSV or XLSX export, with their 1-based row numbers (the header is row 1)."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from amp.core.problems import InputProblems, Place, Problem
from amp.io.xlsx.preflight import MB, Limits, check_workbook

Row = tuple[int, Sequence[object]]  # row number, cells in the order of the headers


@dataclass(frozen=True, slots=True)
class Table:
    file: Path
    headers: tuple[str, ...]
    rows: Iterator[Row]
    sheet: str | None = None


def _problem(file: Path, message: str) -> InputProblems:
    return InputProblems([Problem(Place(file=str(file)), message)])


def open_table(file: Path, sheet: str | None = None) -> Table:
    """Opens a .csv (separator ; , or tab, UTF-8 or Windows-1252) or .xlsx file."""
    suffix = file.suffix.lower()
    if not file.is_file():
        raise _problem(file, "Die Datei gibt es nicht.")
    if suffix == ".xlsx":
        return _xlsx(file, sheet)
    if suffix in {".csv", ".txt"}:
        return _csv(file)
    raise _problem(file, "Nur .csv- und .xlsx-Dateien können eingelesen werden.")


def _encoding(file: Path) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes so, else Windows-1252; checked
    in chunks so that a large export is never held in memory at once."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with file.open("rb") as raw:
        try:
            while chunk := raw.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _csv(file: Path) -> Table:
    encoding = _encoding(file)
    with file.open(encoding=encoding, newline="") as handle:
        first = handle.readline()
    if not first.strip():
        raise _problem(file, "Die Datei ist leer.")
    delimiter = max((";", ",", "\t"), key=first.count)
    headers = tuple(h.strip() for h in next(csv.reader([first], delimiter=delimiter)))

    def rows() -> Iterator[Row]:
        with file.open(encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            next(reader, None)
            for values in reader:
                if not "".join(values).strip():
                    continue
                yield reader.line_num, values

    return Table(file, headers, rows())


# A finance system's export is far larger than a plan workbook: up to Excel's own
# 1.048.576 rows of a dozen columns. The sizes bound what openpyxl ever sees; the ratio
# check (packed : unpacked as Excel packs real tables) stops decompression bombs at once,
# before any XML is parsed, and the shared strings are bounded because openpyxl holds
# them in memory.
LEDGER_LIMITS = Limits(
    parts=500,
    part_bytes=1024 * MB,  # a sheet of 1 M bookings: about 400 MB of XML
    total_bytes=1536 * MB,
    ratio=100,
    ratio_from=1 * MB,
    rows=1_048_576,  # Excel's own limit
    cells=1_048_576 * 16,
    text=32_767,
    strings=4_000_000,  # booking ids, texts, accounts, measures: up to four per booking
    reason="mehr fasst auch Excel nicht; größere Exporte bitte als CSV einlesen",
)


def _xlsx(file: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    check_workbook(file, file.name, LEDGER_LIMITS)
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise _problem(file, f"Die Arbeitsmappe kann nicht gelesen werden ({exc}).") from None
    if sheet is not None and sheet not in book.sheetnames:
        raise _problem(file, f"Das Blatt „{sheet}“ gibt es nicht.")
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    values = ws.iter_rows(values_only=True)
    try:
        headers = tuple("" if h is None else str(h).strip() for h in next(values))
    except StopIteration:
        raise _problem(file, "Das Blatt ist leer.") from None

    def rows() -> Iterator[Row]:
        for number, cells in enumerate(values, start=2):
            if all(c is None or str(c).strip() == "" for c in cells):
                continue
            yield number, cells

    return Table(file, headers, rows(), ws.title)
