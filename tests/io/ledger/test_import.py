"""Import of finance-system exports: German headers, numbers and dates, saved column
mapping, preview, idempotent re-import, errors naming file, row and column, all-or-nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from amp.core.periods import Month
from amp.core.problems import InputProblems
from amp.io.ledger import values
from amp.io.ledger.importer import Kind, apply_import, preview_import
from amp.io.ledger.readers import read_bookings, read_commitments
from amp.io.ledger.store import BOOKINGS, COLUMNS, read_columns

EXPORT = """\
Belegnummer;Buchungsdatum;Betrag in €;Sachkonto;Kostenstelle;Vertrag;Einmalig;Buchungstext
4711;31.01.2024;1.234,56;0681.01;KST-1;V-1;nein;Rate Januar
4712;2024-02-29;-200,00;0681.01;;V-1;;Storno
4713;15.03.2024;"250.000,00";0681.05;;;ja;Nachzahlung
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("-1.234,56", "-1234.56"),
        ("1.234,56-", "-1234.56"),
        ("1234.56", "1234.56"),
        ("1.234", "1234.00"),
        ("12", "12.00"),
        ("0,5", "0.50"),
        ("1.234.567,00 €", "1234567.00"),
    ],
)
def test_german_and_iso_amounts(text: str, expected: str) -> None:
    assert values.amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["1,2,3", "12a", "1.23.4"])
def test_bad_amounts_say_why(text: str) -> None:
    with pytest.raises(values.ValueProblem, match="kein Betrag"):
        values.amount(text)


def test_dates_and_months() -> None:
    assert values.day("31.10.2024") == date(2024, 10, 31)
    assert values.day("2024-10-31") == date(2024, 10, 31)
    assert values.month("03.2024") == Month(2024, 3)
    assert values.month("2024-3") == Month(2024, 3)
    with pytest.raises(values.ValueProblem, match="gibt es nicht"):
        values.day("31.02.2024")
    with pytest.raises(values.ValueProblem, match="Monat 13"):
        values.month("13.2024")


def test_export_with_german_headers_is_read(tmp_path: Path) -> None:
    result = read_bookings(write(tmp_path / "export.csv", EXPORT))
    assert result.refused == ()
    first, storno, one_off = result.records
    assert (first.id, first.day, first.amount, first.account) == (
        "4711",
        date(2024, 1, 31),
        Decimal("1234.56"),
        "0681.01",
    )
    assert first.commitment == "V-1"
    assert first.cost_center == "KST-1"
    assert storno.amount == Decimal("-200.00")
    assert one_off.one_off
    assert result.columns["datum"] == "Buchungsdatum"


def test_windows_export_with_commas(tmp_path: Path) -> None:
    text = 'Buchungsnummer,Buchungsdatum,Betrag,Haushaltsstelle\n1,02.01.2024,"12,50",0681\n'
    result = read_bookings(write(tmp_path / "e.csv", text, encoding="cp1252"))
    assert result.records[0].amount == Decimal("12.50")


def test_errors_name_file_row_and_column(tmp_path: Path) -> None:
    bad = EXPORT + "4714;32.01.2024;12x;0681.01;;;;\n4711;01.04.2024;1,00;;;;;\n"
    result = read_bookings(write(tmp_path / "export.csv", bad))
    messages = [str(p) for p in result.refused]
    assert messages == [
        "export.csv, Zeile 5, Spalte „Buchungsdatum“: „32.01.2024“: den Tag 32.01.2024 "
        "gibt es nicht",
        "export.csv, Zeile 5, Spalte „Betrag in €“: „12x“ ist kein Betrag: keine Zahl "
        "(z. B. 1.234,50 schreiben)",
        "export.csv, Zeile 6, Spalte „Sachkonto“: leer, ein Wert wird gebraucht",
        "export.csv, Zeile 6, Spalte „Belegnummer“: Die Buchungsnummer 4711 steht schon in "
        "Zeile 2.",
    ]


def test_missing_column_names_what_is_there(tmp_path: Path) -> None:
    with pytest.raises(InputProblems) as caught:
        read_bookings(write(tmp_path / "x.csv", "Nr;Wann;Wieviel\n1;2;3\n"))
    text = str(caught.value)
    assert "Keine Spalte für „Buchungsnummer“" in text
    assert "vorhanden: Nr, Wann, Wieviel" in text


