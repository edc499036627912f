"""Logging in and finding one's way: plan list, version page, the versions of a plan."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from tests.web.browser.conftest import PASSWORD
from tests.web.browser.screens import FIRST_LINE, PLAN_TITLE, areas, open_area


def test_wrong_password_is_refused_then_the_right_one_lets_in(
    new_context: Callable[[], BrowserContext],
) -> None:
    page = new_context().new_page()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/anmelden/\?next=/$"))
    page.get_by_label("Benutzername").fill("planung")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Benutzername oder Passwort ist falsch. Bitte erneut versuchen."
    )
    expect(page.get_by_label("Benutzername")).to_have_value("planung")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Arbeitsmarktprogramme")).to_be_visible()
    expect(page.get_by_role("button", name="Abmelden (planung)")).to_be_visible()


def test_plan_list_leads_to_the_version_page(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("planung")
    listing = page.get_by_role("table", name="Planstände, die Sie sehen dürfen")
    expect(listing.get_by_role("row")).to_have_count(3)  # header, published version, draft
    published = listing.get_by_role("row", name=re.compile("Version 1"))
    expect(published).to_contain_text("Jobcenter EN")
    expect(published).to_contain_text("Beschlossen")
    published.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)
    expect(areas(page).locator("[aria-current=page]")).to_have_text("Überblick")
    expect(
        page.get_by_role("heading", name=re.compile(r"^Offene Befunde \(\d+\)$"))
    ).to_be_visible()
    open_area(page, "Stände und Vergleich")
    versions = page.get_by_role("table", name="Stände dieses Plans")
    expect(versions.get_by_role("row", name=re.compile("^Version 1"))).to_contain_text(
        "Beschlossen (gilt)"
    )
    versions.get_by_role("row", name=re.compile("^Version 2")).get_by_role(
        "link", name="Version 2"
    ).click()
    expect(page.get_by_text("Version 2 · Stand")).to_be_visible()
    open_area(page, "Budget")
    expect(page.get_by_role("textbox", name=FIRST_LINE, exact=True)).to_be_editable()


def test_beirat_sees_the_published_version_only_and_cannot_edit(
    logged_in: Callable[[str], Page],
) -> None:
    page = logged_in("beirat")
    listing = page.get_by_role("table", name="Planstände, die Sie sehen dürfen")
    expect(listing.get_by_role("link")).to_have_text(["Version 1"])
    listing.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)
    expect(page.get_by_text("Ihre Rolle: Beirat")).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Entwurf"))).to_have_count(0)


def test_logout_ends_the_session(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("leitung")
    page.get_by_role("button", name="Abmelden (leitung)").click()
    page.goto("/")
    expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()
