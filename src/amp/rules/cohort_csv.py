"""Read a cohort of § 16i jobs from CSV; problems name the row and column in German.

Lines starting with `#` are comments; row numbers count every line of the file. Every
problem of every row is reported at once (`CohortError` carries them all).
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from amp.core import limits
from amp.core.formatting import AmountInputError, parse_day
from amp.core.problems import InputProblems, Place, Problem
from amp.rules.calculators.wage_subsidy import Household
from amp.rules.commitments import CohortJob

COLUMNS = ("id", "start", "approved_until", "hours_per_week", "household", "hourly_wage", "status")
STATUS = {"bewilligt": False, "geplant": True}


class CohortError(InputProblems):
    """The cohort file cannot be read; carries every problem found."""


class _Row:
    """One data row; a cell that cannot be read is noted in `problems` and reads as None."""

    def __init__(
        self, file: Path, number: int, cells: dict[str, str], problems: list[Problem]
    ) -> None:
        self.file, self.number, self.cells, self.problems = file, number, cells, problems

    def text(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def problem(self, column: str, message: str) -> None:
        place = Place(file=str(self.file), row=self.number, column=column)
        self.problems.append(Problem(place, message))

    def day(self, column: str) -> date | None:
        try:
            day = parse_day(self.text(column))
        except AmountInputError as exc:
            self.problem(column, f"'{self.text(column)}': {exc}")
            return None
        if day is None:
            self.problem(column, "leer: ein Datum wird gebraucht (JJJJ-MM-TT)")
        return day

    def positive(self, column: str) -> Decimal | None:
        refused = limits.typed_number_problem(self.text(column))
        if refused:
            self.problem(column, refused)
            return None
        try:
            value = Decimal(self.text(column).replace(",", "."))
        except InvalidOperation:
            value = Decimal(0)
        if not value.is_finite() or value <= 0:
            self.problem(column, f"'{self.text(column)}' ist keine positive Zahl")
            return None
        beyond = limits.number_problem(value)
        if beyond:
            self.problem(column, f"'{self.text(column)}': {beyond}")
            return None
        return value

    def household(self) -> Household | None:
        try:
            return Household(self.text("household"))
        except ValueError:
            allowed = ", ".join(h.value for h in Household)
            self.problem("household", f"'{self.text('household')}' – erlaubt: {allowed}")
            return None

    def planned(self) -> bool | None:
        if self.text("status") not in STATUS:
            self.problem("status", f"'{self.text('status')}' – erlaubt: bewilligt, geplant")
            return None
        return STATUS[self.text("status")]


def _file_error(file: Path, message: str) -> CohortError:
    return CohortError([Problem(Place(file=str(file)), message)])


def read_cohort(file: Path) -> list[CohortJob]:
    """The jobs of a cohort file; raises CohortError listing every problem of every row."""
    if not file.is_file():
        raise _file_error(file, "Datei nicht gefunden")
    numbered = [
        (n, line)
        for n, line in enumerate(file.read_text("utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        raise _file_error(file, "keine Kopfzeile")
    reader = csv.reader(line for _, line in numbered)
    header = next(reader)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise _file_error(file, f"Spalten fehlen: {', '.join(missing)}")
    jobs: list[CohortJob] = []
    problems: list[Problem] = []
    for (number, _), cells in zip(numbered[1:], reader, strict=True):
        row = _Row(file, number, dict(zip(header, cells, strict=False)), problems)
        start, until = row.day("start"), row.day("approved_until")
        if start is not None and until is not None and until < start:
            row.problem("approved_until", "liegt vor dem Beginn")
        wage = row.positive("hourly_wage") if row.text("hourly_wage") else None
        hours, household, planned = row.positive("hours_per_week"), row.household(), row.planned()
        if start and until and hours and household and planned is not None and until >= start:
            jobs.append(CohortJob(row.text("id"), start, until, hours, household, wage, planned))
    if problems:
        raise CohortError(problems)
    return jobs