def test_saved_mapping_reads_any_headers(tmp_path: Path) -> None:
    mapping = {"id": "Nr", "datum": "Wann", "betrag": "Wieviel", "konto": "HHSt"}
    file = write(tmp_path / "x.csv", "Nr;Wann;Wieviel;HHSt\n1;02.01.2024;3,00;0681\n")
    assert read_bookings(file, mapping).records[0].amount == Decimal("3.00")
    with pytest.raises(InputProblems, match="gespeicherte Zuordnung erwartet"):
        read_bookings(file, {**mapping, "konto": "Konto"})


def test_xlsx_errors_name_sheet_and_cell(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Buchungen"
    sheet.append(["Buchungsnummer", "Buchungsdatum", "Betrag", "Haushaltsstelle"])
    sheet.append(["A1", date(2024, 5, 3), 1234.5, "0681"])
    sheet.append(["A2", "gestern", 10, "0681"])
    book.save(tmp_path / "e.xlsx")
    result = read_bookings(tmp_path / "e.xlsx")
    assert result.records[0].amount == Decimal("1234.50")
    assert result.records[0].day == date(2024, 5, 3)
    assert [str(p) for p in result.refused] == [
        "e.xlsx, Buchungen!B3, Spalte „Buchungsdatum“: „gestern“: kein Datum (als TT.MM.JJJJ "
        "schreiben, z. B. 18.10.2023)"
    ]


def test_commitments_in_long_form(tmp_path: Path) -> None:
    text = (
        "Vertrag;Planzeile;gebunden am;Status;Monat;Rate\n"
        "V-1;fbw;05.01.2024;gebunden;01.2024;1.000,00\n"
        "V-1;fbw;05.01.2024;gebunden;02.2024;1.000,00\n"
        "V-2;bae;01.08.2024;;2025-01;500\n"
        "V-1;egz;05.01.2024;gebunden;03.2024;1.000,00\n"
        "V-2;bae;01.08.2024;;2025-01;500\n"
        "V-3;bae;01.08.2024;erledigt;2025-01;500\n"
    )
    result = read_commitments(write(tmp_path / "b.csv", text))
    v1, v2 = result.records
    assert v1.amount == Decimal("2000.00")
    assert v2.status.value == "gebunden"
    assert v2.payments == {Month(2025, 1): Decimal("500.00")}
    assert [str(p) for p in result.refused] == [
        "b.csv, Zeile 5, Spalte „Vertrag“: Die Bindung V-1 hat hier andere Angaben (Planzeile, "
        "Datum, Status, Maßnahme) als in Zeile 2.",
        "b.csv, Zeile 6, Spalte „Monat“: Für die Bindung V-2 steht der Monat 2025-01 zweimal.",
        "b.csv, Zeile 7, Spalte „Status“: „erledigt“ ist kein Status (vorgemerkt, gebunden, "
        "abgerechnet oder aufgelöst)",
    ]


def test_preview_then_import_then_reimport_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "vollzug"
    export = write(tmp_path / "export.csv", EXPORT)
    first = preview_import(store, Kind.BOOKINGS, export)
    assert first.counts() == {"neu": 3, "geändert": 0, "unverändert": 0, "abgelehnt": 0}
    assert not (store / BOOKINGS).exists()  # a preview writes nothing
    apply_import(store, first, save_columns=True)
    stored = (store / BOOKINGS).read_text(encoding="utf-8")
    assert read_columns(store)["buchungen"]["konto"] == "Sachkonto"
    again = preview_import(store, Kind.BOOKINGS, export)
    assert again.counts() == {"neu": 0, "geändert": 0, "unverändert": 3, "abgelehnt": 0}
    apply_import(store, again)
    assert (store / BOOKINGS).read_text(encoding="utf-8") == stored
    changed = write(tmp_path / "export2.csv", EXPORT.replace("1.234,56", "1.234,57"))
    assert preview_import(store, Kind.BOOKINGS, changed).counts()["geändert"] == 1


def test_a_refused_row_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "vollzug"
    apply_import(store, preview_import(store, Kind.BOOKINGS, write(tmp_path / "a.csv", EXPORT)))
    before = (store / BOOKINGS).read_bytes()
    bad = write(tmp_path / "b.csv", EXPORT.replace("4713;", "4799;") + "4800;kein;1;0681\n")
    result = preview_import(store, Kind.BOOKINGS, bad)
    assert result.counts()["abgelehnt"] == 1
    assert result.counts()["neu"] == 1
    with pytest.raises(InputProblems, match=r"b\.csv, Zeile 5"):
        apply_import(store, result, save_columns=True)
    assert (store / BOOKINGS).read_bytes() == before
    assert not (store / COLUMNS).exists()
