"""Reflow (WCAG 1.4.10, BITV 2.0) on every screen: at 390 and 320 CSS px no page-level
horizontal scroll, wide content scrolls in its own labelled, focusable region, and axe finds
nothing serious or critical there.

320 CSS px is also what a 1280 px window shows at 400 % zoom and what 640 px show at 200 %,
so this covers the zoom case of the criterion as well.

The screens are the axe run's (`SCREENS` of test_accessibility.py) plus the detail and form
screens it does not visit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.web.browser.conftest import log_in
from tests.web.browser.screens import open_area, open_version
from tests.web.browser.test_accessibility import SCREENS, _blocking_violations

WIDTHS = {"390px": {"width": 390, "height": 844}, "320px": {"width": 320, "height": 640}}


def _measure(page: Page) -> None:
    _area("planung", 2, "Maßnahmen")(page)
    page.get_by_role("table").first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=2).first).to_be_visible()


def _measure_edit(page: Page) -> None:
    _measure(page)
    page.get_by_role("link", name="Bearbeiten", exact=False).first.click()
    expect(page.get_by_role("button").last).to_be_visible()


def _vouchers_edit(page: Page) -> None:
    _area("planung", 2, "Gutscheine")(page)
    page.get_by_role("link", name="bearbeiten", exact=False).first.click()
    expect(page.get_by_role("button").last).to_be_visible()


def _area(username: str, number: int, area: str) -> Callable[[Page], None]:
    def visit(page: Page) -> None:
        log_in(page, username)
        open_version(page, number)
        open_area(page, area)

    return visit


def _chapter_edit(page: Page) -> None:
    _area("planung", 2, "Kapitel")(page)
    page.get_by_role("main").get_by_role("listitem").filter(has_text=".md)").first.get_by_role(
        "link"
    ).click()
    expect(page.get_by_role("textbox").first).to_be_visible()


def _approve(page: Page) -> None:
    log_in(page, "leitung")
    open_version(page, 2)
    page.get_by_role("link", name="Diesen Entwurf beschließen …").click()
    expect(page.get_by_role("heading", level=2).first).to_be_visible()


def _main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Hauptnavigation")


def _user_detail(page: Page) -> None:
    log_in(page, "admin")
    _main_nav(page).get_by_role("link", name="Benutzer").click()
    page.get_by_role("main").get_by_role("link", name="planung", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _user_create(page: Page) -> None:
    log_in(page, "admin")
    _main_nav(page).get_by_role("link", name="Benutzer").click()
    page.get_by_role("main").get_by_role("link", name="Neuen Benutzer anlegen").first.click()
    expect(page.get_by_role("button").last).to_be_visible()


def _vollzug(username: str, number: int) -> Callable[[Page], None]:
    def visit(page: Page) -> None:
        log_in(page, username)
        open_version(page, number)
        page.get_by_role("link", name="Vollzug", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Vollzug 2024")

    return visit


def _vollzug_line(page: Page) -> None:
    _vollzug("beirat", 1)(page)
    page.get_by_role("link", name="Eingliederungszuschüsse (§§ 88 ff SGB III)").click()
    expect(page.get_by_role("heading", name="Wie die Hochrechnung entsteht")).to_be_visible()


def _vollzug_mapping(page: Page) -> None:
    _vollzug("planung", 2)(page)
    page.get_by_role("link", name="Kontenzuordnung").click()
    expect(page.get_by_role("heading", name="Konten ohne Planzeile (1)")).to_be_visible()


def _vollzug_import(page: Page) -> None:
    _vollzug("planung", 2)(page)
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("button").last).to_be_visible()


MORE_SCREENS: dict[str, Callable[[Page], None]] = {
    "ueberblick": _area("planung", 2, "Überblick"),
    "massnahme": _measure,
    "massnahme-bearbeiten": _measure_edit,
    "gutscheine-bearbeiten": _vouchers_edit,
    "kapitel": _area("planung", 2, "Kapitel"),
    "kapitel-bearbeiten": _chapter_edit,
    "beschliessen": _approve,
    "benutzer-einzeln": _user_detail,
    "benutzer-neu": _user_create,
    "vollzug": _vollzug("beirat", 1),
    "vollzug-planzeile": _vollzug_line,
    "vollzug-kontenzuordnung": _vollzug_mapping,
    "vollzug-import": _vollzug_import,
}
ALL_SCREENS = {**SCREENS, **MORE_SCREENS}

# Every element that scrolls sideways (and is not the page) must be a region with a name
# that a keyboard can reach; returns the ones that are not.
_UNLABELLED_SCROLLERS = """() => [...document.querySelectorAll('body *')].filter(e => {
    const style = getComputedStyle(e);
    if (!['auto', 'scroll'].includes(style.overflowX)) return false;
    if (e.scrollWidth <= e.clientWidth) return false;
    const named = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby');
    return !(e.getAttribute('role') === 'region' && named && e.tabIndex === 0);
}).map(e => e.outerHTML.slice(0, 160))"""


# The page's width against the window's, and (to say what to fix) the outermost elements
# that stick out of the window without being inside something that scrolls on its own.
_PAGE_WIDTH = """() => {
    const clipped = e => { for (let a = e.parentElement; a && a !== document.body;
        a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') return true; }
        return false; };
    const wide = [...document.querySelectorAll('body *')].filter(e =>
        e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e)
        && !(e.parentElement && e.parentElement.getBoundingClientRect().right
             > window.innerWidth + 1));
    return {page: document.documentElement.scrollWidth, window: window.innerWidth,
            wide: wide.slice(0, 5).map(e => e.outerHTML.slice(0, 200))};
}"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("visit", ALL_SCREENS.values(), ids=ALL_SCREENS.keys())
def test_reflow_without_page_scroll(
    new_context: Callable[[], BrowserContext],
    visit: Callable[[Page], None],
    width: dict[str, int],
) -> None:
    page = new_context().new_page()
    page.set_viewport_size(width)
    visit(page)
    page.wait_for_load_state("load")  # stylesheets applied before anything is measured
    sizes: dict[str, Any] = page.evaluate(_PAGE_WIDTH)
    assert sizes["page"] <= sizes["window"], sizes
    assert page.evaluate(_UNLABELLED_SCROLLERS) == []
    violations = _blocking_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_header_wraps_and_keeps_every_entry_on_screen(
    new_context: Callable[[], BrowserContext], width: dict[str, int]
) -> None:
    page = new_context().new_page()
    page.set_viewport_size(width)
    log_in(page, "admin")
    page.wait_for_load_state("load")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    for entry in (
        nav.get_by_role("link", name="Plan importieren"),
        nav.get_by_role("link", name="Benutzer"),
        nav.get_by_role("button", name="Abmelden (admin)"),
    ):
        expect(entry).to_be_in_viewport(ratio=1)
        box = entry.bounding_box()
        assert box is not None
        assert box["x"] >= 0, box
        assert box["x"] + box["width"] <= width["width"], box
    nav.get_by_role("link", name="Plan importieren").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_wide_table_scrolls_in_its_region_by_keyboard(
    new_context: Callable[[], BrowserContext],
) -> None:
    """The budget table at 320 px: its region takes focus, arrow keys scroll it, the page
    stays put."""
    page = new_context().new_page()
    page.set_viewport_size(WIDTHS["320px"])
    _area("beirat", 1, "Budget")(page)
    page.wait_for_load_state("load")
    region = page.get_by_role("region", name="Budget: Eingliederungsplanung", exact=True)
    region.focus()
    expect(region).to_be_focused()
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.activeElement.scrollLeft > 0", polling=100, timeout=5_000
    )
    assert page.evaluate("() => window.scrollX") == 0


ZOOMED = {"width": 640, "height": 450}  # a 1280 x 900 window at 200 % zoom


@pytest.mark.parametrize(
    "visit",
    [ALL_SCREENS[name] for name in ("planliste", "budget-alle-spalten", "vollzug", "benutzer")],
    ids=["planliste", "budget-alle-spalten", "vollzug", "benutzer"],
)
def test_reflow_at_200_percent_zoom(
    new_context: Callable[[], BrowserContext], visit: Callable[[Page], None]
) -> None:
    page = new_context().new_page()
    page.set_viewport_size(ZOOMED)
    visit(page)
    page.wait_for_load_state("load")  # stylesheets applied before anything is measured
    sizes: dict[str, Any] = page.evaluate(_PAGE_WIDTH)
    assert sizes["page"] <= sizes["window"], sizes
    assert page.evaluate(_UNLABELLED_SCROLLERS) == []
