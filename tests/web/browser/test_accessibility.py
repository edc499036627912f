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

from tests.web.browser.conftest import log_in
from tests.web.browser.screens import amount_field, open_area, open_version

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


def _draft_for_leitung(page: Page) -> None:
    log_in(page, "leitung")
    open_version(page, 2)


def _area(username: str, number: int, area: str) -> Callable[[Page], None]:
    def visit(page: Page) -> None:
        log_in(page, username)
        open_version(page, number)
        open_area(page, area)

    return visit


def _budget_after_error_and_save(page: Page) -> None:
    _area("planung", 2, "Budget")(page)
    amount_field(page).fill("1,2,3")
    amount_field(page).press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    amount_field(page).fill("31.000")
    amount_field(page).press("Enter")
    # the error before said "Nichts wurde gespeichert" in the same status region
    expect(page.get_by_role("status")).to_contain_text("gespeichert: 31.000,00 €")


def _budget_all_columns(page: Page) -> None:
    _area("planung", 2, "Budget")(page)
    page.get_by_role("link", name="Alle Spalten und Mengen bearbeiten").click()
    expect(page.get_by_role("textbox")).not_to_have_count(0)


def _diff(page: Page) -> None:
    _area("planung", 2, "Stände und Vergleich")(page)
    page.get_by_role("link", name="Änderungen zu Version 1").click()
    expect(page.get_by_role("heading", level=2).first).to_be_visible()


def _scenario_form(page: Page, percent: str) -> None:
    _area("planung", 1, "Szenario")(page)
    form = page.get_by_role("form", name="Szenario: Kürzung oder Erhöhung")
    form.get_by_role("radio", name="Prozent").check()
    form.get_by_label("Änderung um").fill(percent)
    form.get_by_role("button", name="Vorschau berechnen").click()


def _scenario_preview(page: Page) -> None:
    _scenario_form(page, "5")
    expect(page.get_by_role("button", name="Als neuen Entwurf speichern")).to_be_visible()


def _scenario_error(page: Page) -> None:
    _scenario_form(page, "abc")
    expect(page.get_by_role("alert")).to_be_visible()


def _header_link(username: str, name: str) -> Callable[[Page], None]:
    def visit(page: Page) -> None:
        log_in(page, username)
        page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
            "link", name=name
        ).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()

    return visit


def _not_found(page: Page) -> None:
    log_in(page, "beirat")
    page.goto("/gibt-es-nicht/")
    expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()


def _forbidden(page: Page) -> None:
    log_in(page, "beirat")
    open_version(page, 1)
    page.goto(page.url + "szenario/")  # scenarios are for planning only
    expect(page.get_by_role("heading", name="Nicht erlaubt")).to_be_visible()


SCREENS: dict[str, Callable[[Page], None]] = {
    "anmelden": _login,
    "anmelden-fehler": _login_failed,
    "anmelden-gesperrt": _locked,
    "planliste": _plan_list,
    "ueberblick-beirat": _published_version,
    "ueberblick-entwurf-leitung": _draft_for_leitung,
    "budget": _area("planung", 2, "Budget"),
    "budget-nach-fehler-und-speichern": _budget_after_error_and_save,
    "budget-alle-spalten": _budget_all_columns,
    "massnahmen": _area("planung", 2, "Maßnahmen"),
    "gutscheine": _area("planung", 2, "Gutscheine"),
    "tabellen": _area("beirat", 1, "Tabellen"),
    "staende": _area("planung", 2, "Stände und Vergleich"),
    "vergleich": _diff,
    "szenario": _area("planung", 1, "Szenario"),
    "szenario-vorschau": _scenario_preview,
    "szenario-fehler": _scenario_error,
    "verlauf": _area("planung", 2, "Verlauf"),
    "kennzahlen": _header_link("beirat", "Kennzahlen"),
    "plan-importieren": _header_link("admin", "Plan importieren"),
    "benutzer": _header_link("admin", "Benutzer"),
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
    [
        _budget_after_error_and_save,
        _scenario_preview,
        _diff,
        *(
            _area("planung", 2, area)
            for area in ("Überblick", "Verlauf", "Stände und Vergleich", "Maßnahmen")
        ),
    ],
    ids=[
        "budget-nach-fehler-und-speichern",
        "szenario-vorschau",
        "vergleich",
        "ueberblick",
        "verlauf",
        "staende",
        "massnahmen",
    ],
)
def test_no_serious_accessibility_violations_on_a_narrow_screen(
    new_context: Callable[[], BrowserContext], visit: Callable[[Page], None]
) -> None:
    page = new_context().new_page()
    page.set_viewport_size(NARROW)
    visit(page)
    violations = _blocking_violations(page)
    assert not violations, "\n".join(violations)


