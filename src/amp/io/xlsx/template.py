"""The blank template: an empty workbook that any Jobcenter fills with its own plan.

It has the sheets the import needs to make a plan (Stammdaten, Instrumente,
Finanzplanung, Zielgruppen, Mittelausstattung) and nothing of another Jobcenter's
structure: groups, instruments, target groups and funding rows are the Jobcenter's own
data. Totals stand on top of their sheet and sum every row below, so rows a planner adds
are counted without touching a formula.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from amp.io.xlsx.export import (
    budget_sheet,
    funding_template_sheet,
    instruments_sheet,
    save_workbook,
    stammdaten_sheet,
    target_groups_sheet,
)
from amp.io.xlsx.layout import FINANZPLANUNG, INSTRUMENTE, MITTEL, STAMMDATEN, ZIELGRUPPEN


def blank_workbook(year: int, jobcenter: str) -> Workbook:
    """An empty workbook for any Jobcenter: its own groups, instruments and target groups."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = STAMMDATEN
    stammdaten_sheet(first, None, year, jobcenter)
    instruments_sheet(book.create_sheet(INSTRUMENTE), None)
    finanz = book.create_sheet(FINANZPLANUNG)
    budget_sheet(finanz, None, f"Finanzplanung Eingliederungsmittel {year}")
    target_groups_sheet(book.create_sheet(ZIELGRUPPEN), None, finanz)
    funding_template_sheet(book.create_sheet(MITTEL), year)
    book.properties.title = f"{jobcenter} – Arbeitsmarktprogramm {year} (Vorlage)"
    book.properties.creator = "amp"
    return book


def write_template(year: int, jobcenter: str, target: Path) -> None:
    save_workbook(blank_workbook(year, jobcenter), target)
