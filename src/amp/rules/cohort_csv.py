"""Read a cohort of § 16i jobs from CSV; errors name the row and column in German.

Lines starting with `#` are comments; row numbers count every line of the file.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from amp.core import limits
from amp.rules.calculators.wage_subsidy import Household
from amp.rules.commitments import CohortJob

COLUMNS = ("id", "start", "approved_until", "hours_per_week", "household", "hourly_wage", "status")
STATUS = {"bewilligt": False, "geplant": True}


class CohortError(Exception):
    pass


class _Row:
    def __init__(self, file: Path, number: int, cells: dict[str, str]) -> None:
        self.file, self.number, self.cells = file, number, cells

    def text(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def error(self, column: str, problem: str) -> CohortError:
        return CohortError(f"{self.file}: Zeile {self.number}, Spalte „{column}“: {problem}")

    def day(self, column: str) -> date:
        try:
            return date.fromisoformat(self.text(column))
        except ValueError:
            raise self.error(column, f"'{self.text(column)}' ist kein Datum (JJJJ-MM-TT)") from None

    def positive(self, column: str) -> Decimal:
        refused = limits.typed_number_problem(self.text(column))
        if refused:
            raise self.error(column, refused)
        try:
            value = Decimal(self.text(column).replace(",", "."))
        except InvalidOperation:
            value = Decimal(0)
        if not value.is_finite() or value <= 0:
            raise self.error(column, f"'{self.text(column)}' ist keine positive Zahl")
        beyond = limits.number_problem(value)
        if beyond:
            raise self.error(column, f"'{self.text(column)}': {beyond}")
        return value

    def household(self) -> Household:
        try:
            return Household(self.text("household"))
        except ValueError:
            allowed = ", ".join(h.value for h in Household)
            raise self.error(
                "household", f"'{self.text('household')}' – erlaubt: {allowed}"
            ) from None

    def planned(self) -> bool:
        if self.text("status") not in STATUS:
            raise self.error("status", f"'{self.text('status')}' – erlaubt: bewilligt, geplant")
        return STATUS[self.text("status")]


def read_cohort(file: Path) -> list[CohortJob]:
    if not file.is_file():
        raise CohortError(f"{file}: Datei nicht gefunden")
    numbered = [
        (n, line)
        for n, line in enumerate(file.read_text("utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        raise CohortError(f"{file}: keine Kopfzeile")
    reader = csv.reader(line for _, line in numbered)
    header = next(reader)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CohortError(f"{file}: Spalten fehlen: {', '.join(missing)}")
    jobs: list[CohortJob] = []
    for (number, _), cells in zip(numbered[1:], reader, strict=True):
        row = _Row(file, number, dict(zip(header, cells, strict=False)))
        start, until = row.day("start"), row.day("approved_until")
        if until < start:
            raise row.error("approved_until", "liegt vor dem Beginn")
        wage = row.positive("hourly_wage") if row.text("hourly_wage") else None
        jobs.append(
            CohortJob(
                row.text("id"),
                start,
                until,
                row.positive("hours_per_week"),
                row.household(),
                wage,
                row.planned(),
            )
        )
    return jobs
