"""The cut scenario: a 5 % preview, a refused bad percentage, then saving as a new draft;
a cut in euros by priority and what it does to places."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from playwright.sync_api import Browser, Locator, Page, expect

from amp.core import formatting
from tests.web.browser.conftest import log_in
from tests.web.browser.screens import areas, open_area, open_version, planned_total

PREVIEW = "Vorschau: Kürzung um 5,00 % (anteilig)"
KEPT = "Aktivierungsmaßnahmen (§ 45 SGB III) für Erwachsene inkl. AVGS"  # quantity in places


def _form(page: Page) -> Locator:
    return page.get_by_role("form", name="Szenario: Kürzung oder Erhöhung")


def _ask_for(page: Page, size: str, spread: str = "anteilig") -> None:
    """Type the change in the one field, wait for its reading, then compute the preview."""
    form = _form(page)
    form.get_by_role("radio", name="Kürzung").check()
    form.get_by_role("radio", name=spread).check()
    form.get_by_label("Änderung um").fill(size)
    expect(form.locator("#lesart")).to_contain_text(re.compile("Gelesen als|Noch nicht lesbar"))
    form.get_by_role("button", name="Vorschau berechnen").click()


def test_cut_preview_and_save_as_new_draft(logged_in: Callable[[str], Page]) -> None:
    page = logged_in("planung")
    open_version(page, 1)
    before = planned_total(page)
    open_area(page, "Szenario")

    _ask_for(page, "150 %")
    expect(page.get_by_role("alert")).to_contain_text("Änderung")
    expect(page.get_by_role("button", name="Als neuen Entwurf speichern")).to_have_count(0)

    _ask_for(page, "5 %")
    preview = page.get_by_role("region", name=PREVIEW)
    expect(preview).to_contain_text(f"Planung gesamt: {formatting.money(before)} →")
    summary = preview.get_by_text("Planung gesamt:").inner_text()
    found = re.search(r"→ (.+?) \(", summary)
    assert found is not None, summary
    after = formatting.parse_amount(found.group(1))
    assert after is not None
    assert before * Decimal("0.95") <= after < before  # mandatory benefits are not cut
    heading = preview.get_by_role("heading", name=PREVIEW)
    expect(heading).to_be_focused()  # the result takes the focus …
    expect(heading).to_be_in_viewport()  # … and is within view

    preview.get_by_role("button", name="Als neuen Entwurf speichern").click()
    expect(page.get_by_role("status")).to_contain_text("als neuer Entwurf (Version 3) angelegt")
    expect(page.get_by_text("Version 3 · Stand")).to_be_visible()
    expect(areas(page).locator("[aria-current=page]")).to_have_text("Überblick")
    assert planned_total(page) == after

    open_version(page, 1)
    assert planned_total(page) == before  # the source version is unchanged


def test_five_percent_typed_in_one_field_is_read_back_before_computing(
    logged_in: Callable[[str], Page],
) -> None:
    page = logged_in("planung")
    open_version(page, 1)
    open_area(page, "Szenario")
    form = _form(page)
    form.get_by_label("Änderung um").fill("5 %")
    reading = form.locator("#lesart")
    expect(reading).to_contain_text("Gelesen als: Kürzung um 5 % der Planung aller")
    expect(page.get_by_role("region", name=PREVIEW)).to_have_count(0)  # nothing computed yet
    form.get_by_label("Änderung um").fill("+250.000 €")
    expect(reading).to_contain_text("Erhöhung um 250.000,00 €, anteilig verteilt")
    form.get_by_label("Änderung um").fill("-5%")
    expect(reading).to_contain_text("Kürzung um 5 %")
    form.get_by_role("button", name="Vorschau berechnen").click()
    heading = page.get_by_role("heading", name=PREVIEW)
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()


def test_without_javascript_a_confirm_step_reads_the_change_back(
    browser: Browser, site: str
) -> None:
    context = browser.new_context(base_url=site, locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    log_in(page, "planung")
    open_version(page, 1)
    open_area(page, "Szenario")
    form = _form(page)
    form.get_by_label("Änderung um").fill("5 %")
    form.get_by_role("button", name="Vorschau berechnen").click()
    expect(page.locator("#lesart")).to_contain_text("Stimmt das?")
    expect(page.get_by_role("region", name=PREVIEW)).to_have_count(0)
    _form(page).get_by_role("button", name="Vorschau berechnen").click()
    expect(page.get_by_role("region", name=PREVIEW)).to_be_visible()
    context.close()


def test_cut_in_euros_by_priority_spares_priority_one_and_shows_places(
    logged_in: Callable[[str], Page],
) -> None:
    page = logged_in("planung")
    open_version(page, 1)
    before = planned_total(page)
    open_area(page, "Szenario")
    form = _form(page)
    form.get_by_text("Prioritäten je Zeile").click()  # opens the priorities
    form.get_by_role("textbox", name=f"Priorität {KEPT}", exact=True).fill("1")
    _ask_for(page, "100.000", spread="nach Priorität")

    cut = Decimal("100000")
    preview = page.get_by_role(
        "region", name=f"Vorschau: Kürzung um {formatting.money(cut)} (nach Priorität)"
    )
    expect(preview).to_contain_text(
        f"Planung gesamt: {formatting.money(before)} → {formatting.money(before - cut)}"
    )
    rows = preview.get_by_role("row")
    kept = rows.filter(has=page.get_by_role("rowheader", name=KEPT, exact=True))
    cells = kept.get_by_role("cell")  # Gruppe, Pflichtleistung, Priorität, ..., Wirkung
    expect(cells.nth(2)).to_have_text("1")
    expect(cells.nth(5)).to_have_text(cells.nth(4).inner_text())  # nachher = vorher
    expect(cells.nth(7)).to_have_text("")  # no effect on its places
    effects = rows.filter(has_text=re.compile(r"-\d+ Plätze"))
    expect(effects.first).to_be_visible()  # cuts in lines counted in places cost places
