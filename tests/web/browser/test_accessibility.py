"""axe-core (bundled with axe-playwright-python) on every screen: no serious or critical issue.

Each screen is visited in the states a person meets: empty, with a message, with an error.
Not checked: /api/docs, django-ninja's Swagger UI for developers (its own markup and
colours, not amp's screens).
"""

from __future__ import annotations

import re
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
    form.get_by_label("Änderung um").fill(percent)
    expect(form.locator("#lesart")).to_contain_text(re.compile("Gelesen als|Noch nicht lesbar"))
    form.get_by_role("button", name="Vorschau berechnen").click()


def _scenario_preview(page: Page) -> None:
    _scenario_form(page, "5 %")
    expect(page.get_by_role("button", name="Als neuen Entwurf speichern")).to_be_visible()


def _scenario_error(page: Page) -> None:
    _scenario_form(page, "abc")
    expect(page.get_by_role("alert")).to_be_visible()


# ---- daily work (issue 13 items 2-4, 8): the screens these items added or changed


def _measures_sorted(page: Page) -> None:
    _area("planung", 2, "Maßnahmen")(page)
    page.get_by_role("button", name="Plätze – aufsteigend sortieren").first.click()
    expect(page.locator("th[aria-sort=ascending]").first).to_be_visible()


def _vouchers_filtered(page: Page) -> None:
    _area("planung", 2, "Gutscheine")(page)
    page.get_by_label("Art").select_option(label="Umschulung")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_text("Gezeigt:")).to_be_visible()


def _history_with_revert(page: Page) -> None:
    _area("planung", 2, "Budget")(page)
    amount_field(page).fill("31.000")
    amount_field(page).press("Enter")
    expect(page.get_by_role("status")).to_contain_text("gespeichert: 31.000,00 €")
    open_area(page, "Verlauf")
    page.get_by_role("button", name=re.compile("^Zurücknehmen")).first.click()
    expect(page.get_by_role("status")).to_contain_text("Zurückgenommen")


def _diff_by_group(page: Page) -> None:
    _area("planung", 2, "Budget")(page)
    amount_field(page).fill("31.000")
    amount_field(page).press("Enter")
    expect(page.get_by_role("status")).to_contain_text("gespeichert: 31.000,00 €")
    open_area(page, "Stände und Vergleich")
    page.get_by_role("link", name="Änderungen zu Version 1").click()
    page.get_by_label("Nur Gruppe").select_option(index=1)
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_text("Änderungen in dieser Gruppe")).to_be_visible()


def _operation(page: Page) -> None:
    log_in(page, "betrieb")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Betrieb"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Betrieb: Jobcenter dieser Installation"
    )


def _jobcenter_form(page: Page) -> None:
    _operation(page)
    page.get_by_role("link", name="Jobcenter anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobcenter anlegen")


def _fill_jobcenter(page: Page, code: str) -> None:
    page.get_by_label("Name des Jobcenters").fill("Jobcenter Musterstadt")
    page.get_by_label("Kennung").fill(code)
    page.get_by_label("gE – gemeinsame Einrichtung").check()
    page.get_by_label("Benutzername der ersten Administration").fill("anna.admin")
    page.get_by_label("Passwort:", exact=True).fill("Pl4nung-im-Kreis!")
    page.get_by_label("Passwort wiederholen").fill("Pl4nung-im-Kreis!")
    page.get_by_role("button", name="Jobcenter mit Administration anlegen").click()


def _jobcenter_refused(page: Page) -> None:
    _jobcenter_form(page)
    _fill_jobcenter(page, "")  # a blank Kennung is refused, not derived from the name
    expect(page.get_by_role("alert")).to_contain_text("nicht angelegt")
    expect(page.get_by_text("Pflichtangabe fehlt (die Kennung")).to_be_visible()


def _jobcenter_created(page: Page) -> None:
    _jobcenter_form(page)
    _fill_jobcenter(page, "jobcenter_musterstadt")
    expect(page.get_by_role("status")).to_contain_text("mit der Administration anna.admin")
    expect(page.get_by_role("cell", name="jobcenter_musterstadt")).to_be_visible()


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


