"""Excel export and import: lossless round trips, and every bad cell named in German."""

from __future__ import annotations

import dataclasses
import re
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from amp.core.diff import diff_plans
from amp.core.edit import replace_at
from amp.core.plan import Plan
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.io.xlsx.cells import XlsxImportError
from amp.io.xlsx.export import XlsxWriteError, export_xlsx
from amp.io.xlsx.importer import import_xlsx
from tests.support.plans import consistent_plans

EXAMPLE = DEMO_PLAN
FIXED = load_plan(EXAMPLE).plan
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def example() -> Plan:
    return load_plan(EXAMPLE).plan


@pytest.fixture
def workbook(tmp_path: Path, example: Plan) -> Path:
    target = tmp_path / "plan.xlsx"
    export_xlsx(example, target)
    return target


def edit(path: Path, sheet: str, changes: dict[str, Any]) -> None:
    book = load_workbook(path)
    for cell, value in changes.items():
        book[sheet][cell] = value
    book.save(path)


def problems(path: Path) -> list[str]:
    with pytest.raises(XlsxImportError) as caught:
        import_xlsx(path)
    return [str(p) for p in caught.value.problems]


def test_the_example_round_trips_without_notes(workbook: Path, example: Plan) -> None:
    result = import_xlsx(workbook)
    assert result.plan == example
    assert result.notes == []


