"""Measures and voucher planning in the browser: edit places or counts, see the totals follow."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from tests.web.browser.screens import open_area, open_version

DRAFT = 2
U25 = "Vergabemaßnahmen für Jugendliche und junge Erwachsene (u25)"
MEASURE = "ChancEN"  # 52 places in the example


def _table_total(table: Locator) -> int:
    """The places of the total row; a differing printed total follows on the next line."""
    text = table.get_by_role("row").last.get_by_role("cell").nth(3).inner_text()
    found = re.match(r"\s*(\d[\d.]*)", text)
    assert found is not None, text
    return int(found.group(1).replace(".", ""))


def test_editing_the_places_of_a_measure_changes_the_total(
    logged_in: Callable[[str], Page],
) -> None:
    page = logged_in("planung")
    open_version(page, DRAFT)
    open_area(page, "Maßnahmen")
    table = page.get_by_role("table", name=U25)
    total = _table_total(table)
    row = table.get_by_role("row").filter(has=page.get_by_role("link", name=MEASURE, exact=True))
    places = int(row.get_by_role("cell").nth(3).inner_text())

    row.get_by_role("link", name=MEASURE, exact=True).click()
    expect(page.get_by_role("heading", name=MEASURE, level=2)).to_be_visible()
    page.get_by_role("link", name="Maßnahme bearbeiten").click()
    page.get_by_label("Plätze:", exact=True).fill(str(places + 8))
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_role("status")).to_contain_text("1 Angabe(n) gespeichert")
    expect(page.get_by_role("heading", name=MEASURE, level=2)).to_be_visible()
    expect(page.get_by_text(f": {total + 8} Plätze)")).to_be_visible()
    page.get_by_role("link", name="Alle Maßnahmen").click()
    table = page.get_by_role("table", name=U25)
    expect(table.get_by_role("row").filter(has_text=MEASURE)).to_contain_text(str(places + 8))
    assert _table_total(table) == total + 8
    expect(table.get_by_role("row").last).to_contain_text(f"gedruckt: {total}")


def _goal_row(page: Page, goal: str) -> Locator:
    """A training goal's row on the voucher screen: duration, four quarters, total."""
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=goal)).first


def _count(cell: Locator) -> int:
    text = cell.inner_text().split("\n")[0].strip()  # a printed total may follow
    return int(text.replace(".", "") or 0)


def test_editing_a_voucher_count_shows_in_the_voucher_tables(
    logged_in: Callable[[str], Page],
) -> None:
    page = logged_in("planung")
    open_version(page, DRAFT)
    open_area(page, "Gutscheine")
    page.get_by_role("link", name="Gutscheinplanung bearbeiten").click()
    field = page.get_by_role("textbox").first  # the first quarter of the first training goal
    goal = (field.get_attribute("aria-label") or "").split(" › ")[1]
    before = int(field.input_value().replace(".", "") or 0)
    page.get_by_role("link", name="Zurück zur Gutscheinplanung").click()
    total = _count(_goal_row(page, goal).get_by_role("cell").nth(5))

    page.get_by_role("link", name="Gutscheinplanung bearbeiten").click()
    page.get_by_role("textbox", name=f"Bildungsziele › {goal} › 1. Quartal").fill(str(before + 7))
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_role("status")).to_have_text("Gutscheinplanung: 1 Wert(e) gespeichert.")
    cells = _goal_row(page, goal).get_by_role("cell")
    expect(cells.nth(1)).to_have_text(str(before + 7))
    assert _count(cells.nth(5)) == total + 7
