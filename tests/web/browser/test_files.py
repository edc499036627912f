"""Files of a version through the browser: the PDF report, the Excel workbook and its import."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdf
from playwright.sync_api import Download, Page, expect

from amp.core import formatting
from tests.web.browser.screens import (
    FIRST_LINE,
    amount_field,
    download_link,
    open_area,
    open_version,
    upload_field,
    versions_table,
)

BUDGET_SHEET = "Finanzplanung"
NAME_COLUMN, PLAN_COLUMN = 3, 9  # C: Bezeichnung, I: Planung (see amp.io.xlsx.export)
OLD, NEW = Decimal("30000.00"), Decimal("31234.56")
TOTAL = Decimal("19368174.00")  # the example's planned total, printed on its budget


def _download(page: Page, link: str, timeout: float = 10_000) -> Download:
    with page.expect_download(timeout=timeout) as started:
        download_link(page, link).click()
    return started.value


def _plan_cell(book: openpyxl.Workbook) -> openpyxl.cell.Cell:
    """The planning amount of the first budget line in the exported workbook."""
    sheet = book[BUDGET_SHEET]
    for row in sheet.iter_rows():
        if row[NAME_COLUMN - 1].value == FIRST_LINE:
            return row[PLAN_COLUMN - 1]
    raise AssertionError(f"{FIRST_LINE} fehlt in {BUDGET_SHEET}")


def _edited_workbook(page: Page, target: Path, value: object) -> str:
    """Downloads the version's workbook, puts `value` into the line's plan; returns the cell."""
    download = _download(page, "Excel-Arbeitsmappe")
    assert re.fullmatch(r"Arbeitsmarktprogramm-2024-EN-V1\.xlsx", download.suggested_filename)
    download.save_as(target)
    book = openpyxl.load_workbook(target)
    cell = _plan_cell(book)
    assert Decimal(str(cell.value)) == OLD
    cell.value = value
    book.save(target)
    return str(cell.coordinate)


def _version_count(page: Page) -> int:
    """Versions listed on "Stände und Vergleich", looked at in a second tab."""
    other = page.context.new_page()
    open_version(other, 1)
    open_area(other, "Stände und Vergleich")
    count = versions_table(other).get_by_role("row").count() - 1  # without the header
    other.close()
    return count


def _upload_edited(page: Page, workbook: Path, value: object) -> tuple[str, int]:
    """Version 1's workbook with `value` in the line's plan, uploaded for a preview.

    Returns the edited cell and how many versions there were before the upload.
    """
    open_version(page, 1)
    cell = _edited_workbook(page, workbook, value)
    versions = _version_count(page)
    page.get_by_role("link", name="Arbeitsmappe importieren (mit Vorschau)").click()
    expect(page.get_by_role("heading", name="Arbeitsmappe importieren")).to_be_visible()
    upload_field(page).set_input_files(workbook)
    page.get_by_role("button", name="Hochladen und Vorschau zeigen").click()
    return cell, versions


def test_pdf_report_downloads(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("beirat")
    open_version(page, 1)
    download = _download(page, "Bericht als PDF", timeout=60_000)
    assert re.fullmatch(r"Arbeitsmarktprogramm-2024-EN-V1\.pdf", download.suggested_filename)
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Arbeitsmarktprogramm 2024" in text
    assert formatting.money(TOTAL) in text


def test_edited_workbook_is_previewed_then_saved_as_draft(
    logged_in: Callable[[str], Page], tmp_path: Path
) -> None:
    page = logged_in("planung")
    _cell, versions = _upload_edited(page, tmp_path / "bearbeitet.xlsx", NEW)
    preview = page.get_by_role("region", name=re.compile(r"^Vorschau: bearbeitet\.xlsx"))
    expect(preview).to_contain_text("Noch ist nichts gespeichert.")
    expect(preview.get_by_role("heading", name="1 Änderung", exact=True)).to_be_visible()
    change = preview.get_by_role("table", name="1 Änderung").get_by_role("row").nth(1)
    expect(change).to_contain_text(formatting.money(OLD))
    expect(change).to_contain_text(formatting.money(NEW))
    expect(change).to_contain_text(f"+{formatting.money(NEW - OLD)}")
    findings = preview.get_by_role("region", name=re.compile(r"^Befunde des importierten Plans"))
    total = formatting.money(TOTAL + NEW - OLD)  # the budget no longer matches the funds
    expect(findings.get_by_role("row").filter(has_text=total).first).to_be_visible()
    assert _version_count(page) == versions  # only a preview so far

    preview.get_by_role("button", name="Als neuen Entwurf übernehmen").click()
    expect(page.get_by_role("status")).to_contain_text("Arbeitsmappe bearbeitet.xlsx")
    expect(page.get_by_text(f"Version {versions + 1} · Stand")).to_be_visible()
    expect(page.get_by_text("Entwurf", exact=True)).to_be_visible()
    open_area(page, "Budget")
    expect(amount_field(page)).to_have_value(formatting.amount_input(NEW))
    assert _version_count(page) == versions + 1


def test_text_in_a_number_cell_is_refused_naming_the_cell(
    logged_in: Callable[[str], Page], tmp_path: Path
) -> None:
    page = logged_in("planung")
    cell, versions = _upload_edited(page, tmp_path / "fehler.xlsx", "dreißigtausend")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("nichts wurde gespeichert")
    expect(alert).to_contain_text(f"{BUDGET_SHEET}!{cell}")
    expect(page.get_by_role("button", name="Als neuen Entwurf übernehmen")).to_have_count(0)
    assert _version_count(page) == versions
