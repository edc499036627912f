"""What clearing answers tell the offer finder: only what they say for sure, health only
for a reader who may see it, and a mapping that names a missing option is refused."""

from __future__ import annotations

import pytest

from amp.core.clearing.profile import finder_profile, rules_from_data
from amp.core.offers.model import GermanLevel
from amp.core.problems import InputProblems
from amp.io.clearing import read_document

DOCUMENT = read_document()
ANSWERS = {
    "alter": ("ab_25",),
    "deutsch": ("wenig",),
    "arbeit": ("bis_1_jahr",),
    "hindernisse": ("kinder",),
    "gesundheit": ("ja",),
    "einschraenkungen": ("stunden",),
}


def test_answers_set_only_what_they_say() -> None:
    profile = finder_profile(
        DOCUMENT.finder, DOCUMENT.questionnaire, ANSWERS, "sprachfoerderung", with_health=False
    )
    assert profile.german is GermanLevel.A1
    assert profile.long_term_unemployed is False
    assert profile.needs_childcare is True
    assert profile.current_stage == "sprachfoerderung"
    assert profile.age is None  # "25 oder älter" is no age
    assert profile.needs_part_time is False  # a health answer: not for every caseworker


def test_health_answers_count_for_the_fallmanagement() -> None:
    profile = finder_profile(
        DOCUMENT.finder, DOCUMENT.questionnaire, ANSWERS, None, with_health=True
    )
    assert profile.needs_part_time is True


def test_a_hidden_answer_says_nothing() -> None:
    # without "gesundheit: ja" the limitations question is not asked: its stale answer counts not
    answers = ANSWERS | {"gesundheit": ("nein",)}
    profile = finder_profile(DOCUMENT.finder, DOCUMENT.questionnaire, answers, None, True)
    assert profile.needs_part_time is False


def test_every_problem_of_the_mapping_at_once() -> None:
    data = [
        {"question": "deutsch", "option": "fliessend", "field": "german", "value": "C2"},
        {"question": "gibt_es_nicht", "option": "x", "field": "german", "value": "A1"},
        {"question": "deutsch", "option": "gut", "field": "alter", "value": 30},
        {"question": "deutsch", "option": "gut", "field": "german", "value": "D1"},
        {"question": "arbeit", "option": "nie", "field": "long_term_unemployed", "value": "ja"},
    ]
    with pytest.raises(InputProblems) as caught:
        rules_from_data(data, DOCUMENT.questionnaire, "fragebogen.yaml")
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 5
    assert messages[0] == "Frage „deutsch“ hat keine Antwort „fliessend“"
    assert messages[1] == "unbekannte Frage „gibt_es_nicht“"
    assert messages[2].startswith("unbekanntes Merkmal „alter“")
    assert messages[3].startswith("„D1“ ist kein Wert von „german“")
    assert messages[4] == "„long_term_unemployed“ braucht true oder false"