def test_no_serious_accessibility_violations_on_the_vollzug_screens(
    new_context: Callable[[], BrowserContext], tmp_path: Any
) -> None:
    """Overview (Beirat), a line, the mapping and an import refused with row and column
    (Planung), each checked where it stands."""

    def vollzug(username: str, number: int) -> Page:
        page = new_context().new_page()
        log_in(page, username)
        open_version(page, number)
        page.get_by_role("link", name="Vollzug", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Vollzug 2024")
        return page

    beirat = vollzug("beirat", 1)
    curve = beirat.get_by_role("heading", name="Mittelabfluss kumuliert", exact=True)
    expect(curve).to_be_visible()
    found = {"vollzug": _blocking_violations(beirat)}
    beirat.get_by_role("link", name="Eingliederungszuschüsse (§§ 88 ff SGB III)").click()
    expect(beirat.get_by_role("heading", name="Wie die Hochrechnung entsteht")).to_be_visible()
    found["vollzug-planzeile"] = _blocking_violations(beirat)
    planung = vollzug("planung", 2)
    planung.get_by_role("link", name="Kontenzuordnung").click()
    expect(planung.get_by_role("heading", name="Konten ohne Planzeile (1)")).to_be_visible()
    found["vollzug-kontenzuordnung"] = _blocking_violations(planung)
    planung.get_by_role("link", name="Import", exact=True).click()
    bad = tmp_path / "oktober.csv"
    bad.write_text(
        "Buchungsnummer;Buchungsdatum;Betrag;Haushaltsstelle\nX;01.10.2024;zwölf;68511.004\n",
        encoding="utf-8",
    )
    planung.locator("#id_datei").set_input_files(str(bad))
    planung.get_by_role("button", name="Hochladen und Vorschau zeigen").click()
    expect(planung.get_by_role("alert")).to_contain_text("Zeile 2, Spalte „Betrag“")
    found["vollzug-import-fehler"] = _blocking_violations(planung)
    assert not any(found.values()), found


def test_no_serious_accessibility_violations_on_the_vollzug_steering_screens(
    new_context: Callable[[], BrowserContext],
) -> None:
    """Warnungen (Beirat, reading); Mittel und Fortschreibungen with a refused entry,
    Umschichtung and Folgejahr with their confirmations, a line with the availability
    check and a refused earmark (Planung)."""

    def vollzug(username: str, number: int) -> Page:
        page = new_context().new_page()
        log_in(page, username)
        open_version(page, number)
        page.get_by_role("link", name="Vollzug", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Vollzug 2024")
        return page

    beirat = vollzug("beirat", 1)
    beirat.get_by_role("link", name="Warnungen", exact=True).click()
    expect(beirat.get_by_role("heading", name="Warnungen, Stand 31.10.2024")).to_be_visible()
    found = {"vollzug-warnungen": _blocking_violations(beirat)}
    planung = vollzug("planung", 2)
    planung.get_by_role("link", name="Mittel und Fortschreibungen").click()
    expect(planung.get_by_role("heading", name="Fortschreibung erfassen")).to_be_visible()
    found["vollzug-mittel"] = _blocking_violations(planung)
    form = planung.locator(
        "form", has=planung.get_by_role("heading", name="Fortschreibung erfassen")
    )
    form.get_by_label("Nummer (eindeutig, z. B. Z-2024-1)").fill("F-axe")
    form.get_by_label("Datum (TT.MM.JJJJ)").fill("01.11.2023")
    form.get_by_label("Betrag in Euro (negativ mit Minus, z. B. -5.000,00)").fill("1.000,00")
    form.get_by_role("button", name="Fortschreibung speichern").click()
    expect(planung.get_by_text("Das Datum muss im Jahr 2024 liegen.")).to_be_visible()
    found["vollzug-mittel-fehler"] = _blocking_violations(planung)
    planung.get_by_role("link", name="Umschichtung", exact=True).click()
    expect(planung.get_by_role("heading", name="Als Fortschreibung übernehmen?")).to_be_visible()
    found["vollzug-umschichtung"] = _blocking_violations(planung)
    planung.get_by_role("link", name="Folgejahr", exact=True).click()
    expect(planung.get_by_role("heading", name="Entwurf 2025 anlegen?")).to_be_visible()
    found["vollzug-folgejahr"] = _blocking_violations(planung)
    planung.get_by_role("link", name="Überblick", exact=True).click()
    planung.get_by_role("link", name="Eingliederungszuschüsse (§§ 88 ff SGB III)").click()
    planung.get_by_label("Betrag der neuen Bindung im Jahr, in Euro").fill("1.000,00")
    planung.get_by_role("button", name="Prüfen").click()
    expect(planung.get_by_text("Passt:")).to_be_visible()
    planung.get_by_label("Nummer der Bindung (eindeutig)").fill("VM-axe")
    planung.get_by_label("Datum der Vormerkung (TT.MM.JJJJ)").fill("30.10.2024")
    planung.get_by_label("Betrag je Monat in Euro").fill("1.000,00")
    planung.get_by_label("erster Monat (MM.JJJJ)").fill("13.2024")
    planung.get_by_label("letzter Monat (MM.JJJJ)").fill("12.2024")
    planung.get_by_role("button", name="Bindung vormerken").click()
    expect(planung.get_by_text("den Monat 13 gibt es nicht")).to_be_visible()
    found["vollzug-planzeile-vormerken-fehler"] = _blocking_violations(planung)
    planung.set_viewport_size(NARROW)  # the same screens on a phone
    found["vollzug-folgejahr-schmal"] = _blocking_violations(planung)
    planung.get_by_role("link", name="Mittel und Fortschreibungen").click()
    expect(planung.get_by_role("heading", name="Verlauf des Vollzugs")).to_be_visible()
    found["vollzug-mittel-schmal"] = _blocking_violations(planung)
    planung.get_by_role("link", name="Warnungen", exact=True).click()
    found["vollzug-warnungen-schmal"] = _blocking_violations(planung)
    assert not any(found.values()), found
