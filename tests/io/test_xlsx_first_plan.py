"""What a planner of another Jobcenter meets when filling the blank template: ids, notes,
dropdowns, the Mittelausstattung and the permissions of written files."""

from __future__ import annotations

import os
import stat
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from amp.core.budget import Amounts, Column
from amp.io.plan_dir import load_plan
from amp.io.plan_writer import write_plan
from amp.io.xlsx.cells import XlsxImportError
from amp.io.xlsx.export import export_xlsx
from amp.io.xlsx.importer import import_xlsx
from amp.io.xlsx.layout import FIRST_ROW, MONEY_COL, B
from amp.io.xlsx.template import write_template
from amp.reports.tables import budget_table, funding_table

PLAN = MONEY_COL[Column.PLAN]
Rows = list[tuple[Any, ...]]


def filled(tmp_path: Path, budget: Rows, legal_basis: str | None = "§ 45 SGB III") -> Path:
    """The blank template with one instrument, the given Finanzplanung rows under the
    template's Gesamt row (Art, ID, Bezeichnung, Planung) and one target group."""
    template = tmp_path / "vorlage.xlsx"
    write_template(2025, "Jobcenter Musterstadt", template)
    book = load_workbook(template)
    book["Stammdaten"]["B6"] = "gE"
    book["Stammdaten"]["B9"] = date(2024, 11, 15)
    for column, value in enumerate(("akt", "Aktivierung", legal_basis), start=1):
        book["Instrumente"].cell(FIRST_ROW, column, value)
    sheet = book["Finanzplanung"]
    for row, (kind, ident, name, amount) in enumerate(budget, start=FIRST_ROW + 1):
        for column, value in ((1, kind), (2, ident), (3, name), (PLAN, amount)):
            sheet.cell(row, column, value)
        if kind == "Zeile":
            sheet.cell(row, B["Instrument"], "akt")
            sheet.cell(row, B["Zielgruppe"], "alle")
    for column, value in enumerate(("Zielgruppe", "alle", "Alle"), start=1):
        book["Zielgruppen"].cell(FIRST_ROW + 1, column, value)
    book.save(template)
    return template


def messages(error: XlsxImportError) -> list[str]:
    return [str(p) for p in error.problems]


def test_a_group_id_is_derived_from_its_name_like_a_line_id(tmp_path: Path) -> None:
    rows: Rows = [("Gruppe", None, "Teilbudget 1 – Jugend", None), ("Zeile", None, "Coaching", 5)]
    plan = import_xlsx(filled(tmp_path, rows)).plan
    assert plan.budget.groups[0].id == "teilbudget_1_jugend"
    assert plan.budget.groups[0].lines[0].id == "coaching"


def test_an_id_with_a_space_is_refused_with_its_cell(tmp_path: Path) -> None:
    rows: Rows = [("Gruppe", "tb 1", "Jugend", None), ("Zeile", "Coach ing", "Coaching", 5)]
    with pytest.raises(XlsxImportError) as caught:
        import_xlsx(filled(tmp_path, rows))
    found = messages(caught.value)
    assert any(m.startswith("Finanzplanung!B5: ungültige Kennung „tb 1“") for m in found)
    assert any(m.startswith("Finanzplanung!B6: ungültige Kennung „Coach ing“") for m in found)
    assert not any("Text erwartet" in m for m in found)


def test_duplicate_names_and_empty_groups_are_notes_with_their_cell(tmp_path: Path) -> None:
    rows: Rows = [
        ("Gruppe", "a", "Jugend", None),
        ("Zeile", None, "Coaching", 5),
        ("Zeile", None, "Coaching", 7),
        ("Gruppe", "b", "Reserve", None),
    ]
    result = import_xlsx(filled(tmp_path, rows))
    notes = [str(n) for n in result.notes]
    assert notes == [
        "Finanzplanung!C7: die Bezeichnung „Coaching“ steht schon in Zeile 6; diese Zeile hat "
        "die Kennung „coaching_2“",
        "Finanzplanung!C8: die Gruppe „Reserve“ hat keine Zeilen; sie erscheint ohne Beträge",
    ]
    view = budget_table(result.plan)
    reserve = next(r for r in view.rows if r.cells[0].value == "Reserve")
    assert [c.value for c in reserve.cells[1:]] == [None]  # blank, not 0,00 €