def _fallclearing(username: str, tab: str | None) -> Callable[[Page], None]:
    """The Online-Fallclearing's staff screens (the applicant's pages: test_fallclearing)."""

    def visit(page: Page) -> None:
        log_in(page, username)
        page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
            "link", name="Fallclearing"
        ).click()
        if tab:
            page.get_by_role("navigation", name="Bereiche des Fallclearings").get_by_role(
                "link", name=tab
            ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Online-Fallclearing")

    return visit


def _fallclearing_link_error(page: Page) -> None:
    _fallclearing("integration", "Links")(page)
    page.get_by_role("link", name="Links erstellen").click()
    page.get_by_role("textbox", name="Kennung").fill("Max Mustermann")
    page.get_by_role("button", name="Link erstellen").click()
    expect(page.get_by_text("keine Namen")).to_be_visible()


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
    "fallclearing-ueberblick": _fallclearing("integration", None),
    "fallclearing-eingang": _fallclearing("fallmanagement", "Eingang"),
    "fallclearing-links": _fallclearing("integration", "Links"),
    "fallclearing-link-fehler": _fallclearing_link_error,
    "fallclearing-statistik": _fallclearing("leitung", "Statistik"),
    "fallclearing-fragebogen": _fallclearing("planung", "Fragebogen"),
    # daily work (issue 13)
    "massnahmen-sortiert": _measures_sorted,
    "gutscheine-gefiltert": _vouchers_filtered,
    "verlauf-zuruecknehmen": _history_with_revert,
    "vergleich-gruppe": _diff_by_group,
    "betrieb": _operation,
    "jobcenter-anlegen": _jobcenter_form,
    "jobcenter-anlegen-fehler": _jobcenter_refused,
    "jobcenter-angelegt": _jobcenter_created,
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


def test_no_serious_accessibility_violations_on_the_land_screens(
    new_context: Callable[[], BrowserContext], settings: Any, tmp_path: Any
) -> None:
    """The Land's overview, comparison and Jobcenter detail (Land user, also on a phone), and
    the Jobcenter's own agreements with a refused entry and a refused import (Planung)."""
    from amp.example import DEMO_PLAN
    from amp.web.demo import DEMO_PASSWORD
    from amp.web.land import demo as land_demo
    from amp.web.plans.models import PlanVersion
    from tests.web.land_fixtures import K2, K3, store_figures

    settings.DEMO = True
    en = PlanVersion.objects.filter(plan__jobcenter__code="jc-en", status="beschlossen").first()
    assert en is not None
    store_figures(en.plan.jobcenter, {"K2": K2, "K3": K3})  # EN's agreements get charts
    land_demo.load(en, DEMO_PLAN, DEMO_PASSWORD, kpi=False)
    settings.DEMO = False
    found: dict[str, list[str]] = {}
    land = new_context().new_page()
    land.goto("/anmelden/")
    land.get_by_label("Benutzername").fill("land")
    land.get_by_label("Passwort").fill(DEMO_PASSWORD)
    land.get_by_role("button", name="Anmelden").click()
    land.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Land und Ziele"
    ).click()
    expect(land.get_by_role("heading", level=1)).to_contain_text("Jobcenter und Zielvereinbarungen")
    found["land-uebersicht"] = _blocking_violations(land)
    land.get_by_role("link", name="Vergleichstypen").click()
    expect(land.get_by_role("heading", name="Vergleichstyp IIIa")).to_be_visible()
    found["land-vergleich"] = _blocking_violations(land)
    land.get_by_role("link", name="Jobcenter EN").first.click()
    expect(
        land.get_by_role("heading", name="Verlauf der Kennzahlen gegen das Ziel")
    ).to_be_visible()
    found["land-jobcenter"] = _blocking_violations(land)
    land.set_viewport_size(NARROW)
    land.get_by_role("link", name="zur Übersicht des Landes").click()
    found["land-uebersicht-schmal"] = _blocking_violations(land)
    planung = new_context().new_page()
    log_in(planung, "planung")
    planung.goto("/land/ziele/jc-en/2024/")
    planung.get_by_label("Zielwert in %").fill("24,55")
    planung.get_by_role("button", name="Ziel speichern").click()
    expect(planung.get_by_text("höchstens eine Nachkommastelle")).to_be_visible()
    found["ziele-eigene-fehler"] = _blocking_violations(planung)
    planung.get_by_role("link", name="Ziele aus einer Datei einlesen").click()
    bad = tmp_path / "ziele.csv"
    bad.write_text("Jobcenter;Jahr;Kennzahl;Zielwert\njc-en;2024;K9;1\n", encoding="utf-8")
    planung.locator("#id_datei").set_input_files(str(bad))
    planung.get_by_role("button", name="Hochladen und Vorschau zeigen").click()
    expect(planung.get_by_role("alert")).to_contain_text("Zeile 2, Spalte „Kennzahl“")
    found["ziele-import-fehler"] = _blocking_violations(planung)
    assert not any(found.values()), found


