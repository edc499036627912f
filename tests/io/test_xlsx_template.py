"""The blank template: another Jobcenter fills it with its own structure, no code changed.

The plan in tests/data/teilbudgets-2025 is structured unlike the example: seven
Teilbudgets instead of instrument groups, amounts of the plan year only, no places. Here a
"planner" fills the blank template cell by cell; import, check and export must work on it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from amp.cli import app
from amp.core.checks import check_plan
from amp.core.plan import Plan
from amp.io.plan_dir import load_plan
from amp.io.xlsx.export import export_xlsx
from amp.io.xlsx.importer import import_xlsx
from amp.rules.legal_facts import legal_facts

TEILBUDGETS = Path(__file__).parents[1] / "data" / "teilbudgets-2025"
runner = CliRunner()


def fill_template(template: Path, plan: Plan) -> None:
    """What a planner types into the blank workbook, row by row."""
    book = load_workbook(template)
    stamm = book["Stammdaten"]
    assert (stamm["B5"].value, stamm["B8"].value) == ("Jobcenter Musterstadt", 2025)
    stamm["B6"] = "gE"
    stamm["B9"] = date(2024, 11, 15)
    instruments = book["Instrumente"]
    for row, inst in enumerate(plan.instruments, start=4):
        instruments.cell(row, 1, inst.id)
        instruments.cell(row, 2, inst.name)
        instruments.cell(row, 3, inst.legal_basis)
    budget = book["Finanzplanung"]
    assert budget["A4"].value == "Gesamt"
    budget.delete_rows(4)
    row = 4
    for group in plan.budget.groups:
        for column, value in enumerate(["Gruppe", group.id, group.name], start=1):
            budget.cell(row, column, value)
        row += 1
        for line in group.lines:
            values = ["Zeile", line.id, line.name, line.instrument, line.target_group]
            for column, value in enumerate(values, start=1):
                budget.cell(row, column, value)
            budget.cell(row, 9, float(line.amounts.plan or 0))  # Excel keeps numbers as floats
            row += 1
    groups = book["Zielgruppen"]
    assert plan.target_groups is not None
    groups.insert_rows(4, len(plan.target_groups.groups))
    for row, group in enumerate(plan.target_groups.groups, start=4):
        for column, value in enumerate(["Zielgruppe", group.id, group.name], start=1):
            groups.cell(row, column, value)
    book.save(template)


def test_a_filled_template_imports_checks_and_exports(tmp_path: Path) -> None:
    expected = load_plan(TEILBUDGETS).plan
    template = tmp_path / "vorlage.xlsx"
    command = ["template", "--year", "2025", "--jobcenter", "Jobcenter Musterstadt"]
    result = runner.invoke(app, [*command, "--output", str(template)])
    assert result.exit_code == 0, result.output
    fill_template(template, expected)

    imported = import_xlsx(template)
    assert imported.plan == expected
    assert imported.notes == []
    assert check_plan(imported.plan, legal_facts(2025)) == []
    assert len(imported.plan.budget.groups) == 7

    exported = tmp_path / "bericht.xlsx"
    export_xlsx(imported.plan, exported)
    assert import_xlsx(exported).plan == expected


def test_the_template_is_blank_but_complete(tmp_path: Path) -> None:
    template = tmp_path / "vorlage.xlsx"
    runner.invoke(
        app, ["template", "--year", "2026", "--jobcenter", "JC X", "--output", str(template)]
    )
    book = load_workbook(template)
    assert book.sheetnames == ["Stammdaten", "Instrumente", "Finanzplanung", "Zielgruppen"]
    assert book["Finanzplanung"]["A1"].value == "Finanzplanung Eingliederungsmittel 2026"
    assert book["Finanzplanung"].max_row == 4  # the header and the Gesamt row, nothing else
    # a blank template is not yet a plan: the missing pieces are named by cell
    result = runner.invoke(app, ["import-xlsx", str(template), "--output", str(tmp_path / "p")])
    assert result.exit_code == 2
    assert "Stammdaten!B6: Pflichtangabe fehlt" in result.output
    assert not (tmp_path / "p").exists()
