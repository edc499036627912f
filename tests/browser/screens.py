"""Where the browser tests find things on amp's screens, in one place.

Every locator goes by role and accessible German name, not by markup, so that a rewritten
template keeps passing as long as it says the same things to a screen reader. When a screen
changes what it says, adjust it here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from playwright.sync_api import Locator, Page, expect

from amp import formatting

PLAN_TITLE = "Jobcenter EN – Arbeitsmarktprogramm 2024"
FIRST_LINE = "Vermittlungsgutschein (§ 45 SGB III)"  # first line of the example's budget
PLANNED_TOTAL = "Eingliederungsmittel geplant"  # the overview's row with the planned total


def open_version(page: Page, number: int) -> None:
    """From the plan list to one version's page."""
    page.goto("/")
    listing = page.get_by_role("table", name="Planstände, die Sie sehen dürfen")
    listing.get_by_role("link", name=f"Version {number}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)


def amount_field(page: Page, line: str = FIRST_LINE) -> Locator:
    """The planning amount of a budget line, named by the line."""
    return page.get_by_role("textbox", name=line, exact=True)


def overview_amount(page: Page, label: str = PLANNED_TOTAL) -> Decimal:
    """A money amount from the overview, read back from its German form."""
    overview = page.get_by_role("region", name="Überblick", exact=True)
    row = overview.get_by_role("row", name=re.compile(re.escape(label)))
    text = row.get_by_role("cell").last.inner_text()
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
