"""A new Jobcenter's first plan: the blank template filled as a planner fills it.

Seven groups, amounts of the plan year only, no places (tests/data/teilbudgets-2025). The
planner types rows under the template's own Gesamt row and adds no total row of their
own; the plan total must still appear in `amp show`, the PDF, the overview and the plan
model, and the import must not complain about anything.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from amp import formatting
from amp.cli import app
from amp.core.budget import Column
from amp.core.plan import Plan
from amp.io.plan_dir import load_plan
from amp.io.xlsx.importer import import_xlsx
from amp.io.xlsx.layout import FIRST_ROW, MONEY_COL, B, T
from system import unavailable

TEILBUDGETS = Path(__file__).parents[1] / "data" / "teilbudgets-2025"
runner = CliRunner()
ZERO = re.compile(r"(?<![\d.])0,00 €")  # an amount of nothing, not the end of 500,00 €
NARROW = {"COLUMNS": "80", "LINES": "50"}


def blank_template(directory: Path) -> Path:
    template = directory / "vorlage.xlsx"
    command = ["template", "--year", "2025", "--jobcenter", "Jobcenter Musterstadt"]
    result = runner.invoke(app, [*command, "--output", str(template)])
    assert result.exit_code == 0, result.output
    return template


def fill(template: Path, plan: Plan) -> None:
    """Row by row into the blank workbook, below the template's own total rows."""
    book = load_workbook(template)
    stamm = book["Stammdaten"]
    stamm["B6"] = "gE"
    stamm["B9"] = date(2024, 11, 15)
    instruments = book["Instrumente"]
    for row, inst in enumerate(plan.instruments, start=FIRST_ROW):
        instruments.cell(row, 1, inst.id)
        instruments.cell(row, 2, inst.name)
        instruments.cell(row, 3, inst.legal_basis)
    budget = book["Finanzplanung"]
    assert budget.cell(FIRST_ROW, 1).value == "Gesamt"
    row = FIRST_ROW + 1  # the first empty row under "Gesamt"
    for group in plan.budget.groups:
        for column, value in enumerate(["Gruppe", group.id, group.name], start=1):
            budget.cell(row, column, value)
        row += 1
        for line in group.lines:
            values = ["Zeile", line.id, line.name, line.instrument, line.target_group]
            for column, value in enumerate(values, start=1):
                budget.cell(row, column, value)
            # Excel keeps numbers as floats
            budget.cell(row, MONEY_COL[Column.PLAN], float(line.amounts.plan or 0))
            row += 1
    groups = book["Zielgruppen"]
    assert plan.target_groups is not None
    assert groups.cell(FIRST_ROW, 1).value == "Summe"
    for row, target in enumerate(plan.target_groups.groups, start=FIRST_ROW + 1):
        for column, value in enumerate(["Zielgruppe", target.id, target.name], start=1):
            groups.cell(row, column, value)
    book.save(template)


@pytest.fixture(scope="module")
def expected() -> Plan:
    return load_plan(TEILBUDGETS).plan


def total_of(plan: Plan) -> str:
    planned = sum((line.amounts.plan or Decimal(0) for line in plan.budget.lines()), Decimal(0))
    assert planned == Decimal("6447500.49")
    return formatting.money(planned)


def test_seven_groups_from_the_blank_template_to_show_and_pdf(
    tmp_path: Path, expected: Plan
) -> None:
    template = blank_template(tmp_path)
    fill(template, expected)
    target = tmp_path / "plan"
    result = runner.invoke(app, ["import-xlsx", str(template), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "Hinweis" not in result.output
    assert import_xlsx(template).notes == []
    plan = load_plan(target).plan
    assert plan == expected
    assert plan.budget.computed_total().plan == Decimal("6447500.49")
    total = total_of(plan)

    shown = runner.invoke(app, ["show", str(target), "finanzplanung"], env=NARROW)
    assert shown.exit_code == 0, shown.output
    assert "Insgesamt" in shown.output
    assert total in shown.output
    assert "Teilbudget 1 – Jugend" in shown.output  # the row labels survive 80 columns
    assert max(len(line) for line in shown.output.splitlines()) <= 80
    # columns never filled stay out: no Vorjahr, no Hochrechnung, no 0,00 €
    assert "Vorjahr" not in shown.output
    assert not ZERO.search(shown.output)

    overview = runner.invoke(app, ["overview", str(target)], env=NARROW)
    assert overview.exit_code == 0, overview.output
    assert "Eingliederungsmittel geplant" in overview.output
    assert total in overview.output

    pdf = tmp_path / "plan.pdf"
    report = runner.invoke(app, ["report", str(target), "-f", "pdf", "-o", str(pdf)])
    assert report.exit_code == 0, report.output
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf.read_bytes())).pages)
    assert total in text
    assert "Insgesamt" in text
    assert not re.search(r"(?<![\d.])0,00 € →", text)  # no chart of growth from an empty Vorjahr
    assert "Keine Befunde" in text or "keine Befunde" in text


def test_the_template_total_in_a_spreadsheet_program(tmp_path: Path, expected: Plan) -> None:
    """LibreOffice recalculates the filled template: its Gesamt row holds the plan total,
    and the recalculated workbook still imports without a note."""
    from test_xlsx_libreoffice import recalculated

    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        unavailable("LibreOffice (soffice) ist nicht installiert")
    assert program is not None
    template = blank_template(tmp_path)
    fill(template, expected)
    saved = recalculated(program, template, tmp_path)
    values = load_workbook(saved, data_only=True)
    gesamt = values["Finanzplanung"].cell(FIRST_ROW, MONEY_COL[Column.PLAN]).value
    assert round(Decimal(repr(gesamt)), 2) == Decimal("6447500.49")
    assert values["Finanzplanung"].cell(FIRST_ROW, B["Planung Vorjahr"]).value == 0
    jung = values["Zielgruppen"].cell(FIRST_ROW + 1, T["Betrag"]).value
    summe = values["Zielgruppen"].cell(FIRST_ROW, T["Betrag"]).value
    assert jung is None or isinstance(jung, int | float)  # rows a planner adds hold no formula
    assert summe is not None
    result = import_xlsx(saved)
    assert result.notes == []
    assert result.plan.budget.computed_total().plan == Decimal("6447500.49")
