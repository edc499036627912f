"""The questionnaire as data, answer validation, triage (cases in cases/triage.yaml) and
small-cell suppression."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from amp.core.clearing.questionnaire import LANGUAGE_CODES, from_data, validate
from amp.core.clearing.statistics import LinkFacts, summarize, suppressed
from amp.core.clearing.triage import suggest
from amp.core.problems import InputProblems
from amp.io.clearing import DEFAULT_FILE, document_from_data, parse_document, read_document

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "triage.yaml").read_text("utf-8"))
SHIPPED = read_document()


def _raw() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(DEFAULT_FILE.read_text("utf-8")))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_triage_case(case: dict[str, Any]) -> None:
    answers = {k: tuple(v) for k, v in case["answers"].items()}
    effective = SHIPPED.questionnaire.effective(answers)
    suggestion = suggest(SHIPPED.triage, effective)
    got = {
        "track": suggestion.track,
        "stage": suggestion.stage,
        "role": suggestion.role,
        "pathway": suggestion.pathway,
        "rule": suggestion.rule,
        "sensitive": suggestion.sensitive,
    }
    assert got == {"sensitive": False} | case["expect"]
    assert SHIPPED.questionnaire.missing(effective) == ()


def test_every_text_in_five_languages() -> None:
    q = SHIPPED.questionnaire
    assert LANGUAGE_CODES == ("de", "ls", "en", "uk", "ar")
    for question in q.questions:
        for code in LANGUAGE_CODES:
            assert question.text[code]
            assert all(o.text[code] for o in question.options)
    for key, texts in q.texts.items():
        assert set(texts) == set(LANGUAGE_CODES), key
    # Arabic and Ukrainian texts are written in their scripts, not copied German
    assert any("\u0600" <= c <= "\u06ff" for c in q.question("deutsch").text["ar"])  # type: ignore[union-attr]
    assert any("\u0400" <= c <= "\u04ff" for c in q.question("deutsch").text["uk"])  # type: ignore[union-attr]


def test_health_questions_are_optional_and_sensitive() -> None:
    sensitive = [q.id for q in SHIPPED.questionnaire.questions if q.sensitive]
    assert sensitive == ["gesundheit", "einschraenkungen"]
    raw = _raw()
    raw["questions"][7]["required"] = True
    with pytest.raises(InputProblems, match="freiwillig"):
        from_data(raw)


def test_conditions_show_and_hide_questions() -> None:
    q = SHIPPED.questionnaire
    ids = [x.id for x in q.visible({"deutsch": ("gut",)})]
    assert "deutschkurs" not in ids
    assert "ausland" not in ids
    assert "einschraenkungen" not in ids
    ids = [x.id for x in q.visible({"deutsch": ("wenig",), "abschluss": ("studium",)})]
    assert "deutschkurs" in ids
    assert "ausland" in ids
    assert q.following({"deutsch": ("gut",)}, "deutsch").id == "abschluss"  # type: ignore[union-attr]
    assert q.previous({"deutsch": ("gut",)}, "abschluss").id == "deutsch"  # type: ignore[union-attr]
    assert q.previous({}, "alter") is None
    assert q.following({}, "anmerkung") is None
    # a changed earlier answer drops the answer to a question that no longer applies
    assert "deutschkurs" not in q.effective({"deutsch": ("gut",), "deutschkurs": ("ja",)})


def test_a_stale_answer_opens_no_later_question() -> None:
    raw = _raw()
    raw["questions"][4]["show_if"] = {"question": "deutschkurs", "any_of": ["ja"]}  # ausland
    chained = from_data(raw)
    stale = {"deutsch": ("gut",), "deutschkurs": ("ja",), "ausland": ("nein",)}
    ids = [q.id for q in chained.visible(stale)]
    assert "deutschkurs" not in ids
    assert "ausland" not in ids
    assert "ausland" not in chained.effective(stale)
    assert "ausland" in [q.id for q in chained.visible({**stale, "deutsch": ("wenig",)})]


def test_validation_of_answers() -> None:
    q = SHIPPED.questionnaire
    deutsch, hindernisse = q.question("deutsch"), q.question("hindernisse")
    gesundheit, anmerkung = q.question("gesundheit"), q.question("anmerkung")
    assert deutsch
    assert hindernisse
    assert gesundheit
    assert anmerkung
    assert validate(deutsch, []) == ((), validate(deutsch, [" "])[1])
    assert validate(deutsch, [])[1].key == "error_required"  # type: ignore[union-attr]
    assert validate(deutsch, ["fliessend"])[1].key == "error_choice"  # type: ignore[union-attr]
    assert validate(deutsch, ["gut", "keine"])[1].key == "error_choice"  # type: ignore[union-attr]
    assert validate(deutsch, ["gut"]) == (("gut",), None)
    assert validate(hindernisse, ["schulden", "kinder", "kinder"]) == (("kinder", "schulden"), None)
    assert validate(gesundheit, []) == ((), None)  # voluntary
    assert validate(anmerkung, ["x" * 500]) == (("x" * 500,), None)
    error = validate(anmerkung, ["x" * 501])[1]
    assert error is not None
    assert (error.key, error.limit) == ("error_too_long", 500)
    assert validate(anmerkung, ["a\x00b"])[1].key == "error_characters"  # type: ignore[union-attr]


def test_broken_questionnaire_reports_every_problem() -> None:
    raw = _raw()
    raw["questions"][0]["text"].pop("ar")
    raw["questions"][1]["kind"] = "slider"
    raw["questions"][2]["show_if"] = {"question": "spaeter", "any_of": ["x"]}
    raw["texts"].pop("submit")
    with pytest.raises(InputProblems) as caught:
        document_from_data(raw, "fragebogen.yaml")
    messages = [str(p) for p in caught.value.problems]
    assert any("Übersetzung fehlt für: ar" in m and "questions[0].text" in m for m in messages)
    assert any("slider" in m for m in messages)
    assert any("spaeter" in m for m in messages)
    assert any("texts.submit" in m for m in messages)


def test_broken_triage_reports_every_problem() -> None:
    raw = _raw()
    raw["triage"]["rules"][0]["when"][0]["any_of"] = ["gibtsnicht"]
    raw["triage"]["tracks"]["sprache"]["role"] = "beirat"
    raw["triage"]["default"] = "irgendwas"
    with pytest.raises(InputProblems) as caught:
        document_from_data(raw, "fragebogen.yaml")
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 3
    assert any("gibtsnicht" in m for m in messages)
    assert any("beirat" in m for m in messages)
    assert any("irgendwas" in m for m in messages)


def test_uploaded_yaml_refuses_aliases_and_reports_the_line() -> None:
    with pytest.raises(InputProblems, match=r"neu\.yaml:4: kein gültiges YAML"):
        parse_document("version: 1\nquestions:\n  - id: [\n", "neu.yaml")
    text = DEFAULT_FILE.read_text("utf-8").replace('version: "2024-1"', "version: &v x\nalias: *v")
    with pytest.raises(InputProblems):
        parse_document(text, "neu.yaml")


def test_small_cells_are_suppressed() -> None:
    assert [suppressed(n) for n in (0, 1, 4, 5, 17)] == [0, None, None, 5, 17]
    now = datetime(2024, 9, 1, tzinfo=UTC)
    start = now - timedelta(days=30)
    done = [
        LinkFacts(start, start + timedelta(days=14), start, start + timedelta(hours=h), "anmerkung")
        for h in (1, 2, 3, 4, 50)
    ]
    dropped = [
        LinkFacts(start, start + timedelta(days=14), start, None, "hindernisse") for _ in range(6)
    ]
    dropped.append(LinkFacts(start, start + timedelta(days=14), start, None, "arbeit"))
    pending = [LinkFacts(start, now + timedelta(days=1), None, None, None) for _ in range(3)]
    summary = summarize(done + dropped + pending, SHIPPED.questionnaire, now)
    assert (summary.sent, summary.started, summary.submitted) == (15, 12, 5)
    assert str(summary.response_rate) == "33.3"
    assert str(summary.median_hours) == "3.0"
    assert summary.dropped == 7
    dropoff = dict(summary.dropoff)
    assert dropoff["hindernisse"] == 6
    assert dropoff["arbeit"] is None
    assert dropoff["alter"] == 0
    few = summarize(done[:3], SHIPPED.questionnaire, now)
    assert few.sent is None
    assert few.response_rate is None
    assert few.median_hours is None
