"""Version steps in the browser: the Leitung approves a draft, the planning copies a version."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.web.browser.screens import open_area, open_version


def test_leitung_approves_the_draft(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("leitung")
    open_version(page, 2)
    page.get_by_role("link", name="Diesen Entwurf beschließen …").click()
    expect(page.get_by_role("heading", name="Version 2 beschließen?")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Offene Fehler"))).to_be_visible()
    page.get_by_role("button", name="Version 2 jetzt beschließen").click()
    expect(page.get_by_role("status")).to_have_text("Version 2 ist jetzt Fortgeschrieben.")
    expect(page.get_by_role("link", name="Diesen Entwurf beschließen …")).to_have_count(0)
    open_area(page, "Stände und Vergleich")
    versions = page.get_by_role("table", name="Stände dieses Plans")
    expect(versions.get_by_role("row", name=re.compile("^Version 2"))).to_contain_text(
        "Fortgeschrieben (gilt)"  # the version approved last is in force
    )
    open_area(page, "Budget")
    expect(page.get_by_role("textbox")).to_have_count(0)  # approved versions stay as they are


def test_planning_copies_a_version_as_a_new_draft(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("planung")
    open_version(page, 1)
    page.get_by_role("button", name="Neuen Entwurf als Kopie anlegen").click()
    expect(page.get_by_role("status")).to_have_text("Neuer Entwurf (Version 3) als Kopie angelegt.")
    open_area(page, "Stände und Vergleich")
    copy = page.get_by_role("table", name="Stände dieses Plans").get_by_role(
        "row", name=re.compile("^Version 3")
    )
    expect(copy).to_contain_text("Entwurf")
    expect(copy.get_by_role("cell").nth(3)).to_have_text("Version 1")  # "Kopie von"
