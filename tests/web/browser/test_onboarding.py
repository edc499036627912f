"""A new Jobcenter's first day in the browser, without a command line: the operator
(Betrieb) creates the Jobcenter and its Administration, the Administration creates the
Planung, the Planung downloads the blank template with its Stammdaten, fills it as a planner
does and imports it – the overview shows the plan total."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from amp.io.plan_dir import load_plan
from tests.io.test_xlsx_template import fill_template
from tests.web.browser.conftest import log_in
from tests.web.browser.screens import upload_field

TEILBUDGETS = Path(__file__).parents[2] / "data" / "teilbudgets-2025"
PASSWORD = "Pl4nung-im-Kreis!"


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name=name).click()


def test_a_new_jobcenter_from_the_operator_to_its_first_plan(
    new_context: Callable[[], BrowserContext], tmp_path: Path
) -> None:
    operator = new_context().new_page()
    log_in(operator, "betrieb")
    _nav(operator, "Betrieb")
    operator.get_by_role("link", name="Jobcenter anlegen").click()
    operator.get_by_label("Name des Jobcenters").fill("Jobcenter Musterstadt")
    operator.get_by_label("Kennung").fill("jobcenter_musterstadt")
    operator.get_by_label("gE – gemeinsame Einrichtung").check()
    operator.get_by_label("Benutzername der ersten Administration").fill("anna.admin")
    operator.get_by_label("Passwort:", exact=True).fill(PASSWORD)
    operator.get_by_label("Passwort wiederholen").fill(PASSWORD)
    operator.get_by_role("button", name="Jobcenter mit Administration anlegen").click()
    expect(operator.get_by_role("status")).to_contain_text("anna.admin angelegt")

    admin = new_context().new_page()
    log_in(admin, "anna.admin", PASSWORD)
    _nav(admin, "Benutzer")
    admin.get_by_role("link", name="Neuen Benutzer anlegen").click()
    admin.get_by_label("Benutzername").fill("paul.planung")
    admin.get_by_label("Rolle").select_option(label="Planung")
    admin.get_by_label("Passwort:", exact=True).fill(PASSWORD)
    admin.get_by_label("Passwort wiederholen").fill(PASSWORD)
    admin.get_by_role("button", name="Benutzer anlegen").click()
    expect(admin.get_by_role("status")).to_contain_text("paul.planung")

    planner = new_context().new_page()
    log_in(planner, "paul.planung", PASSWORD)
    _nav(planner, "Plan importieren")
    template = planner.get_by_role("form", name="Leere Vorlage herunterladen")
    template.get_by_label("Planjahr").fill("2025")
    with planner.expect_download() as started:
        template.get_by_role("button", name="Leere Vorlage herunterladen").click()
    workbook = tmp_path / started.value.suggested_filename
    started.value.save_as(workbook)
    assert workbook.name == "vorlage-jobcenter_musterstadt-2025.xlsx"
    fill_template(workbook, load_plan(TEILBUDGETS).plan)

    upload_field(planner).set_input_files(workbook)
    planner.get_by_role("button", name="Hochladen und Vorschau zeigen").click()
    expect(planner.get_by_role("heading", name=f"Vorschau: {workbook.name}")).to_be_visible()
    expect(planner.get_by_text("Hinweise zur Arbeitsmappe")).to_have_count(0)
    planner.get_by_role("button", name="Als neuen Plan übernehmen").click()
    expect(planner.get_by_role("heading", level=1)).to_contain_text("Jobcenter Musterstadt")
    expect(planner.get_by_text("6.447.500,49 €").first).to_be_visible()
