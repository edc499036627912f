"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

One browser for the whole session; every test gets a fresh database holding the demo
(the example plan published plus a draft, users admin/planung/leitung/beirat with password
"demo") and fresh browser contexts. Without /usr/bin/chromium the tests are skipped with the
reason - except with CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from amp.example import DEMO_PLAN
from amp.web import demo

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# beside one unless told that this is a test process that does not await anything.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EXAMPLE = DEMO_PLAN
PASSWORD = demo.DEMO_PASSWORD

expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def browser(live_server: Any) -> Iterator[Browser]:
    """Depends on the live server so that the server outlives the browser's connections."""
    if not CHROMIUM.exists():
        message = (
            f"Chromium fehlt unter {CHROMIUM} (apt-get install -y chromium) / "
            f"Chromium missing at {CHROMIUM}"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def site(live_server: Any, transactional_db: None, settings: Any) -> str:
    """The demo data in a fresh database behind the live server; returns its base URL."""
    settings.DEMO = True
    demo.prepare(EXAMPLE)
    settings.DEMO = False
    return str(live_server.url)


@pytest.fixture
def new_context(browser: Browser, site: str) -> Iterator[Callable[[], BrowserContext]]:
    """Opens isolated browser contexts (own cookies) on the site; all closed afterwards."""
    opened: list[BrowserContext] = []

    def open_context() -> BrowserContext:
        context = browser.new_context(base_url=site, locale="de-DE")
        context.set_default_timeout(10_000)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Through the login form, as a person would."""
    page.goto("/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Arbeitsmarktprogramme")).to_be_visible()


@pytest.fixture
def logged_in(new_context: Callable[[], BrowserContext]) -> Callable[[str], Page]:
    """A page in its own context, logged in as the given demo user."""

    def page_for(username: str) -> Page:
        page = new_context().new_page()
        log_in(page, username)
        return page

    return page_for