def test_a_hand_made_sum_row_gives_no_note_about_formulas_never_there(tmp_path: Path) -> None:
    rows: Rows = [
        ("Gruppe", "a", "Jugend", None),
        ("Zeile", None, "Coaching", 5),
        ("Summe", None, "Summe Jugend", None),  # left empty: amp sums the rows
        ("Gruppe", "b", "Reserve", None),
        ("Zeile", None, "Reserve", 7),
        ("Summe", None, "Summe Reserve", -5000),  # typed, and wrong
    ]
    notes = [str(n) for n in import_xlsx(filled(tmp_path, rows)).notes]
    assert notes == [
        "Finanzplanung!I10: hier steht -5.000,00 € statt einer Summenformel; amp rechnet mit "
        "der Summe der Zeilen (7,00 €)"
    ]
    assert not any("None" in n for n in notes)


def test_the_legal_basis_of_an_instrument_is_optional(tmp_path: Path) -> None:
    rows: Rows = [("Gruppe", "a", "Jugend", None), ("Zeile", None, "Coaching", 5)]
    plan = import_xlsx(filled(tmp_path, rows, legal_basis=None)).plan
    assert plan.instruments[0].legal_basis is None
    assert plan.instruments[0].label == "Aktivierung"


def test_columns_never_filled_stay_empty(tmp_path: Path) -> None:
    rows: Rows = [("Gruppe", "a", "Jugend", None), ("Zeile", None, "Coaching", 5)]
    plan = import_xlsx(filled(tmp_path, rows)).plan
    total = plan.budget.computed_total()
    assert total == Amounts(plan=Decimal("5.00"))  # Vorjahr and the rest: None, not 0
    assert budget_table(plan).columns == ("Gruppe / Maßnahmeart", "Planung")


def dropdowns(book: Workbook, sheet: str) -> dict[str, str]:
    """The first column of each list validation → its list or range."""
    found = {}
    for validation in book[sheet].data_validations.dataValidation:
        first = str(validation.sqref).split()[0].split(":")[0]
        found["".join(c for c in first if c.isalpha())] = validation.formula1
    return found


@pytest.mark.parametrize("kind", ["template", "export"])
def test_dropdowns_for_art_instrument_status_and_target_group(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "mappe.xlsx"
    if kind == "template":
        write_template(2025, "JC X", target)
    else:
        example = Path(__file__).parents[2] / "src" / "amp" / "examples" / "jobcenter-en-2024"
        export_xlsx(load_plan(example).plan, target)
    book = load_workbook(target)
    budget = dropdowns(book, "Finanzplanung")
    assert budget["A"] == '"Gruppe,Zeile,Summe,gedruckt,Summenzeile,Gesamt"'
    assert budget["D"].startswith("Instrumente!$A$4:$A$")
    assert budget["E"].startswith("Zielgruppen!$B$4:$B$")
    stamm = {v.formula1 for v in book["Stammdaten"].data_validations.dataValidation}
    assert stamm == {'"entwurf,beschlossen,fortgeschrieben"', '"zkT,gE"'}


def test_the_template_mittelausstattung_is_generic_and_imports(tmp_path: Path) -> None:
    rows: Rows = [("Gruppe", "a", "Jugend", None), ("Zeile", None, "Coaching", 5)]
    template = filled(tmp_path, rows)
    book = load_workbook(template)
    sheet = book["Mittelausstattung"]
    labels = [str(sheet.cell(r, 1).value) for r in range(FIRST_ROW, sheet.max_row + 1)]
    assert not any("JobPerspektive" in label or "Umschichtung" in label for label in labels)
    # nothing entered: no Mittelausstattung in the plan
    assert import_xlsx(template).plan.funding is None
    row = {label: FIRST_ROW + i for i, label in enumerate(labels)}
    sheet.cell(row["Verwaltungsmittel Bund (ohne kommunalen Anteil)"], 2, 1000000.0)
    sheet.cell(row["Eingliederungsmittel Bund (Zuweisung)"], 2, 5.0)
    book.save(template)
    plan = import_xlsx(template).plan
    assert plan.funding is not None
    year = plan.funding.years[0]
    assert (year.year, year.integration_federal, year.jobperspektive) == (2025, Decimal(5), 0)
    view = funding_table(plan)
    assert view is not None
    shown = [str(r.cells[0].value) for r in view.rows]
    assert not any("JobPerspektive" in s or "Umschichtung" in s for s in shown)


def test_written_files_get_the_users_usual_permissions(tmp_path: Path) -> None:
    example = Path(__file__).parents[2] / "src" / "amp" / "examples" / "jobcenter-en-2024"
    plan = load_plan(example).plan
    before = os.umask(0o022)
    try:
        export_xlsx(plan, tmp_path / "plan.xlsx")
        write_template(2025, "JC X", tmp_path / "vorlage.xlsx")
        write_plan(plan, tmp_path / "kopie")
    finally:
        os.umask(before)
    for name in ("plan.xlsx", "vorlage.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "kopie").stat().st_mode) == 0o755
