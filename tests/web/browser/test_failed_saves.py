"""htmx saves tell the truth: a save that fails on the server, or after the session ended in
another tab, is marked at the field, said in the message region, and leaves nothing that
looks saved."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from amp.core import formatting
from amp.web.plans.views import budget
from tests.web.browser.screens import FIRST_LINE, amount_field, open_area, open_version

DRAFT = 2  # the demo's draft; version 1 is the published example


def _save(page: Page, value: Decimal) -> None:
    amount_field(page).fill(formatting.amount_input(value))
    amount_field(page).press("Enter")


def test_a_server_error_is_not_shown_as_saved(
    logged_in: Callable[[str], Page], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = logged_in("planung")
    open_version(page, DRAFT)
    open_area(page, "Budget")
    saved = formatting.parse_amount(amount_field(page).input_value())
    assert saved is not None
    saved += Decimal("1")
    _save(page, saved)
    expect(page.get_by_role("status")).to_contain_text(f"Betrag „{FIRST_LINE}“ gespeichert")
    expect(page.locator("td.saved")).to_have_count(1)

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(budget, "set_value", broken)
    _save(page, saved + Decimal("500"))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nicht gespeichert: Fehler auf dem Server (500)")
    expect(alert).to_contain_text(f"Ihre Eingabe „{formatting.amount_input(saved + 500)}“")
    expect(amount_field(page)).to_have_attribute("aria-invalid", "true")
    expect(amount_field(page)).to_have_value(formatting.amount_input(saved))
    expect(page.locator("td.saved")).to_have_count(0)
    expect(page.locator("#meldung")).not_to_contain_text(f"„{FIRST_LINE}“ gespeichert")
    monkeypatch.undo()
    page.reload()
    expect(amount_field(page)).to_have_value(formatting.amount_input(saved))


def test_an_expired_session_says_so_and_offers_the_login(
    logged_in: Callable[[str], Page],
) -> None:
    page = logged_in("planung")
    open_version(page, DRAFT)
    open_area(page, "Budget")
    before = amount_field(page).input_value()
    other_tab = page.context.new_page()
    other_tab.goto("/")
    other_tab.get_by_role("button", name="Abmelden (planung)").click()
    expect(other_tab.get_by_label("Passwort")).to_be_visible()

    _save(page, Decimal("4711"))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Sitzung abgelaufen – nichts wurde gespeichert")
    expect(page.get_by_label("Passwort")).to_have_count(0)  # no login page in the table
    expect(amount_field(page)).to_have_value(before)
    expect(amount_field(page)).to_have_attribute("aria-invalid", "true")
    alert.get_by_role("link", name="Zur Anmeldung").click()
    page.get_by_label("Benutzername").fill("planung")
    page.get_by_label("Passwort").fill("demo")
    page.get_by_role("button", name="Anmelden").click()
    expect(amount_field(page)).to_have_value(before)  # back on the budget, nothing saved
