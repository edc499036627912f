"""Printing (issue 13, item 5): the print styles of every screen, the budget in landscape.

The issue's finding was that printing the budget page gave 9 portrait pages on which the
2024 plan column never appeared. Here the budget page is printed to PDF by Chromium as the
print dialog would (CSS page sizes honoured) and read back with pypdf.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from tests.web.browser.conftest import log_in
from tests.web.browser.screens import FIRST_LINE, amount_field, areas, open_area, open_version
from tests.web.browser.test_reflow import _PAGE_WIDTH, ALL_SCREENS

PLAN_COLUMN = "Eingliederungsplanung 2024"


def _budget(page: Page, username: str, number: int) -> None:
    log_in(page, username)
    open_version(page, number)
    open_area(page, "Budget")
    page.wait_for_load_state("load")


def _pdf(page: Page) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=False)))


def _text_beyond_the_right_edge(reader: PdfReader) -> list[str]:
    """Text that starts right of a page's media box: what Chromium would cut off."""
    beyond: list[str] = []
    for sheet in reader.pages:
        width = float(sheet.mediabox.width)

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object, width: float = width
        ) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            if text.strip() and x >= width:
                beyond.append(text)

        sheet.extract_text(visitor_text=visit)
    return beyond


def _text(reader: PdfReader) -> str:
    """All pages' text, ligatures (ﬂ, ﬀ) resolved and every run of whitespace one space."""
    text = " ".join(p.extract_text() for p in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def test_the_budget_prints_without_navigation_and_with_the_plan_column(
    new_context: Callable[[], BrowserContext],
) -> None:
    page = new_context().new_page()
    page.set_viewport_size({"width": 1400, "height": 900})
    _budget(page, "planung", 2)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_hidden()
    expect(areas(page)).to_be_hidden()
    expect(page.get_by_role("button", name="Speichern").first).to_be_hidden()
    expect(page.get_by_role("columnheader", name=PLAN_COLUMN)).to_be_visible()
    expect(amount_field(page)).to_be_visible()
    # A4 landscape less the margins of @page quer is 281 mm, about 1062 CSS px: the table fits
    page.set_viewport_size({"width": 1062, "height": 750})
    right = page.evaluate(
        "() => document.querySelector('table.budget').getBoundingClientRect().right"
    )
    assert right <= 1062
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1062
    head = page.locator(".print-head")
    expect(head).to_be_visible()
    for term in ("Jobcenter", "Plan", "Version", "Stand"):
        expect(head.get_by_role("term").filter(has_text=re.compile(rf"^{term}$"))).to_have_count(1)
    expect(head).to_contain_text("Jobcenter EN")
    expect(head).to_contain_text("2 (Entwurf)")
    page.emulate_media(media="screen")
    expect(page.locator(".print-head")).to_be_hidden()
    expect(areas(page)).to_be_visible()


@pytest.mark.parametrize(("username", "number"), [("planung", 2), ("beirat", 1)])
def test_the_budget_pdf_is_landscape_and_shows_every_column(
    new_context: Callable[[], BrowserContext], username: str, number: int
) -> None:
    """An editable draft (amounts in fields) and a published version (amounts as text)."""
    page = new_context().new_page()
    _budget(page, username, number)
    header = [h.inner_text().strip() for h in page.locator("table.budget thead th").all()]
    column = header.index(PLAN_COLUMN)
    row = page.locator("table.budget tr").filter(has=page.get_by_role("rowheader", name=FIRST_LINE))
    cell = row.locator("th, td").nth(column)
    value = cell.get_by_role("textbox").input_value() if number == 2 else cell.inner_text()
    assert value.strip()
    reader = _pdf(page)
    text = _text(reader)
    pages = len(reader.pages)
    print(f"budget version {number}: {pages} pages")
    for sheet in reader.pages:
        box = sheet.mediabox
        assert float(box.width) > float(box.height), "not landscape"
        assert round(float(box.width)) == 842  # A4 landscape in points
    assert PLAN_COLUMN in text
    for label in header:  # every column, the last one too: nothing clipped at the right
        assert label.replace("(ca.)", "").replace("Einheit", "").strip() in text, label
    # the plan amount on its line's row, only numbers between: the column was not cut off
    amounts = r"[\d.,€ ~–-]*?"
    assert re.search(re.escape(FIRST_LINE) + " " + amounts + re.escape(value.strip()), text), value
    # the table's header repeats on each of its pages, with the last column
    table_pages = [t for t in (p.extract_text() for p in reader.pages) if "Maßnahmeart" in t]
    assert len(table_pages) >= 2
    assert all("Menge" in t for t in table_pages)
    assert "Gesamt" in text or "Summe" in text
    assert "Jobcenter EN" in text
    assert f"{number} (" in text
    for hidden in (
        "Zum Inhalt springen",
        "Abmelden",
        "Stände und Vergleich",  # a tab
        "Herunterladen",
        "Neuen Entwurf als Kopie anlegen",
        "Alle Spalten und Mengen bearbeiten",
    ):
        assert hidden not in text, hidden
    assert "http" not in text  # no link targets
    assert _text_beyond_the_right_edge(reader) == []
    assert pages < 9


def test_other_screens_print_portrait_without_navigation(
    new_context: Callable[[], BrowserContext],
) -> None:
    page = new_context().new_page()
    log_in(page, "planung")
    open_version(page, 2)
    open_area(page, "Verlauf")
    page.wait_for_load_state("load")
    reader = _pdf(page)
    box = reader.pages[0].mediabox
    assert float(box.height) > float(box.width)
    text = _text(reader)
    assert "Verlauf von Version 2" in text
    assert "Jobcenter EN" in text
    assert "Abmelden" not in text
    assert "Herunterladen" not in text


@pytest.mark.parametrize("visit", ALL_SCREENS.values(), ids=ALL_SCREENS.keys())
def test_every_screen_prints_without_navigation_or_buttons(
    new_context: Callable[[], BrowserContext], visit: Callable[[Page], None]
) -> None:
    """In print media nothing of the navigation and no button is visible, no table is cut
    at the right edge of an A4 page, and the page does not scroll sideways."""
    page = new_context().new_page()
    visit(page)
    page.wait_for_load_state("load")  # stylesheets applied before anything is measured
    page.emulate_media(media="print")
    landscape = page.evaluate("() => getComputedStyle(document.querySelector('main')).page")
    assert landscape in ("auto", "quer")
    if page.locator("table.budget").count():
        assert landscape == "quer"
    # the printable width of A4 less the margins of @page (quer): 190 mm or 281 mm at 96 dpi
    width = 1062 if landscape == "quer" else 718
    page.set_viewport_size({"width": width, "height": 1000})
    expect(page.get_by_role("navigation")).to_have_count(0)
    expect(page.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_have_count(0)
    sizes = page.evaluate(_PAGE_WIDTH)
    assert sizes["page"] <= width, sizes
