"""Reading cells of an amp workbook: values, numbers, flags and formulas, each problem
named with sheet and cell; shared by the sheet readers of the import."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from amp.core import limits
from amp.core.findings import ModelPath
from amp.core.formatting import fixed, money
from amp.core.money import round_half_up
from amp.core.problems import Problem
from amp.io.xlsx.cells import cell_problem
from amp.io.xlsx.layout import (
    FIRST_ROW,
    HEADER_ROW,
    YES,
    col,
)

CENT = Decimal("0.01")
_NO = {"nein", "n", "no", "false", "falsch", "0", ""}
_YES = {YES, "j", "x", "yes", "true", "wahr", "1"}


class CellReader:
    """Reads cells, collecting problems and notes, and remembers which cell fed which value."""

    def __init__(self, formulas: Workbook, values: Workbook) -> None:
        self.formulas = formulas
        self.values = values
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.cells: dict[ModelPath, tuple[str, str]] = {}

    # --- cells -------------------------------------------------------------------------

    def _problem(self, sheet: Worksheet, row: int, column: int, message: str) -> None:
        self.problems.append(cell_problem(sheet.title, f"{col(column)}{row}", message))

    def _raw(self, sheet: Worksheet, row: int, column: int, path: ModelPath | None) -> Any:
        """The cell's value; a formula's stored result; None for an empty cell."""
        if path is not None:
            self.cells[path] = (sheet.title, f"{col(column)}{row}")
        cell = sheet.cell(row, column)
        value = cell.value
        if cell.data_type == "f":
            stored = self.values[sheet.title].cell(row, column).value
            if stored is None:
                self._problem(
                    sheet,
                    row,
                    column,
                    f"Formel {value} ohne gespeichertes Ergebnis (Datei in Excel speichern "
                    "oder einen Wert eintragen)",
                )
                return None
            return stored
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, sheet: Worksheet, row: int, column: int, path: ModelPath | None = None) -> Any:
        value = self._raw(sheet, row, column, path)
        if value is None:
            return None
        if isinstance(value, datetime | date):
            return value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    def key(self, sheet: Worksheet, row: int, column: int, path: ModelPath | None = None) -> Any:
        """An id or a keyword: like `text`, without surrounding spaces."""
        value = self.text(sheet, row, column, path)
        return value.strip() if isinstance(value, str) else value

    def number(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        path: ModelPath | None,
        kind: str = "money",
        base: Any = None,
    ) -> Any:
        """A money amount (to the cent), an integer count or a decimal; None when empty."""
        value = self._raw(sheet, row, column, path)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            shown = value.isoformat() if isinstance(value, datetime | date) else str(value)
            self._problem(sheet, row, column, f"Text statt Zahl ('{shown}')")
            return None
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            self._problem(sheet, row, column, "keine endliche Zahl")
            return None
        beyond = limits.number_problem(number)  # amp.core.limits: 12 digits before the comma
        if beyond is None and kind == "int" and number == number.to_integral_value():
            beyond = limits.count_problem(int(number))
        if beyond:
            self._problem(sheet, row, column, f"{beyond} ({value})")
            return None
        if kind == "int":
            if number != number.to_integral_value():
                self._problem(sheet, row, column, f"keine ganze Zahl ({_german(number)})")
                return None
            return int(number)
        if kind == "money":
            if round_half_up(number, 2) != number:
                self._problem(
                    sheet,
                    row,
                    column,
                    f"mehr als zwei Nachkommastellen ({_german(number)}); Cent angeben",
                )
                return None
            number = number.quantize(CENT)
        if base is not None and not isinstance(base, bool) and Decimal(base) == number:
            return base  # keep the written form (e.g. the printed precision 18.60)
        return number

    def flag(self, sheet: Worksheet, row: int, column: int, path: ModelPath) -> bool:
        value = self._raw(sheet, row, column, path)
        if value is None or value is False:
            return False
        if value is True:
            return True
        text = str(value).strip().lower()
        if text in _YES:
            return True
        if text not in _NO:
            self._problem(sheet, row, column, f"„ja“ oder leer erwartet ('{value}')")
        return False

    # --- sheets ------------------------------------------------------------------------

    def sheet(self, name: str, headers: tuple[str, ...] | None, required: bool) -> Worksheet | None:
        if name not in self.formulas.sheetnames:
            if required:
                self.problems.append(cell_problem(name, None, "das Blatt fehlt"))
            return None
        sheet = self.formulas[name]
        for index, header in enumerate(headers or (), start=1):
            found = sheet.cell(HEADER_ROW, index).value
            if str(found or "").strip() != header:
                shown = f" (gefunden: '{found}')" if found not in (None, "") else ""
                self._problem(
                    sheet, HEADER_ROW, index, f"die Spaltenüberschrift „{header}“ fehlt{shown}"
                )
                return None
        return sheet

    def rows(self, sheet: Worksheet, width: int) -> list[int]:
        """The data rows that hold anything."""
        return [
            row
            for row in range(FIRST_ROW, sheet.max_row + 1)
            if any(
                sheet.cell(row, c).value not in (None, "")
                and not str(sheet.cell(row, c).value).isspace()
                for c in range(1, width + 1)
            )
        ]

    def title(self, sheet: Worksheet, path: ModelPath) -> Any:
        return self.text(sheet, 1, 1, path)

    def _compare_formula(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        expected: str,
        covers: str,
        computed: Decimal,
    ) -> None:
        where = sheet.title, f"{col(column)}{row}"
        found = sheet.cell(row, column).value
        shown = money(computed)
        if found is None or (isinstance(found, str) and not found.strip()):
            return  # an empty total cell: amp sums the rows, nothing to report
        if not (isinstance(found, str) and found.startswith("=")):
            typed = _decimal(found)
            if typed is not None and typed == computed:
                return  # the sum typed in by hand is right
            was = money(typed) if typed is not None else f"„{found}“"
            message = (
                f"hier steht {was} statt einer Summenformel; amp rechnet mit der Summe "
                f"der Zeilen ({shown})"
            )
            self.notes.append(cell_problem(*where, message))
            return
        if normal(found) != normal(expected):
            message = (
                f"die Summenformel {found} erfasst nicht {covers} (erwartet {expected}); "
                f"amp rechnet mit den Zeilenwerten ({shown})"
            )
            self.notes.append(cell_problem(*where, message))
        stored = self.values[sheet.title].cell(row, column).value
        is_number = isinstance(stored, int | float) and not isinstance(stored, bool)
        if is_number and round_half_up(Decimal(repr(stored)), 2) != computed:
            message = (
                f"Excel zeigt {money(Decimal(repr(stored)))}, die Zeilen ergeben {shown}; "
                "amp übernimmt die Zeilenwerte"
            )
            self.notes.append(cell_problem(*where, message))


def _german(number: Decimal) -> str:
    """A number with all its decimals, German: 1234.567 → 1.234,567."""
    places = max(0, -int(number.as_tuple().exponent))
    return fixed(number, places)


def _decimal(value: Any) -> Decimal | None:
    """A cell's number as Decimal (to the cent); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return round_half_up(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), 2)


def compact(entry: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty cells and unset flags, as a hand-written plan file would."""
    return {k: v for k, v in entry.items() if v is not None and v is not False}


def slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower().translate(table)).strip("_")
    return slug[:40] or "zeile"


def unique(ident: str, used: set[str]) -> str:
    candidate, n = ident, 2
    while candidate in used:
        candidate, n = f"{ident}_{n}", n + 1
    return candidate


def normal(formula: str) -> str:
    return formula.replace("$", "").replace(" ", "").upper()
