"""Version steps in the browser: the Leitung approves a draft, the planning copies a version."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.screens import open_version


def test_leitung_approves_the_draft(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("leitung")
    open_version(page, 2)
    expect(page.get_by_role("textbox")).to_have_count(0)  # the Leitung does not edit
    page.get_by_role("button", name="Diesen Entwurf beschließen").click()
    expect(page.get_by_role("status")).to_have_text("Version 2 ist jetzt Fortgeschrieben.")
    expect(page.get_by_role("button", name="Diesen Entwurf beschließen")).to_have_count(0)
    versions = page.get_by_role("navigation", name="Versionen dieses Plans")
    expect(versions.locator("[aria-current=page]")).to_have_text("2 (Fortgeschrieben)")


def test_planning_copies_a_version_as_a_new_draft(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("planung")
    open_version(page, 1)
    page.get_by_role("button", name="Neuen Entwurf als Kopie anlegen").click()
    expect(page.get_by_role("status")).to_have_text("Neuer Entwurf (Version 3) als Kopie angelegt.")
    expect(page.get_by_role("heading", name=re.compile("^Planung bearbeiten"))).to_be_visible()
    changes = page.get_by_role("region", name="Änderungen gegenüber Version 1")
    expect(changes.get_by_role("row")).to_have_count(2)  # header and the status, no amount
    expect(changes.get_by_role("row").nth(1)).to_have_text(
        re.compile("status.*beschlossen.*entwurf")
    )