def test_no_serious_accessibility_violations_on_the_measure_screens(
    new_context: Callable[[], BrowserContext], tmp_path: Any
) -> None:
    """Occupancy, one measure, tenders, vouchers, Bilanz, free places and a refused import
    (Planung), each checked where it stands."""
    page = new_context().new_page()
    log_in(page, "planung")
    open_version(page, 2)
    page.get_by_role("link", name="Maßnahmen im Jahr", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maßnahmen 2024")
    found = {"massnahmen": _blocking_violations(page)}
    page.get_by_role(
        "link", name="AsAflex - Assistierte Berufsausbildung (Begleitende Phase)"
    ).click()
    expect(page.get_by_role("heading", name="Verträge und Lose")).to_be_visible()
    found["massnahmen-massnahme"] = _blocking_violations(page)
    tabs = page.get_by_role("navigation", name="Bereiche der Maßnahmen")
    for label, heading in (
        ("Ausschreibungen", "Vergabekalender"),
        ("Gutscheine", "Gutscheine gegen den Plan"),
        ("Eingliederungsbilanz", "Eingliederungsbilanz 2024"),
        ("Freie Plätze", "Freie Plätze am 31.10.2024"),
    ):
        tabs.get_by_role("link", name=label, exact=True).click()
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        found[f"massnahmen-{label}"] = _blocking_violations(page)
    tabs.get_by_role("link", name="Import", exact=True).click()
    bad = tmp_path / "teilnahmen.csv"
    bad.write_text(
        "Ereignis;Person;Maßnahme;Art;Datum;Austrittsgrund\nX;P;asaflex;Austritt;2024-10-01;\n",
        encoding="utf-8",
    )
    page.locator("#id_datei").set_input_files(str(bad))
    page.get_by_role("button", name="Hochladen und Vorschau zeigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Zeile 2, Spalte „Austrittsgrund“")
    found["massnahmen-import-fehler"] = _blocking_violations(page)
    page.set_viewport_size(NARROW)  # a phone: the wide tables scroll in their own box
    tabs.get_by_role("link", name="Belegung", exact=True).click()
    expect(page.get_by_role("heading", name="Geld und Plätze", exact=True)).to_be_visible()
    found["massnahmen-schmal"] = _blocking_violations(page)
    assert not any(found.values()), found


def test_no_serious_accessibility_violations_on_the_offer_screens(
    new_context: Callable[[], BrowserContext],
) -> None:
    """Finder empty, with results, with errors; catalogue, archive, chains, gaps; wide and
    narrow (320 px reflow)."""
    found: dict[str, list[str]] = {}
    for width in (1280, 320):
        page = new_context().new_page()
        page.set_viewport_size({"width": width, "height": 900})
        log_in(page, "integration")
        page.goto("/angebote/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Angebot finden")
        found[f"finder-{width}"] = _blocking_violations(page)
        page.get_by_label("Alter (Jahre)").fill("22")
        page.get_by_label("Stichtag").fill("02.05.2024")
        page.get_by_role("button", name="Angebote suchen").click()
        expect(page.get_by_role("status")).to_contain_text("Angebote gefunden")
        found[f"finder-ergebnis-{width}"] = _blocking_violations(page)
        results = page.get_by_role("region", name="Passende Angebote am 02.05.2024")
        results.get_by_role("checkbox", name="auf das Angebotsblatt").first.check()
        with page.expect_popup() as popup:
            page.get_by_role("button", name="Angebotsblatt zum Drucken").click()
        sheet = popup.value
        expect(sheet.get_by_role("heading", name="Ihre Angebote")).to_be_visible()
        found[f"angebotsblatt-{width}"] = _blocking_violations(sheet)
        sheet.close()
        page.get_by_label("Pseudonyme Kundennummer").fill("Erika Muster")
        page.get_by_role("button", name="Angebote suchen").click()
        expect(page.get_by_role("alert")).to_be_visible()
        found[f"finder-fehler-{width}"] = _blocking_violations(page)
        tabs = page.get_by_role("navigation", name="Bereiche der Angebote")
        for tab, heading in (
            ("Katalog", "Laufende Angebote"),
            ("Förderketten", "Förderkette für Jugendliche"),
            ("Lücken", "Befunde am"),
        ):
            tabs.get_by_role("link", name=tab, exact=True).click()
            expect(page.get_by_role("heading", name=heading).first).to_be_visible()
            found[f"{tab}-{width}"] = _blocking_violations(page)
        tabs.get_by_role("link", name="Katalog", exact=True).click()
        page.get_by_role("link", name="Archiv: beendete Angebote").click()
        expect(page.get_by_role("heading", name="Beendete Angebote (Archiv)")).to_be_visible()
        found[f"archiv-{width}"] = _blocking_violations(page)
    admin = new_context().new_page()
    log_in(admin, "admin")
    admin.goto("/angebote/")
    admin.get_by_role("link", name="Protokoll", exact=True).click()
    expect(admin.get_by_role("heading", name="Neueste Einträge (0)")).to_be_visible()
    found["protokoll"] = _blocking_violations(admin)
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
