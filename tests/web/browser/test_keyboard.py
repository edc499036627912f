"""The edit flow with the keyboard alone: log in, reach the field with Tab, type, Enter."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.web.browser.conftest import PASSWORD
from tests.web.browser.screens import PLAN_TITLE, SECOND_LINE, amount_field, areas

MAX_TABS = 200  # more would mean the field cannot be reached sensibly


def _focused(locator: Locator) -> bool:
    return bool(locator.evaluate("element => element === document.activeElement"))


def _tab_to(page: Page, target: Locator) -> int:
    """Press Tab until the target has the focus; how many presses it took."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if _focused(target):
            return presses
    raise AssertionError(f"{target} ist mit Tab nicht erreichbar")


def test_edit_an_amount_with_the_keyboard_only(new_context: Callable[[], BrowserContext]) -> None:
    page = new_context().new_page()
    page.goto("/anmelden/")
    expect(page.get_by_label("Benutzername")).to_be_focused()  # autofocus
    page.keyboard.type("planung")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Arbeitsmarktprogramme")).to_be_visible()

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    _tab_to(page, page.get_by_role("link", name="Version 2", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)
    _tab_to(page, areas(page).get_by_role("link", name="Budget", exact=True))
    page.keyboard.press("Enter")
    field = amount_field(page)
    expect(field).to_be_visible()

    _tab_to(page, field)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("31.500,25")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("gespeichert: 31.500,25 €")
    expect(amount_field(page)).to_have_value("31.500,25")
    expect(amount_field(page, SECOND_LINE)).to_be_focused()  # on to the line below


def test_skip_link_jumps_over_the_header(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("planung")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Zum Inhalt springen"
    page.keyboard.press("Tab")
    main = page.get_by_role("main")
    assert main.evaluate("main => main.contains(document.activeElement)")
