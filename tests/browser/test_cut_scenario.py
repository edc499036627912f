"""The cut scenario: a 5 % preview, a refused bad percentage, then saving as a new draft."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from playwright.sync_api import Page, expect

from amp import formatting
from tests.browser.screens import open_version, overview_amount


def test_cut_preview_and_save_as_new_draft(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("planung")
    open_version(page, 1)
    before = overview_amount(page)
    page.get_by_role("link", name="Kürzungsszenario durchspielen").click()
    expect(page.get_by_role("heading", name="Kürzungsszenario", level=1)).to_be_visible()

    percent = page.get_by_label("Kürzung in %")
    percent.fill("150")
    page.get_by_role("button", name="Vorschau berechnen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kürzung in %:")
    expect(page.get_by_role("button", name="Als neuen Entwurf speichern")).to_have_count(0)

    percent.fill("5")
    page.get_by_role("button", name="Vorschau berechnen").click()
    preview = page.get_by_role("region", name="Vorschau: Kürzung um 5,00 %")
    expect(preview).to_contain_text(f"Planung gesamt: {formatting.money(before)} →")
    summary = preview.get_by_text("Planung gesamt:").inner_text()
    found = re.search(r"→ (.+?) \(", summary)
    assert found is not None, summary
    after = formatting.parse_amount(found.group(1))
    assert after is not None
    assert after < before
    # mandatory benefits are not cut, so the total shrinks by at most 5 %
    assert after >= before * Decimal("0.95")

    preview.get_by_role("button", name="Als neuen Entwurf speichern").click()
    expect(page.get_by_role("status")).to_have_text(
        "Kürzungsszenario als neuer Entwurf (Version 3) angelegt."
    )
    versions = page.get_by_role("navigation", name="Versionen dieses Plans")
    expect(versions.locator("[aria-current=page]")).to_have_text("3 (Entwurf)")
    assert overview_amount(page) == after
    expect(page.get_by_text("Kürzung um 5,00 %")).not_to_have_count(0)  # the version's label

    open_version(page, 1)
    assert overview_amount(page) == before  # the source version is unchanged
