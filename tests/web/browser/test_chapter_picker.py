"""The chapter editor's picker for bound figures: search the figures, insert one at the
caret with the keyboard, see it bound in the preview; axe on the editor (issue 15)."""

from __future__ import annotations

from collections.abc import Callable

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, expect

from tests.web.browser.conftest import log_in
from tests.web.browser.screens import open_area, open_version

BLOCKING = {"serious", "critical"}


def test_insert_a_bound_figure_at_the_caret(new_context: Callable[[], BrowserContext]) -> None:
    page = new_context().new_page()
    log_in(page, "planung")
    open_version(page, 2)  # the draft
    open_area(page, "Kapitel")
    page.locator("li", has_text="03-finanzen.md").get_by_role("link").click()
    text = page.get_by_label("Text (Markdown", exact=False)
    expect(text).to_be_visible()
    text.fill("# Finanzen\n\nDie Mittel für den Passiv-Aktiv-Transfer betragen ")
    text.press("End")
    search = page.get_by_label("Kennziffern durchsuchen")
    search.fill("pat")
    rows = page.locator("#kennziffern tbody tr:not([hidden])")
    expect(rows.first).to_be_visible()
    assert 0 < rows.count() < page.locator("#kennziffern tbody tr").count()
    button = rows.first.get_by_role("button", name="Einfügen", exact=False)
    syntax = str(button.get_attribute("data-insert"))
    button.focus()
    page.keyboard.press("Enter")
    expect(text).to_be_focused()
    expect(text).to_have_value(
        f"# Finanzen\n\nDie Mittel für den Passiv-Aktiv-Transfer betragen {syntax}"
    )
    expect(page.get_by_role("status").filter(has_text="Eingefügt")).to_contain_text(syntax)
    page.get_by_role("button", name="Vorschau").click()
    expect(page.get_by_role("heading", name="Vorschau (so steht es im Dokument)")).to_be_visible()
    preview = page.locator(".preview")
    expect(preview).to_contain_text("Passiv-Aktiv-Transfer betragen")
    expect(preview).not_to_contain_text("{")  # the reference became the figure
    results = Axe().run(page).response
    blocking = [v["id"] for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, blocking
