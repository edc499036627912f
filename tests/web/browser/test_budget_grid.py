"""The budget grid as a spreadsheet: pinned header, line names and totals; keyboard moves;
paste of blocks from a spreadsheet; undo of one's own last change."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.web.browser.screens import (
    FIRST_LINE,
    SECOND_LINE,
    THIRD_LINE,
    amount_field,
    open_area,
    open_version,
)
from tests.web.browser.test_accessibility import _blocking_violations

DRAFT = 2  # the demo's draft


def _budget(logged_in: Callable[[str], Page], width: int = 1400, height: int = 900) -> Page:
    page = logged_in("planung")
    page.set_viewport_size({"width": width, "height": height})
    open_version(page, DRAFT)
    open_area(page, "Budget")
    return page


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, locator
    return box


def _region(page: Page) -> Locator:
    return page.get_by_role("region", name="Budget: Eingliederungsplanung")


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


def test_plan_column_is_visible_at_1280_px_without_scrolling(
    logged_in: Callable[[str], Page],
) -> None:
    page = _budget(logged_in, width=1280)
    header = page.get_by_role("columnheader", name="Eingliederungsplanung 2024")
    field = amount_field(page)
    viewport = {"x": 0, "y": 0, "width": 1280, "height": 100_000}
    assert _inside(_box(header), viewport)
    assert _inside(_box(field), viewport)
    scroll = _region(page).evaluate("region => region.scrollWidth - region.clientWidth")
    assert scroll <= 0  # the compact grid needs no horizontal scrolling


def test_header_first_column_and_totals_stay_pinned_while_scrolling(
    logged_in: Callable[[str], Page],
) -> None:
    page = _budget(logged_in, width=1000, height=700)
    page.get_by_role("link", name="Alle Spalten und Mengen bearbeiten").click()
    region = _region(page)
    header = page.get_by_role("columnheader", name="Maßnahmeart")
    name = page.get_by_role("rowheader", name=FIRST_LINE, exact=True)
    total = page.get_by_role("row", name=re.compile("^Gesamtsummen"))
    expect(header).to_be_visible()
    before_header, before_name = _box(header), _box(name)
    sizes = region.evaluate("r => [r.scrollWidth - r.clientWidth, r.scrollHeight - r.clientHeight]")
    assert sizes[0] > 100, sizes  # the region really scrolls both ways
    assert sizes[1] > 100, sizes
    region.evaluate("r => { r.scrollTop = 600; r.scrollLeft = 400; }")
    page.wait_for_timeout(100)
    outer = _box(region)
    after_header, after_name = _box(header), _box(name)
    assert abs(after_header["y"] - before_header["y"]) < 1  # header pinned on top
    assert abs(after_header["x"] - before_header["x"]) < 1  # and its first cell on the left
    assert abs(after_name["x"] - before_name["x"]) < 1  # the line name stays at the left
    assert after_name["y"] < before_name["y"] - 100  # while its row scrolled up
    totals = _box(total.get_by_role("rowheader"))
    assert _inside(totals, outer)  # the totals stay in view at the bottom
    assert totals["y"] + totals["height"] > outer["y"] + outer["height"] - 80


def _focused(locator: Locator) -> None:
    expect(locator).to_be_focused()


def test_arrows_enter_tab_and_escape_move_and_save_like_a_spreadsheet(
    logged_in: Callable[[str], Page],
) -> None:
    page = _budget(logged_in)
    first, second, third = (amount_field(page, n) for n in (FIRST_LINE, SECOND_LINE, THIRD_LINE))
    first.focus()
    page.keyboard.press("ArrowDown")
    _focused(second)
    page.keyboard.press("ArrowUp")
    _focused(first)
    page.keyboard.press("Tab")  # one tab stop per cell: no "Speichern" button between
    _focused(second)
    page.keyboard.press("Shift+Tab")
    _focused(first)

    page.keyboard.type("12.345,60")  # the whole value is selected: typing replaces it
    page.keyboard.press("Enter")  # saves and moves down
    expect(page.get_by_role("status")).to_contain_text("gespeichert: 12.345,60 €")
    _focused(amount_field(page, SECOND_LINE))
    expect(amount_field(page, FIRST_LINE)).to_have_value("12.345,60")

    before = second.input_value()
    page.keyboard.type("99")
    page.keyboard.press("Escape")  # cancels: the stored value comes back, nothing is saved
    expect(second).to_have_value(before)
    _focused(second)

    page.keyboard.type("7.000")
    page.keyboard.press("Tab")  # a changed value is saved before the focus moves on
    expect(page.get_by_role("status")).to_contain_text("gespeichert: 7.000,00 €")
    _focused(amount_field(page, THIRD_LINE))
    page.reload()
    expect(amount_field(page, SECOND_LINE)).to_have_value("7.000,00")
    expect(amount_field(page, FIRST_LINE)).to_have_value("12.345,60")
    expect(third).to_have_value("1.100.000,00")


def _paste_into(field: Locator, text: str) -> None:
    """What Ctrl+V does with cells copied from a spreadsheet: a paste event with the text."""
    field.focus()
    field.evaluate(
        """(el, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            el.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def test_paste_a_column_of_three_with_preview_then_all_saved(
    logged_in: Callable[[str], Page],
) -> None:
    page = _budget(logged_in)
    _paste_into(amount_field(page), "1.100.000,00\n4.307.644,90\n356.000,00\n")
    preview = page.get_by_role("region", name=re.compile("^Vorschau: 3 Zellen"))
    expect(preview).to_be_visible()
    expect(preview.get_by_role("row")).to_have_count(4)
    expect(amount_field(page)).to_have_value("30.000,00")  # nothing saved yet
    preview.get_by_role("button", name="Übernehmen").click()
    expect(page.get_by_role("status")).to_contain_text("Eingefügt: 3 Zellen gespeichert.")
    expect(amount_field(page, FIRST_LINE)).to_have_value("1.100.000,00")
    expect(amount_field(page, SECOND_LINE)).to_have_value("4.307.644,90")
    expect(amount_field(page, THIRD_LINE)).to_have_value("356.000,00")
    expect(preview).to_have_count(0)
    _focused(amount_field(page, FIRST_LINE))


def test_paste_a_two_by_two_block_in_all_columns(logged_in: Callable[[str], Page]) -> None:
    page = _budget(logged_in)
    page.get_by_role("link", name="Alle Spalten und Mengen bearbeiten").click()
    forecast = "Ausgaben HH 2023 Hochrechnung zum Jahresende"
    start = page.get_by_role("textbox", name=f"{forecast} {SECOND_LINE}")
    _paste_into(start, "1.000,00\t2.000,00\n3.000,50\t4,00")
    preview = page.get_by_role("region", name=re.compile("^Vorschau: 4 Zellen"))
    preview.get_by_role("button", name="Übernehmen").click()
    expect(page.get_by_role("status")).to_contain_text("Eingefügt: 4 Zellen gespeichert.")
    expect(start).to_have_value("1.000,00")
    commitments_name = f"Verpflichtungen 2023 aus lfd. Maßnahmen {THIRD_LINE}"
    commitments = page.get_by_role("textbox", name=commitments_name)
    expect(commitments).to_have_value("4,00")
    page.reload()
    expect(commitments).to_have_value("4,00")


def test_ctrl_z_undoes_ones_own_last_change(logged_in: Callable[[str], Page]) -> None:
    page = _budget(logged_in)
    field = amount_field(page)
    field.focus()
    field.select_text()
    page.keyboard.type("44.000")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("gespeichert: 44.000,00 €")
    mark = page.locator("#zeile-0-0 .diff-mark")  # differs from version 1, in force
    expect(mark).to_be_visible()
    expect(mark).to_have_attribute("title", "geändert; Version 1 (gültig): 30.000,00 €")
    toggle = page.get_by_label("Abweichungen von Version 1 (gültig) markieren")
    toggle.uncheck()
    expect(mark).to_be_hidden()
    toggle.check()
    expect(mark).to_be_visible()
    amount_field(page, SECOND_LINE).focus()
    page.keyboard.press("ArrowUp")
    _focused(amount_field(page))
    page.keyboard.press("Control+z")
    expect(page.get_by_role("status")).to_contain_text(
        f"Rückgängig gemacht: Betrag „{FIRST_LINE}“ ist wieder 30.000,00 €."
    )
    expect(amount_field(page)).to_have_value("30.000,00")
    _focused(amount_field(page))
    expect(mark).to_have_count(0)  # back to the value in force
    page.reload()
    expect(amount_field(page)).to_have_value("30.000,00")


@pytest.mark.parametrize("width", [1400, 390], ids=["1400px", "390px"])
def test_axe_finds_nothing_serious_on_the_grid_with_marks_comment_and_preview(
    logged_in: Callable[[str], Page], width: int
) -> None:
    page = _budget(logged_in, width=width, height=900 if width > 400 else 844)
    page.get_by_text("Kommentar zu einer Zeile", exact=True).click()
    page.get_by_label("Zeile", exact=True).select_option(label=SECOND_LINE)
    page.get_by_label(re.compile("^Kommentar \\(leer lassen")).fill("mit dem Träger abgestimmt")
    page.get_by_role("button", name="Kommentar speichern").click()
    expect(page.get_by_text(f"Kommentar zu „{SECOND_LINE}“ gespeichert.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("^" + re.escape(SECOND_LINE)))
    expect(row).to_contain_text("mit dem Träger abgestimmt – planung, ")
    field = amount_field(page)
    field.focus()
    field.select_text()
    page.keyboard.type("31.000")
    page.keyboard.press("Enter")  # now the cell differs from version 1, in force
    expect(page.locator("#zeile-0-0 .diff-mark")).to_be_visible()
    _paste_into(amount_field(page, THIRD_LINE), "1\n2\n")
    expect(page.get_by_role("region", name=re.compile("^Vorschau: 2 Zellen"))).to_be_visible()
    violations = _blocking_violations(page)
    assert not violations, "\n".join(violations)
    # the grid's parts fit the width; the table scrolls sideways in its own region (the
    # site header's reflow is a matter of its own)
    wide = page.evaluate(
        """width => [...document.querySelectorAll(
            '.grid-scroll, .grid-tools, .grid-tools *, #einfuegen-vorschau, .diff-toggle')]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .map(el => el.tagName + '#' + el.id)""",
        width,
    )
    assert not wide, wide


def test_a_pasted_block_with_a_bad_number_names_the_cell_and_saves_nothing(
    logged_in: Callable[[str], Page],
) -> None:
    page = _budget(logged_in)
    _paste_into(amount_field(page), "1.000\nzwölf\n")
    alert = page.locator("#einfuegen-vorschau").get_by_role("alert")
    expect(alert).to_contain_text(f"Betrag „{SECOND_LINE}“ (Zeile 2, Spalte 1 des Blocks, „zwölf“)")
    expect(alert).to_contain_text("Nichts wurde gespeichert.")
    _focused(alert)
    expect(page.get_by_role("button", name="Übernehmen")).to_have_count(0)
    expect(amount_field(page)).to_have_value("30.000,00")
