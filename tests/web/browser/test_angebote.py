"""The offer finder with the keyboard alone: log in as Integrationsfachkraft, describe the
person with Tab, type and arrow keys, search with Enter, read the first offer's reasons."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.web.browser.conftest import PASSWORD

MAX_TABS = 80


def _focused(locator: Locator) -> bool:
    return bool(locator.evaluate("element => element === document.activeElement"))


def _tab_to(page: Page, target: Locator) -> int:
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if _focused(target):
            return presses
    raise AssertionError(f"{target} ist mit Tab nicht erreichbar")


def _choose(page: Page, label: str, option: str) -> None:
    """A select reached by Tab and set by typing the option, as a keyboard user does."""
    select = page.get_by_label(label)
    _tab_to(page, select)
    page.keyboard.type(option)
    expect(select).to_have_value(option)


def test_find_an_offer_by_keyboard_only(new_context: Callable[[], BrowserContext]) -> None:
    page = new_context().new_page()
    page.goto("/anmelden/")
    page.keyboard.type("integration")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Arbeitsmarktprogramme")).to_be_visible()

    nav = page.get_by_role("navigation", name="Hauptnavigation")
    _tab_to(page, nav.get_by_role("link", name="Angebote", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Angebot finden")

    age = page.get_by_label("Alter (Jahre)")
    _tab_to(page, age)
    page.keyboard.type("22")
    _choose(page, "Deutschkenntnisse", "A2")
    page.keyboard.press("Tab")  # Aufenthaltsstatus
    page.keyboard.type("anerkannt")
    expect(page.get_by_label("Aufenthaltsstatus")).to_have_value("schutz")
    page.keyboard.press("Tab")  # Fluchthintergrund
    page.keyboard.type("ja")
    expect(page.get_by_label("Fluchthintergrund")).to_have_value("ja")
    stichtag = page.get_by_label("Stichtag")
    _tab_to(page, stichtag)
    page.keyboard.type("02.05.2024")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Angebote gefunden")
    results = page.get_by_role("region", name="Passende Angebote am 02.05.2024")
    first = results.get_by_role("article").first
    expect(first.get_by_role("heading", level=3)).to_contain_text("Jugendintegrationskurs")
    expect(first).to_contain_text("nächster Beginn 03.06.2024")
    expect(first).to_contain_text("§ 13 Abs. 1 Nr. 1 IntV")
    expect(results).to_contain_text("danach „Anerkennung“")

    choose = first.get_by_role("checkbox", name="auf das Angebotsblatt")
    _tab_to(page, choose)
    page.keyboard.press("Space")
    expect(choose).to_be_checked()
