"""Rows of a CSV or XLSX export, with their 1-based row numbers (the header is row 1)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from amp.core.problems import InputProblems, Place, Problem

Row = tuple[int, dict[str, object]]


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


def _csv(file: Path) -> Table:
    raw = file.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("cp1252")
    first = content.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(content.splitlines(), delimiter=delimiter)
    try:
        headers = tuple(h.strip() for h in next(reader))
    except StopIteration:
        raise _problem(file, "Die Datei ist leer.") from None

    def rows() -> Iterator[Row]:
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            yield number, dict(zip(headers, values, strict=False))

    return Table(file, headers, rows())


def _xlsx(file: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook

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
            yield number, dict(zip(headers, cells, strict=False))

    return Table(file, headers, rows(), ws.title)
