"""axe-core (bundled with axe-playwright-python) on every screen: no serious or critical issue.

Each screen is visited in the states a person meets: empty, with a message, with an error.
Not checked: /api/docs, django-ninja's Swagger UI for developers (its own markup and
colours, not amp's screens).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import log_in
from tests.browser.screens import amount_field, open_version

BLOCKING = {"serious", "critical"}
AXE = Axe()


def _blocking_violations(page: Page) -> list[str]:
    results: dict[str, Any] = AXE.run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


def _login(page: Page) -> None:
    page.goto("/anmelden/")


def _login_failed(page: Page) -> None:
    page.goto("/anmelden/")
    page.get_by_label("Benutzername").fill("planung")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_be_visible()


def _locked(page: Page) -> None:
    for _ in range(5):
        _login_failed(page)
    expect(page.get_by_role("heading", name="Anmeldung vorübergehend gesperrt")).to_be_visible()


def _plan_list(page: Page) -> None:
    log_in(page, "planung")


def _published_version(page: Page) -> None:
    log_in(page, "beirat")
    open_version(page, 1)


def _draft_for_planning(page: Page) -> None:
    log_in(page, "planung")
    open_version(page, 2)


def _draft_for_leitung(page: Page) -> None:
    log_in(page, "leitung")
    open_version(page, 2)


def _draft_after_save_and_error(page: Page) -> None:
    _draft_for_planning(page)
    amount_field(page).fill("1,2,3")
    amount_field(page).press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    amount_field(page).fill("31.000")
    amount_field(page).press("Enter")
    expect(page.get_by_role("status")).to_be_visible()
    page.reload()  # the audit log and the list of changes appear


def _cut_scenario(page: Page) -> None:
    log_in(page, "planung")
    open_version(page, 1)
    page.get_by_role("link", name="Kürzungsszenario durchspielen").click()


def _cut_preview(page: Page) -> None:
    _cut_scenario(page)
    page.get_by_label("Kürzung in %").fill("5")
    page.get_by_role("button", name="Vorschau berechnen").click()
    expect(page.get_by_role("button", name="Als neuen Entwurf speichern")).to_be_visible()


def _cut_error(page: Page) -> None:
    _cut_scenario(page)
    page.get_by_label("Kürzung in %").fill("abc")
    page.get_by_role("button", name="Vorschau berechnen").click()
    expect(page.get_by_role("alert")).to_be_visible()


def _not_found(page: Page) -> None:
    log_in(page, "beirat")
    page.goto("/gibt-es-nicht/")
    expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()


def _forbidden(page: Page) -> None:
    log_in(page, "beirat")
    open_version(page, 1)
    page.goto(page.url + "kuerzung/")  # the cut scenario is for planning only
    expect(page.get_by_role("heading", name="Nicht erlaubt")).to_be_visible()


SCREENS: dict[str, Callable[[Page], None]] = {
    "anmelden": _login,
    "anmelden-fehler": _login_failed,
    "anmelden-gesperrt": _locked,
    "planliste": _plan_list,
    "stand-beschlossen-beirat": _published_version,
    "stand-entwurf-planung": _draft_for_planning,
    "stand-entwurf-leitung": _draft_for_leitung,
    "stand-nach-speichern": _draft_after_save_and_error,
    "kuerzung": _cut_scenario,
    "kuerzung-vorschau": _cut_preview,
    "kuerzung-fehler": _cut_error,
    "nicht-gefunden": _not_found,
    "nicht-erlaubt": _forbidden,
}


NARROW = {"width": 390, "height": 844}  # a phone: wide tables scroll


@pytest.mark.parametrize("visit", SCREENS.values(), ids=SCREENS.keys())
def test_no_serious_accessibility_violations(
    new_context: Callable[[], BrowserContext], visit: Callable[[Page], None]
) -> None:
    page = new_context().new_page()
    visit(page)
    violations = _blocking_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize(
    "visit",
    [_draft_after_save_and_error, _cut_preview],
    ids=["stand-nach-speichern", "kuerzung-vorschau"],
)
def test_no_serious_accessibility_violations_on_a_narrow_screen(
    new_context: Callable[[], BrowserContext], visit: Callable[[Page], None]
) -> None:
    page = new_context().new_page()
    page.set_viewport_size(NARROW)
    visit(page)
    violations = _blocking_violations(page)
    assert not violations, "\n".join(violations)