@SETTINGS
@given(consistent_plans())
def test_generated_plans_round_trip(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "plan.xlsx"
        export_xlsx(plan, target)
        assert import_xlsx(target).plan == plan


def test_sheets_carry_formulas_formats_and_print_setup(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book.sheetnames == [
        "Stammdaten",
        "Instrumente",
        "Finanzplanung",
        "Zielgruppen",
        "Mittelausstattung",
        "Maßnahmen",
        "Bildungsziele",
        "AVGS",
        "Aussagen",
        "_amp",
    ]
    assert book["_amp"].sheet_state == "hidden"
    sheet = book["Finanzplanung"]
    assert sheet["A4"].value == "Gruppe"
    assert sheet["I5"].value == 30000
    assert sheet["I5"].number_format == '#,##0.00 "€"'
    sums = [
        sheet.cell(r, 9).value
        for r in range(4, sheet.max_row + 1)
        if sheet.cell(r, 1).value == "Summe"
    ]
    assert sums[0] == "=SUM(I5:I12)"
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert book["Zielgruppen"]["D4"].value.startswith("=SUMIF(Finanzplanung!")


def test_changed_amounts_are_taken_exactly(workbook: Path, example: Plan) -> None:
    edit(workbook, "Finanzplanung", {"I5": 31234.56})
    plan = import_xlsx(workbook).plan
    line = plan.budget.groups[0].lines[0]
    assert line.id == "vermittlungsgutschein"
    assert line.amounts.plan == Decimal("31234.56")
    unchanged = dataclasses.replace(line, amounts=example.budget.groups[0].lines[0].amounts)
    assert unchanged == example.budget.groups[0].lines[0]


def test_text_in_a_number_cell(workbook: Path) -> None:
    edit(workbook, "Finanzplanung", {"I5": "viel", "F6": "1.234,56"})
    assert problems(workbook) == [
        "Finanzplanung!I5: Text statt Zahl ('viel')",
        "Finanzplanung!F6: Text statt Zahl ('1.234,56')",
    ]


def test_more_than_cents(workbook: Path) -> None:
    edit(workbook, "Finanzplanung", {"I5": 100.125})
    assert problems(workbook) == [
        "Finanzplanung!I5: mehr als zwei Nachkommastellen (100,125); Cent angeben"
    ]


def test_a_deleted_header(workbook: Path) -> None:
    edit(workbook, "Finanzplanung", {"D3": None})
    assert problems(workbook) == ["Finanzplanung!D3: die Spaltenüberschrift „Instrument“ fehlt"]


def test_a_row_without_an_instrument(workbook: Path) -> None:
    edit(workbook, "Finanzplanung", {"D6": None})
    assert problems(workbook) == ["Finanzplanung!D6: Zeile ohne Instrument"]


def test_an_unknown_instrument_and_a_negative_amount(workbook: Path) -> None:
    edit(workbook, "Finanzplanung", {"D6": "gibtsnicht"})
    assert problems(workbook) == ["Finanzplanung!D6: unbekanntes Instrument 'gibtsnicht'"]
    edit(workbook, "Finanzplanung", {"D6": "fbw", "G7": -5})
    assert problems(workbook) == ["Finanzplanung!G7: darf nicht negativ sein (Wert: -5,00 €)"]


def test_a_missing_sheet(workbook: Path) -> None:
    book = load_workbook(workbook)
    del book["Instrumente"]
    book.save(workbook)
    assert problems(workbook) == ["Instrumente: das Blatt fehlt"]


def test_a_date_typed_as_text(workbook: Path) -> None:
    edit(workbook, "Stammdaten", {"B9": "18.10.2023"})
    assert problems(workbook) == [
        "Stammdaten!B9: kein gültiges Datum (als JJJJ-MM-TT schreiben, z. B. 2024-03-31)"
    ]


def test_a_formula_that_no_longer_sums_its_group_is_a_note(workbook: Path, example: Plan) -> None:
    edit(workbook, "Finanzplanung", {"I13": "=SUM(I5:I11)"})
    result = import_xlsx(workbook)
    assert result.plan == example  # imported values win
    assert [str(n) for n in result.notes] == [
        "Finanzplanung!I13: die Summenformel =SUM(I5:I11) erfasst nicht die Zeilen 5 bis 12 "
        "der Gruppe „Aktivierung, Qualifizierung und berufliche Eingliederung“ "
        "(erwartet =SUM(I5:I12)); amp rechnet mit den Zeilenwerten (8.019.600,45 €)"
    ]


def test_a_new_row_becomes_a_budget_line(workbook: Path) -> None:
    book = load_workbook(workbook)
    sheet = book["Finanzplanung"]
    sheet.insert_rows(6)
    for column, value in enumerate(
        [
            "Zeile",
            None,
            "Neue Förderung für Ältere",
            "aktivierung",
            "qualifizierung_vermittlung_ue25",
            None,
            None,
            None,
            5000,
        ],
        start=1,
    ):
        sheet.cell(6, column, value)
    book.save(workbook)
    result = import_xlsx(workbook)
    line = result.plan.budget.groups[0].lines[1]
    assert (line.id, line.amounts.plan) == ("neue_foerderung_fuer_aeltere", Decimal("5000.00"))
    assert result.notes  # the group's sum formula no longer covers the inserted row


def test_not_an_xlsx_file(tmp_path: Path) -> None:
    csv = tmp_path / "plan.csv"
    csv.write_text("a;b", "utf-8")
    assert problems(csv) == [
        f"{csv}: keine Excel-Arbeitsmappe (.xlsx); ältere .xls-Dateien in Excel als .xlsx speichern"
    ]
    assert problems(tmp_path) == [f"{tmp_path}: ist keine Datei"]
    assert problems(tmp_path / "fehlt.xlsx") == [
        f"{tmp_path / 'fehlt.xlsx'}: die Datei gibt es nicht"
    ]


def test_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "kaputt.xlsx"
    bad.write_text("kein Excel", "utf-8")
    [message] = problems(bad)
    assert message.startswith(f"{bad}: keine lesbare Excel-Datei")


def excel_saved(path: Path, replacements: dict[str, str]) -> None:
    """Rewrite the Finanzplanung sheet's XML as Excel would store it, with formula results."""
    member = "xl/worksheets/sheet3.xml"
    with zipfile.ZipFile(path) as source:
        contents = {name: source.read(name) for name in source.namelist()}
    # an empty formula result is written <v />, <v/> or <v></v> depending on the XML writer
    xml = re.sub(r"<v\s*/>|<v></v>", "<v />", contents[member].decode("utf-8"))
    for old, new in replacements.items():
        assert old in xml
        xml = xml.replace(old, new)
    contents[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as target:
        for name, data in contents.items():
            target.writestr(name, data)


def test_a_stored_formula_result_that_differs_is_a_note(workbook: Path, example: Plan) -> None:
    excel_saved(workbook, {"<f>SUM(I5:I12)</f><v />": "<f>SUM(I5:I12)</f><v>9999</v>"})
    result = import_xlsx(workbook)
    assert result.plan == example
    assert [str(n) for n in result.notes] == [
        "Finanzplanung!I13: Excel zeigt 9.999,00 €, die Zeilen ergeben 8.019.600,45 €; "
        "amp übernimmt die Zeilenwerte"
    ]


def test_a_formula_typed_into_an_amount_counts_with_its_result(workbook: Path) -> None:
    typed = "<f>30000+1.5</f><v>30001.5</v>"
    excel_saved(
        workbook,
        {'<c r="I5" s="7" t="n"><v>30000</v></c>': f'<c r="I5" s="7">{typed}</c>'},
    )
    line = import_xlsx(workbook).plan.budget.groups[0].lines[0]
    assert line.amounts.plan == Decimal("30001.50")
    edit(workbook, "Finanzplanung", {"I5": "=30000+2"})  # openpyxl stores no result
    assert problems(workbook) == [
        "Finanzplanung!I5: Formel =30000+2 ohne gespeichertes Ergebnis (Datei in Excel "
        "speichern oder einen Wert eintragen)"
    ]


def test_vouchers_places_and_funding_are_taken_from_their_sheets(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book["AVGS"]["C5"].value == "Coaching Existenzgründer"
    book["AVGS"]["G5"] = 21
    assert book["Bildungsziele"]["E4"].value is not None
    book["Bildungsziele"]["E4"] = 7
    assert book["Maßnahmen"]["F4"].value is not None
    book["Maßnahmen"]["F4"] = 99
    assert book["Mittelausstattung"]["A5"].value.startswith("Verwaltungsmittel Bund")
    book["Mittelausstattung"]["B5"] = 26362027
    book.save(workbook)
    plan = import_xlsx(workbook).plan
    assert plan.avgs is not None
    assert plan.avgs.categories[0].items[0].count == 21
    assert plan.training_vouchers is not None
    assert plan.training_vouchers.goals[0].quarters[0] == 7
    assert plan.measure_tables[0].measures[0].places.value == 99
    assert plan.funding is not None
    assert plan.funding.years[0].admin_federal == Decimal("26362027.00")


def test_a_bad_avgs_count(workbook: Path) -> None:
    edit(workbook, "AVGS", {"G5": 2.5})
    assert problems(workbook) == ["AVGS!G5: keine ganze Zahl (2,5)"]


def test_a_deleted_line_is_gone(workbook: Path, example: Plan) -> None:
    book = load_workbook(workbook)
    sheet = book["Finanzplanung"]
    assert sheet["B9"].value == "vermittlungsbudget"
    sheet.delete_rows(9)
    book.save(workbook)
    result = import_xlsx(workbook)
    ids = [line.id for line in result.plan.budget.groups[0].lines]
    assert "vermittlungsbudget" not in ids
    assert len(ids) == len(example.budget.groups[0].lines) - 1


def test_a_deleted_line_that_a_claim_restates(workbook: Path) -> None:
    book = load_workbook(workbook)
    sheet = book["Finanzplanung"]
    row = next(
        r
        for r in range(4, sheet.max_row + 1)
        if (sheet.cell(r, 1).value, sheet.cell(r, 2).value) == ("Zeile", "jobperspektive")
    )
    sheet.delete_rows(row)
    book.save(workbook)
    claims = book["Aussagen"]
    claim_row = next(
        r
        for r in range(4, claims.max_row + 1)
        if "budget.line.jobperspektive" in str(claims.cell(r, 7).value)
    )
    assert problems(workbook) == [
        f"Aussagen!G{claim_row}: unbekannte Kennziffer 'budget.line.jobperspektive.plan' "
        "(siehe docs/plan-format.md, Abschnitt Kennziffern)"
    ]


def test_subtotal_rows_are_formulas_over_their_groups(workbook: Path) -> None:
    sheet = load_workbook(workbook)["Finanzplanung"]
    kinds = [sheet.cell(r, 1).value for r in range(4, sheet.max_row + 1)]
    row = 4 + kinds.index("Summenzeile")
    assert sheet.cell(row, 3).value == "Zwischensummen"
    assert str(sheet.cell(row, 9).value).startswith("=I13+I")
    assert sheet.cell(row + 1, 1).value == "gedruckt"


def test_a_deleted_group_that_a_subtotal_names(workbook: Path) -> None:
    book = load_workbook(workbook)
    sheet = book["Finanzplanung"]
    kinds = [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(1, sheet.max_row + 1)]
    sheet.delete_rows(kinds.index(("Gruppe", "jobperspektive")) + 1)
    book.save(workbook)
    found = problems(workbook)
    assert found
    assert all(p.startswith("Finanzplanung!O") for p in found)
    assert all(p.endswith("unbekannte Gruppe 'jobperspektive'") for p in found)


def test_edits_that_are_not_taken_are_notes(workbook: Path, example: Plan) -> None:
    book = load_workbook(workbook)
    claims = book["Aussagen"]
    old = claims["D4"].value
    claims["D4"] = old + 1
    book.save(workbook)
    result = import_xlsx(workbook)
    assert result.plan == example
    [note] = result.notes
    german = str(old + 1).replace(".", ",")  # 3.1 → 3,1
    assert str(note).startswith(f"Aussagen!D4: geänderter Wert {german} wird nicht übernommen")

    del book["_amp"]
    book.save(workbook)
    notes = [str(n) for n in import_xlsx(workbook).notes]
    assert any(n.startswith("_amp: das ausgeblendete Blatt _amp fehlt") for n in notes)


@SETTINGS
@given(consistent_plans(), st.integers(0, 10**9).map(lambda c: Decimal(c).scaleb(-2)))
def test_one_amount_changed_in_excel_is_one_change_in_the_diff(plan: Plan, amount: Decimal) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "plan.xlsx"
        export_xlsx(plan, target)
        old = plan.budget.groups[0].lines[0].amounts.plan
        edit(target, "Finanzplanung", {"I5": float(amount)})
        changes = diff_plans(plan, import_xlsx(target).plan)
    if amount == old:
        assert changes == []
    else:
        [change] = changes
        assert change.path[-2:] == ("amounts", "plan")
        assert change.delta == amount - (old or 0)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, example: Plan) -> None:
    first = example.budget.groups[0].lines[0]
    odd = dataclasses.replace(first, name="=HYPERLINK(1)", reading="=1+1")
    group = dataclasses.replace(
        example.budget.groups[0], lines=(odd, *example.budget.groups[0].lines[1:])
    )
    plan = dataclasses.replace(
        example,
        budget=dataclasses.replace(example.budget, groups=(group, *example.budget.groups[1:])),
    )
    target = tmp_path / "plan.xlsx"
    export_xlsx(plan, target)
    assert load_workbook(target)["Finanzplanung"]["C5"].data_type == "s"
    assert import_xlsx(target).plan == plan


def test_control_characters_are_a_clear_error(tmp_path: Path, example: Plan) -> None:
    plan = dataclasses.replace(example, budget=dataclasses.replace(example.budget, title="A\x01B"))
    with pytest.raises(XlsxWriteError, match="Steuerzeichen"):
        export_xlsx(plan, tmp_path / "plan.xlsx")
    assert list(tmp_path.iterdir()) == []


# a cell of nothing but spaces is an empty cell in Excel, so texts need one visible character
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=30
).filter(str.strip)


@SETTINGS
@given(consistent_plans(), texts, texts)
@hypothesis.example(plan=FIXED, name=" Name mit Leerzeichen ", reading="0.10")
def test_any_text_round_trips(plan: Plan, name: str, reading: str) -> None:
    first_line = ("budget", "groups", 0, "lines", 0)
    plan = replace_at(
        plan, first_line, lambda line: dataclasses.replace(line, name=name, reading=reading)
    )
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "plan.xlsx"
        export_xlsx(plan, target)
        assert import_xlsx(target).plan == plan
