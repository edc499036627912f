"""Comparing two versions: an amount edited in the draft shows as old → new with its Δ."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from playwright.sync_api import Page, expect

from amp.core import formatting
from tests.web.browser.screens import (
    FIRST_LINE,
    amount_field,
    choose_version,
    open_area,
    open_version,
)

EDITED = Decimal("1234.56")


def test_diff_shows_the_edited_line_old_new_and_delta(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("planung")
    open_version(page, 2)  # the draft, so far a copy of version 1
    open_area(page, "Budget")
    old = formatting.parse_amount(amount_field(page).input_value())
    assert old is not None
    new = old + EDITED
    amount_field(page).fill(formatting.amount_input(new))
    amount_field(page).press("Enter")
    expect(page.get_by_role("status")).to_contain_text(f"gespeichert: {formatting.money(new)}")

    open_area(page, "Stände und Vergleich")
    choose_version(page, "Älterer Stand", 1)
    choose_version(page, "Neuerer Stand", 2)
    page.get_by_role("button", name="Vergleichen").click()

    expect(page.get_by_role("heading", name="Vergleich: Version 1 → Version 2")).to_be_visible()
    net = page.get_by_role("table", name="Netto je Gruppe und gesamt")  # how much, where: first
    expect(net.get_by_role("row").last).to_contain_text(f"+{formatting.money(EDITED)}")
    changes = page.get_by_role("table", name="Einzelne Änderungen")
    # header, the status (Beschlossen → Entwurf) and the one edited amount
    expect(changes.get_by_role("row")).to_have_count(3)
    expect(changes.get_by_role("row").nth(1)).to_contain_text("Beschlossen")
    row = changes.get_by_role("row").filter(has_text=FIRST_LINE)
    # the place names group and line by their names, not their ids
    expect(row.get_by_role("rowheader")).to_have_text(
        f"Finanzplanung › Aktivierung, Qualifizierung und berufliche Eingliederung › "
        f"{FIRST_LINE} › Planung"
    )
    cells = row.get_by_role("cell")  # Art, alt, neu, Δ after the row header
    expect(cells.nth(1)).to_have_text(formatting.money(old))
    expect(cells.nth(2)).to_have_text(formatting.money(new))
    expect(cells.nth(3)).to_have_text(f"+{formatting.money(EDITED)}")

    choose_version(page, "Älterer Stand", 2)  # the same version twice has nothing to compare
    page.get_by_role("button", name="Vergleichen").click()
    expect(page.get_by_text("Bitte zwei verschiedene Stände wählen.")).to_be_visible()
