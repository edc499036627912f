"""The applicant's questionnaire in a real browser: every language (Arabic right to left)
with axe on every step, without JavaScript, by keyboard only, at phone width; the
caseworker then finds the case with its suggestion."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from amp.core.clearing.questionnaire import LANGUAGES
from amp.io.clearing import read_document
from amp.web import demo
from tests.web.browser.test_accessibility import NARROW, _blocking_violations

QUESTIONNAIRE = read_document().questionnaire
TEXTS = QUESTIONNAIRE.texts
# one answer per question (option ids; the text question gets a sentence)
PATH = [
    ("alter", "ab_25"),
    ("deutsch", "keine"),
    ("deutschkurs", "nein"),
    ("abschluss", "ausbildung"),
    ("ausland", "ja_offen"),
    ("arbeit", "laenger"),
    ("hindernisse", "kinder"),
    ("gesundheit", "keine_angabe"),
    ("wunsch", "deutsch"),
    ("anmerkung", None),
]


def _option_text(question_id: str, option_id: str, code: str) -> str:
    question = QUESTIONNAIRE.question(question_id)
    assert question is not None
    option = question.option(option_id)
    assert option is not None
    return option.text[code]


@pytest.fixture
def link(site: str) -> str:
    return demo.applicant_link()


def _answer(page: Page, code: str, question_id: str, option_id: str | None) -> None:
    question = QUESTIONNAIRE.question(question_id)
    assert question is not None
    expect(page.get_by_role("heading", level=1)).to_contain_text(question.text[code])
    if option_id is None:
        page.get_by_role("textbox").fill("Слава праці" if code == "uk" else "Danke")
    else:
        page.get_by_label(_option_text(question_id, option_id, code), exact=True).check()
    page.get_by_role("button", name=TEXTS["next"][code]).click()


@pytest.mark.parametrize("language", LANGUAGES, ids=[x.code for x in LANGUAGES])
def test_every_language_every_step_passes_axe(
    new_context: Callable[[], BrowserContext], link: str, language: Any
) -> None:
    code = language.code
    page = new_context().new_page()
    page.goto(f"{link}?lang={code}")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language.html)
    expect(html).to_have_attribute("dir", language.direction)
    expect(page.get_by_role("heading", name=TEXTS["privacy_title"][code])).to_be_visible()
    found: dict[str, list[str]] = {"start": _blocking_violations(page)}
    page.get_by_role("button", name=TEXTS["start"][code]).click()
    # an error first: the summary links to the field
    page.get_by_role("button", name=TEXTS["next"][code]).click()
    expect(page.get_by_role("alert")).to_contain_text(TEXTS["error_required"][code])
    found["fehler"] = _blocking_violations(page)
    page.get_by_role("alert").get_by_role("link").click()
    expect(page.locator("#antwort-1")).to_be_focused()
    for question_id, option_id in PATH:
        _answer(page, code, question_id, option_id)
        found[question_id] = _blocking_violations(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS["check_title"][code])
    found["pruefen"] = _blocking_violations(page)
    page.get_by_role("button", name=TEXTS["submit"][code]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS["thanks_title"][code])
    expect(page.locator("html")).to_have_attribute("dir", language.direction)
    found["danke"] = _blocking_violations(page)
    page.get_by_role("link", name=TEXTS["accessibility"][code]).click()
    found["barrierefreiheit"] = _blocking_violations(page)
    page.get_by_role("link", name=TEXTS["feedback"][code]).first.click()
    found["rueckmeldung"] = _blocking_violations(page)
    assert not any(found.values()), found


def test_without_javascript_back_keeps_answers_and_language_switches_anytime(
    browser: Any, site: str, link: str
) -> None:
    context = browser.new_context(base_url=site, java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(link)
        page.get_by_role("button", name="Fragebogen beginnen").click()
        _answer(page, "de", "alter", "unter_25")
        _answer(page, "de", "deutsch", "gut")
        # back: the answer is still chosen
        page.get_by_role("link", name="Zurück").click()
        expect(page.get_by_label("Gut (im Alltag", exact=False)).to_be_checked()
        # switch to Arabic in the middle: same question, right to left, answer kept
        page.get_by_role("navigation", name="Sprache").get_by_role("link", name="العربية").click()
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.get_by_label(_option_text("deutsch", "gut", "ar"))).to_be_checked()
        page.get_by_role("button", name=TEXTS["next"]["ar"]).click()
        _answer(page, "ar", "abschluss", "schule")
        _answer(page, "ar", "arbeit", "bis_1_jahr")
        _answer(page, "ar", "hindernisse", "nichts")
        page.get_by_role("button", name=TEXTS["next"]["ar"]).click()  # health: voluntary
        _answer(page, "ar", "wunsch", "arbeit")
        page.get_by_role("button", name=TEXTS["next"]["ar"]).click()  # remark: voluntary
        expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS["check_title"]["ar"])
        page.get_by_role("link", name=TEXTS["change"]["ar"]).first.click()
        _answer(page, "ar", "alter", "ab_25")  # back to the check page, not through all again
        expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS["check_title"]["ar"])
        page.get_by_role("button", name=TEXTS["submit"]["ar"]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS["thanks_title"]["ar"])
        # the link is used up: reloading the start reveals nothing
        page.goto(link)
        expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS["invalid_title"]["de"])
    finally:
        context.close()


def _tab_to(page: Page, target: Any) -> None:
    for _ in range(40):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError("nicht mit der Tabulatortaste erreichbar")


def test_keyboard_only_at_phone_width(
    new_context: Callable[[], BrowserContext], link: str, logged_in: Callable[[str], Page]
) -> None:
    page = new_context().new_page()
    page.set_viewport_size(NARROW)
    page.goto(f"{link}?lang=uk")
    _tab_to(page, page.get_by_role("button", name=TEXTS["start"]["uk"]))
    page.keyboard.press("Enter")
    for question_id, option_id in PATH:
        question = QUESTIONNAIRE.question(question_id)
        assert question is not None
        expect(page.get_by_role("heading", level=1)).to_contain_text(question.text["uk"])
        width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert width <= 0, f"{question_id}: {width}px waagerecht zu scrollen"
        if option_id is None:
            _tab_to(page, page.get_by_role("textbox"))
            page.keyboard.type("Дякую")
        else:
            choice = page.get_by_label(_option_text(question_id, option_id, "uk"), exact=True)
            _tab_to(page, page.locator("input[name=antwort]").first)
            while not choice.evaluate("e => e === document.activeElement"):
                page.keyboard.press("ArrowDown" if question.kind == "choice" else "Tab")
            page.keyboard.press("Space")
            expect(choice).to_be_checked()
        _tab_to(page, page.get_by_role("button", name=TEXTS["next"]["uk"]))
        page.keyboard.press("Enter")
    _tab_to(page, page.get_by_role("button", name=TEXTS["submit"]["uk"]))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS["thanks_title"]["uk"])
    # the next morning: the Integrationsfachkraft finds the case with a language offer
    staff = logged_in("integration")
    staff.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Fallclearing"
    ).click()
    staff.get_by_role("navigation", name="Bereiche des Fallclearings").get_by_role(
        "link", name="Eingang"
    ).click()
    staff.get_by_role("link", name="DEMO-1").click()
    expect(staff.get_by_role("region", name="Vorschlag")).to_contain_text("Sprache zuerst")
    expect(staff.get_by_role("region", name="Passende Angebote")).to_contain_text(
        "Allgemeiner Integrationskurs"
    )
    violations = _blocking_violations(staff)
    assert not violations, violations
