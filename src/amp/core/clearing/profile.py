"""From clearing answers to the offer finder's profile: which answer says what about a person.

The mapping is data, beside the questions it reads (section `finder` of the questionnaire
file), so the Steuerung changes both together and a renamed option fails at upload, not
silently. Only what an answer says for sure is taken; everything else stays unknown and
the finder says "prüfen". Answers to health questions feed the profile only for a reader
who may see them (the Fallmanagement).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from amp.core.clearing.questionnaire import Questionnaire
from amp.core.offers.model import GermanLevel
from amp.core.offers.profile import Profile
from amp.core.problems import InputProblems, Place, Problem

# the profile fields an answer may set, with how the file writes their value
FIELDS: dict[str, type] = {
    "german": GermanLevel,
    "long_term_unemployed": bool,
    "refugee": bool,
    "woman": bool,
    "single_parent": bool,
    "needs_childcare": bool,
    "needs_part_time": bool,
    "needs_accessibility": bool,
}


@dataclass(frozen=True, slots=True)
class ProfileRule:
    """If the answer to `question` contains `option`, the profile's `field` is `value`."""

    question: str
    option: str
    field: str
    value: Any


def rules_from_data(
    data: Any, questionnaire: Questionnaire, file: str | None = None
) -> tuple[ProfileRule, ...]:
    """The rules of section `finder` (absent: none); every problem at once."""
    if data is None:
        return ()
    problems: list[Problem] = []
    if not isinstance(data, list):
        raise InputProblems([Problem(Place(file=file, path="finder"), "eine Liste erwartet")])
    rules: list[ProfileRule] = []
    for index, raw in enumerate(data):
        where = Place(file=file, path=f"finder[{index}]")
        if not isinstance(raw, Mapping):
            problems.append(Problem(where, "eine Zuordnung question/option/field/value erwartet"))
            continue
        question = questionnaire.question(str(raw.get("question", "")))
        field = str(raw.get("field", ""))
        if question is None:
            problems.append(Problem(where, f"unbekannte Frage „{raw.get('question')}“"))
            continue
        option = str(raw.get("option", ""))
        if question.option(option) is None:
            problems.append(Problem(where, f"Frage „{question.id}“ hat keine Antwort „{option}“"))
            continue
        if field not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            problems.append(Problem(where, f"unbekanntes Merkmal „{field}“ (bekannt: {known})"))
            continue
        value = raw.get("value")
        kind = FIELDS[field]
        if kind is bool:
            if not isinstance(value, bool):
                problems.append(Problem(where, f"„{field}“ braucht true oder false"))
                continue
        else:
            try:
                value = kind(str(value))
            except ValueError:
                allowed = ", ".join(level.value for level in GermanLevel)
                problems.append(
                    Problem(where, f"„{value}“ ist kein Wert von „{field}“ ({allowed})")
                )
                continue
        rules.append(ProfileRule(question.id, option, field, value))
    if problems:
        raise InputProblems(problems)
    return tuple(rules)


def finder_profile(
    rules: tuple[ProfileRule, ...],
    questionnaire: Questionnaire,
    answers: Mapping[str, tuple[str, ...]],
    stage: str | None,
    with_health: bool,
) -> Profile:
    """The profile these answers describe, standing at `stage` of the Förderkette."""
    effective = questionnaire.effective(answers)
    values: dict[str, Any] = {}
    for rule in rules:
        question = questionnaire.question(rule.question)
        if question is None or (question.sensitive and not with_health):
            continue
        if rule.option in effective.get(rule.question, ()):
            values[rule.field] = rule.value
    return replace(Profile(current_stage=stage), **values)
