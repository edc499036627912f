"""The exported workbook in a real spreadsheet program: LibreOffice Calc recalculates it.

openpyxl writes formulas without results; only a spreadsheet program computes them. These
tests let LibreOffice (headless) recalculate and save the workbook, as a planner's Excel
would, and then hold the results against amp: every sum and share formula must give what
amp computes (the importer compares each stored formula result with its own sum and notes
every difference), and a changed amount must move its sums.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from amp.core.budget import Column
from amp.core.diff import diff_plans
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.io.xlsx.export import export_xlsx
from amp.io.xlsx.importer import import_xlsx
from amp.io.xlsx.layout import FINANZPLANUNG, MONEY_COL, B, col
from tests.support.system import unavailable

EXAMPLE = DEMO_PLAN


@pytest.fixture(scope="module")
def soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        unavailable("LibreOffice (soffice) ist nicht installiert")
    assert program is not None
    return program


def recalculated(soffice: str, workbook: Path, directory: Path) -> Path:
    """Open, recalculate and save `workbook` in LibreOffice Calc; return the saved copy."""
    out = directory / "libreoffice"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{directory / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out / workbook.name
    assert saved.is_file(), f"LibreOffice hat {saved} nicht geschrieben"
    return saved


def _formula_cells(workbook: Path) -> list[tuple[str, str]]:
    sheets = load_workbook(workbook)
    return [
        (sheet.title, cell.coordinate)
        for sheet in sheets.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    ]


def test_every_formula_computes_in_libreoffice_to_what_amp_computes(
    soffice: str, tmp_path: Path
) -> None:
    plan = load_plan(EXAMPLE).plan
    exported = tmp_path / "plan.xlsx"
    export_xlsx(plan, exported)
    saved = recalculated(soffice, exported, tmp_path)

    values = load_workbook(saved, data_only=True)
    formulas = _formula_cells(exported)
    assert len(formulas) > 100
    missing = [f"{s}!{c}" for s, c in formulas if values[s][c].value is None]
    assert missing == []

    result = import_xlsx(saved)
    assert result.notes == []  # no stored formula result differs from amp's own sums
    assert diff_plans(plan, result.plan) == []


def test_a_changed_amount_moves_its_sums_in_libreoffice_and_comes_back_as_one_change(
    soffice: str, tmp_path: Path
) -> None:
    plan = load_plan(EXAMPLE).plan
    exported = tmp_path / "plan.xlsx"
    export_xlsx(plan, exported)
    line = plan.budget.groups[0].lines[0]
    old = line.amounts.get(Column.PLAN)
    assert old is not None

    edited = load_workbook(exported)
    sheet = edited[FINANZPLANUNG]
    column = col(MONEY_COL[Column.PLAN])
    line_row = next(
        r for r in range(1, sheet.max_row + 1) if sheet.cell(r, B["ID"]).value == line.id
    )
    sheet[f"{column}{line_row}"] = float(old + 1000)
    changed = tmp_path / "changed.xlsx"
    edited.save(changed)

    before = load_workbook(recalculated(soffice, exported, tmp_path / "a"), data_only=True)
    after = load_workbook(recalculated(soffice, changed, tmp_path / "b"), data_only=True)
    moved = {
        cell.coordinate: after[FINANZPLANUNG][cell.coordinate].value - cell.value
        for row in before[FINANZPLANUNG].iter_rows()
        for cell in row
        if isinstance(cell.value, int | float)
        and after[FINANZPLANUNG][cell.coordinate].value != cell.value
    }
    money_moves = {k: round(v, 2) for k, v in moved.items() if k.startswith(column)}
    assert money_moves[f"{column}{line_row}"] == 1000
    assert len(money_moves) >= 3  # the line, its group's sum and the grand total at least
    assert set(money_moves.values()) == {1000}

    result = import_xlsx(recalculated(soffice, changed, tmp_path / "c"))
    assert result.notes == []
    changes = diff_plans(plan, result.plan)
    assert [(c.path[-4:], c.old, c.new) for c in changes] == [
        (("lines", line.id, "amounts", "plan"), old, old + 1000)
    ]
