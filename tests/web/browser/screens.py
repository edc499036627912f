"""Where the browser tests find things on amp's screens, in one place.

Every locator goes by role and accessible German name, not by markup, so that a rewritten
template keeps passing as long as it says the same things to a screen reader. When a screen
changes what it says, adjust it here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from playwright.sync_api import Locator, Page, expect

from amp.core import formatting

PLAN_TITLE = "Jobcenter EN – Arbeitsmarktprogramm 2024"
FIRST_LINE = "Vermittlungsgutschein (§ 45 SGB III)"  # first line of the example's budget
SECOND_LINE = "FbW - Umschulung (§ 81ff SGB III)"
THIRD_LINE = "FbW - Fortbildung (§ 81ff SGB III)"
PLANNED_TOTAL = "Eingliederungsmittel (Planung)"  # the overview's planned total


def open_version(page: Page, number: int) -> None:
    """From the plan list to one version's overview."""
    page.goto("/")
    listing = page.get_by_role("table", name="Planstände, die Sie sehen dürfen")
    listing.get_by_role("link", name=f"Version {number}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)


def areas(page: Page) -> Locator:
    """The navigation between the areas of a version (overview, budget, ...)."""
    return page.get_by_role("navigation", name="Bereiche dieses Planstands")


def open_area(page: Page, name: str) -> None:
    areas(page).get_by_role("link", name=name, exact=True).click()
    expect(areas(page).locator("[aria-current=page]")).to_have_text(name)


def amount_field(page: Page, line: str = FIRST_LINE) -> Locator:
    """The planning amount of a budget line on the budget screen, named by the line."""
    return page.get_by_role("textbox", name=line, exact=True)


def planned_total(page: Page) -> Decimal:
    """The planned total from the overview, read back from its German form."""
    summary = page.get_by_role("region", name="Budget im Überblick")
    term = summary.get_by_role("term").filter(has_text=PLANNED_TOTAL)
    text = term.locator("xpath=following-sibling::dd[1]").inner_text()
    amount = formatting.parse_amount(text)
    assert amount is not None, text
    return amount


def findings_count(page: Page) -> int:
    heading = page.get_by_role("heading", name=re.compile(r"^Offene Befunde \(\d+\)$"))
    found = re.search(r"\((\d+)\)", heading.inner_text())
    assert found is not None
    return int(found.group(1))


def findings(page: Page) -> Locator:
    """The rows of the findings table."""
    section = page.get_by_role("region", name=re.compile(r"^Offene Befunde"))
    return section.get_by_role("row")


def versions_table(page: Page) -> Locator:
    """The table of all versions of the plan on "Stände und Vergleich"."""
    return page.get_by_role("table", name="Stände dieses Plans")


def choose_version(page: Page, label: str, number: int) -> None:
    """Picks "Version n (status)" in the select `label` without knowing the status text."""
    select = page.get_by_label(label, exact=True)
    option = select.get_by_role("option", name=re.compile(rf"^Version {number} \("))
    select.select_option(label=option.inner_text())


def download_link(page: Page, name: str) -> Locator:
    """A download link of the version's actions: "Bericht als PDF" or "Excel-Arbeitsmappe"."""
    return page.get_by_role("link", name=name, exact=True)


def upload_field(page: Page) -> Locator:
    return page.get_by_label("Excel-Arbeitsmappe (.xlsx, höchstens 10 MB)")


def table_in(page: Page, region: str | re.Pattern[str]) -> Locator:
    """The table of a region (a section named by its heading), e.g. one measure table."""
    return page.get_by_role("region", name=region).get_by_role("table").first
