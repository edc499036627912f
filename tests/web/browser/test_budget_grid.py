"""The budget grid as a spreadsheet: pinned header, line names and totals; keyboard moves;
paste of blocks from a spreadsheet; undo of one's own last change."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from tests.web.browser.screens import FIRST_LINE, amount_field, open_area, open_version

DRAFT = 2  # the demo's draft


def _budget(logged_in: Callable[[str], Page], width: int = 1400, height: int = 900) -> Page:
    page = logged_in("planung")
    page.set_viewport_size({"width": width, "height": height})
    open_version(page, DRAFT)
    open_area(page, "Budget")
    return page


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, locator
    return box


def _region(page: Page) -> Locator:
    return page.get_by_role("region", name="Budget: Eingliederungsplanung")


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


def test_plan_column_is_visible_at_1280_px_without_scrolling(
    logged_in: Callable[[str], Page],
) -> None:
    page = _budget(logged_in, width=1280)
    header = page.get_by_role("columnheader", name="Eingliederungsplanung 2024")
    field = amount_field(page)
    viewport = {"x": 0, "y": 0, "width": 1280, "height": 100_000}
    assert _inside(_box(header), viewport)
    assert _inside(_box(field), viewport)
    scroll = _region(page).evaluate("region => region.scrollWidth - region.clientWidth")
    assert scroll <= 0  # the compact grid needs no horizontal scrolling


def test_header_first_column_and_totals_stay_pinned_while_scrolling(
    logged_in: Callable[[str], Page],
) -> None:
    page = _budget(logged_in, width=1000, height=700)
    page.get_by_role("link", name="Alle Spalten und Mengen bearbeiten").click()
    region = _region(page)
    header = page.get_by_role("columnheader", name="Maßnahmeart")
    name = page.get_by_role("rowheader", name=FIRST_LINE, exact=True)
    total = page.get_by_role("row", name=re.compile("^Gesamtsummen"))
    expect(header).to_be_visible()
    before_header, before_name = _box(header), _box(name)
    sizes = region.evaluate("r => [r.scrollWidth - r.clientWidth, r.scrollHeight - r.clientHeight]")
    assert sizes[0] > 100, sizes  # the region really scrolls both ways
    assert sizes[1] > 100, sizes
    region.evaluate("r => { r.scrollTop = 600; r.scrollLeft = 400; }")
    page.wait_for_timeout(100)
    outer = _box(region)
    after_header, after_name = _box(header), _box(name)
    assert abs(after_header["y"] - before_header["y"]) < 1  # header pinned on top
    assert abs(after_header["x"] - before_header["x"]) < 1  # and its first cell on the left
    assert abs(after_name["x"] - before_name["x"]) < 1  # the line name stays at the left
    assert after_name["y"] < before_name["y"] - 100  # while its row scrolled up
    totals = _box(total.get_by_role("rowheader"))
    assert _inside(totals, outer)  # the totals stay in view at the bottom
    assert totals["y"] + totals["height"] > outer["y"] + outer["height"] - 80
