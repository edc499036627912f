"""Editing the planning amount of a budget line: totals and findings follow, conflicts show."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from playwright.sync_api import Page, expect

from amp.core import formatting
from tests.web.browser.screens import (
    FIRST_LINE,
    amount_field,
    findings_count,
    open_area,
    open_version,
    planned_total,
)

DRAFT = 2  # the demo's draft; version 1 is the published example


def test_saving_an_amount_updates_totals_and_findings(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("planung")
    open_version(page, DRAFT)
    total = planned_total(page)
    open_area(page, "Budget")
    field = amount_field(page)
    old = formatting.parse_amount(field.input_value())
    assert old is not None
    count = findings_count(page)
    new = old + Decimal("10000")
    field.fill(formatting.amount_input(new))
    field.press("Enter")
    expect(page.get_by_role("status")).to_have_text(
        f"Betrag „{FIRST_LINE}“ gespeichert: {formatting.money(new)}."
    )
    expect(amount_field(page)).to_have_value(formatting.amount_input(new))
    expect(page.get_by_role("heading", name=f"Offene Befunde ({count})")).to_have_count(0)
    assert findings_count(page) > count  # printed sums no longer match the lines
    new_total = formatting.money(total + Decimal("10000"))
    expect(page.get_by_role("row", name=re.compile("^Gesamtsummen"))).to_contain_text(new_total)
    page.reload()  # saved for real, not just shown
    expect(amount_field(page)).to_have_value(formatting.amount_input(new))
    open_area(page, "Überblick")
    assert planned_total(page) == total + Decimal("10000")


def test_bad_input_names_the_line_and_keeps_the_value(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("planung")
    open_version(page, DRAFT)
    open_area(page, "Budget")
    before = amount_field(page).input_value()
    amount_field(page).fill("12,3,4")
    amount_field(page).press("Enter")
    expect(page.get_by_role("alert")).to_contain_text(f"Betrag „{FIRST_LINE}“")
    expect(amount_field(page)).to_have_attribute("aria-invalid", "true")
    page.reload()
    expect(amount_field(page)).to_have_value(before)  # nothing was saved


def test_two_planners_editing_one_line_get_a_conflict(logged_in: Callable[[str], Page]) -> None:
    first, second = logged_in("planung"), logged_in("admin")
    for page in (first, second):
        open_version(page, DRAFT)
        open_area(page, "Budget")
    amount_field(first).fill("41.000")
    amount_field(first).press("Enter")
    expect(first.get_by_role("status")).to_contain_text("gespeichert: 41.000,00 €")
    amount_field(second).fill("52.000")  # the second still sees the old value
    amount_field(second).press("Enter")
    message = second.get_by_role("status")
    expect(message).to_contain_text("Konflikt")
    expect(message).to_contain_text("inzwischen auf 41.000,00 € geändert")
    expect(message).to_contain_text("52.000,00 €")
    second.reload()
    expect(amount_field(second)).to_have_value("41.000,00")  # the first one's value stays
