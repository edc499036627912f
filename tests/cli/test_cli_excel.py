"""The Excel commands as a planner runs them: export, edit, import, diff."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from amp.cli import app
from amp.example import DEMO_PLAN

EXAMPLE = DEMO_PLAN
runner = CliRunner()


def export(tmp_path: Path) -> Path:
    target = tmp_path / "plan.xlsx"
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "--format", "xlsx", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    return target


def test_export_edit_import_diff(tmp_path: Path) -> None:
    workbook = export(tmp_path)
    book = load_workbook(workbook)
    book["Finanzplanung"]["I5"] = 31234.56
    book.save(workbook)
    out = tmp_path / "neu"
    result = runner.invoke(app, ["import-xlsx", str(workbook), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "budget.yaml").read_text("utf-8").count("plan: 31234.56\n") == 1

    text = runner.invoke(app, ["diff", str(EXAMPLE), str(out)])
    assert text.exit_code == 0
    assert text.stdout.splitlines()[1:] == [
        "~ Finanzplanung › Aktivierung, Qualifizierung und berufliche Eingliederung › "
        "Vermittlungsgutschein (§ 45 SGB III) › Planung: 30.000,00 € → 31.234,56 € "
        "(Δ +1.234,56 €)"
    ]
    as_json = runner.invoke(app, ["diff", str(EXAMPLE), str(workbook), "--format", "json"])
    assert json.loads(as_json.stdout)["changes"] == [
        {
            "path": "budget.groups.aktivierung_qualifizierung.lines.vermittlungsgutschein"
            ".amounts.plan",
            "where": "Finanzplanung › Aktivierung, Qualifizierung und berufliche Eingliederung"
            " › Vermittlungsgutschein (§ 45 SGB III) › Planung",
            "kind": "geändert",
            "old": "30000.00",
            "new": "31234.56",
            "delta": "1234.56",
        }
    ]


def test_no_changes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(export(tmp_path))])
    assert (result.exit_code, result.stdout) == (0, "Keine Änderungen.\n")


def test_a_bad_workbook_writes_nothing_and_exits_2(tmp_path: Path) -> None:
    workbook = export(tmp_path)
    book = load_workbook(workbook)
    book["Finanzplanung"]["G7"] = "viel"
    book["Zielgruppen"]["C3"] = None
    book.save(workbook)
    out = tmp_path / "neu"
    result = runner.invoke(app, ["import-xlsx", str(workbook), "--output", str(out)])
    assert result.exit_code == 2
    assert "Finanzplanung!G7: Text statt Zahl ('viel')" in result.output
    assert "Zielgruppen!C3: die Spaltenüberschrift „Bezeichnung“ fehlt" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_unknown_report_format_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "--format", "docx", "--output", str(target)]
    )
    assert result.exit_code == 2
    assert "unbekanntes Format 'docx'" in result.output
    assert not target.exists()


def test_import_refuses_an_occupied_directory(tmp_path: Path) -> None:
    workbook = export(tmp_path)
    out = tmp_path / "neu"
    out.mkdir()
    (out / "alt.txt").write_text("x", "utf-8")
    result = runner.invoke(app, ["import-xlsx", str(workbook), "--output", str(out)])
    assert result.exit_code == 2
    assert "nicht leer" in result.output
    assert [p.name for p in out.iterdir()] == ["alt.txt"]


def test_diff_names_new_and_removed_rows_and_funding_years(tmp_path: Path) -> None:
    workbook = export(tmp_path)
    book = load_workbook(workbook)
    sheet = book["Finanzplanung"]
    assert sheet["B9"].value == "vermittlungsbudget"
    sheet.delete_rows(9)
    sheet.insert_rows(6)
    for column, value in enumerate(["Zeile", None, "Neue Förderung", "aktivierung"], start=1):
        sheet.cell(6, column, value)
    book["Mittelausstattung"]["B5"] = 26362027
    book.save(workbook)
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(workbook)])
    assert result.stdout.splitlines()[1:] == [
        "- Finanzplanung › Aktivierung, Qualifizierung und berufliche Eingliederung › "
        "Vermittlungsbudget (§ 44 SGB III): entfernt",
        "+ Finanzplanung › Aktivierung, Qualifizierung und berufliche Eingliederung › "
        "Neue Förderung: neu",
        "~ Mittelausstattung › Voraussichtliche Mittel 2024 in € › Verwaltungsmittel Bund "
        "(ohne kommunalen Anteil): 26.362.026,00 € → 26.362.027,00 € (Δ +1,00 €)",
    ]
