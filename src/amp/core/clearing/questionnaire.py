"""The questionnaire as data: questions, answer kinds, conditions, translations, version.

A questionnaire is read from a mapping (parsed YAML or stored JSON) with `from_data`;
every problem of the mapping is reported at once (`InputProblems`). Answers are a mapping
of question id to a tuple of strings: one option id for `choice`, any number for
`multiple`, one text for `text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from amp.core.limits import MAX_ID, text_problem
from amp.core.problems import InputProblems, Place, Problem


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # amp's code: de, ls (Leichte Sprache), en, uk, ar
    name: str  # the language's own name, as the switch shows it
    html: str  # the value of the lang attribute
    direction: str  # ltr or rtl


LANGUAGES: tuple[Language, ...] = (
    Language("de", "Deutsch", "de", "ltr"),
    Language("ls", "Leichte Sprache", "de", "ltr"),
    Language("en", "English", "en", "ltr"),
    Language("uk", "Українська", "uk", "ltr"),
    Language("ar", "العربية", "ar", "rtl"),
)
LANGUAGE_CODES = tuple(language.code for language in LANGUAGES)
DEFAULT_LANGUAGE = "de"
KINDS = ("choice", "multiple", "text")
MAX_TEXT_ANSWER = 1000  # the longest free-text answer a questionnaire may allow
MAX_QUESTIONS = 60
MAX_OPTIONS = 20
# interface texts every questionnaire must carry in every language
REQUIRED_TEXTS = (
    "title",
    "start",
    "next",
    "back",
    "change",
    "submit",
    "check_title",
    "check_intro",
    "error_title",
    "error_required",
    "error_choice",
    "error_too_long",
    "error_characters",
    "error_missing",
    "optional",
    "not_answered",
    "thanks_title",
    "thanks",
    "invalid_title",
    "invalid",
    "privacy_title",
    "privacy",
    "languages",
    "accessibility",
    "accessibility_statement",
    "feedback",
    "feedback_intro",
    "feedback_label",
    "feedback_send",
    "feedback_thanks",
    "throttled",
)


def language(code: str | None) -> Language:
    """The language of a code; German for anything unknown."""
    for candidate in LANGUAGES:
        if candidate.code == code:
            return candidate
    return LANGUAGES[0]


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    text: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Condition:
    """Shown only when the answer to `question` contains one of `any_of`."""

    question: str
    any_of: tuple[str, ...]

    def holds(self, answers: Mapping[str, tuple[str, ...]]) -> bool:
        return any(value in self.any_of for value in answers.get(self.question, ()))


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: str
    text: Mapping[str, str]
    hint: Mapping[str, str] | None = None
    options: tuple[Option, ...] = ()
    required: bool = True
    show_if: Condition | None = None
    sensitive: bool = False  # health: read only by the Fallmanagement
    max_length: int = 0  # text answers only

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True, slots=True)
class Questionnaire:
    version: str
    questions: tuple[Question, ...]
    texts: Mapping[str, Mapping[str, str]]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def text(self, key: str, language_code: str) -> str:
        translations = self.texts[key]
        return translations.get(language_code) or translations[DEFAULT_LANGUAGE]

    def visible(self, answers: Mapping[str, tuple[str, ...]]) -> tuple[Question, ...]:
        """The questions a person with these answers is asked, in order. A condition reads
        only answers to questions that are themselves asked: a stale answer to a question
        hidden by a changed earlier answer opens nothing."""
        shown: list[Question] = []
        asked: dict[str, tuple[str, ...]] = {}
        for question in self.questions:
            if question.show_if is None or question.show_if.holds(asked):
                shown.append(question)
                if question.id in answers:
                    asked[question.id] = answers[question.id]
        return tuple(shown)

    def effective(self, answers: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """The answers to visible questions only: a changed earlier answer drops those to
        questions that no longer apply."""
        visible = {q.id for q in self.visible(answers)}
        return {k: v for k, v in answers.items() if k in visible and v}

    def missing(self, answers: Mapping[str, tuple[str, ...]]) -> tuple[Question, ...]:
        """Required visible questions without an answer."""
        return tuple(q for q in self.visible(answers) if q.required and not answers.get(q.id))

    def following(
        self, answers: Mapping[str, tuple[str, ...]], question_id: str
    ) -> Question | None:
        """The visible question after `question_id`; None after the last."""
        visible = self.visible(answers)
        ids = [q.id for q in visible]
        if question_id not in ids:
            return visible[0] if visible else None
        index = ids.index(question_id)
        return visible[index + 1] if index + 1 < len(visible) else None

    def previous(self, answers: Mapping[str, tuple[str, ...]], question_id: str) -> Question | None:
        visible = self.visible(answers)
        ids = [q.id for q in visible]
        if question_id not in ids or ids.index(question_id) == 0:
            return None
        return visible[ids.index(question_id) - 1]


@dataclass(frozen=True, slots=True)
class AnswerError:
    key: str  # a key of the interface texts: error_required, error_choice, error_too_long, …
    limit: int = 0


def validate(question: Question, values: list[str]) -> tuple[tuple[str, ...], AnswerError | None]:
    """The cleaned answer to one question, or the error to show (in the person's language)."""
    values = [v.strip() for v in values if v.strip()]
    if question.kind == "text":
        text = values[0] if values else ""
        if not text:
            return (), AnswerError("error_required") if question.required else None
        if len(text) > question.max_length:
            return (), AnswerError("error_too_long", question.max_length)
        if text_problem(text, question.max_length):
            return (), AnswerError("error_characters")
        return (text,), None
    if not values:
        return (), AnswerError("error_required") if question.required else None
    known = {o.id for o in question.options}
    if any(v not in known for v in values) or (question.kind == "choice" and len(values) > 1):
        return (), AnswerError("error_choice")
    ordered = tuple(o.id for o in question.options if o.id in values)  # option order, unique
    return ordered, None


def _translations(
    value: Any, where: str, problems: list[Problem], file: str | None
) -> dict[str, str]:
    if not isinstance(value, Mapping):
        problems.append(Problem(Place(file=file, path=where), "Übersetzungen fehlen"))
        return {}
    missing = [code for code in LANGUAGE_CODES if not str(value.get(code) or "").strip()]
    if missing:
        problems.append(
            Problem(Place(file=file, path=where), f"Übersetzung fehlt für: {', '.join(missing)}")
        )
    unknown = sorted(str(k) for k in value if k not in LANGUAGE_CODES)
    if unknown:
        problems.append(
            Problem(Place(file=file, path=where), f"unbekannte Sprache: {', '.join(unknown)}")
        )
    return {code: str(value.get(code) or "").strip() for code in LANGUAGE_CODES}


def _identifier(value: Any, where: str, problems: list[Problem], file: str | None) -> str:
    text = str(value or "")
    if (
        not text
        or len(text) > MAX_ID
        or not all(c.isascii() and (c.isalnum() or c == "_") for c in text)
    ):
        problems.append(
            Problem(
                Place(file=file, path=where),
                f"Kennung „{text}“ ungültig: 1 bis {MAX_ID} Zeichen aus a–z, 0–9 und _",
            )
        )
    return text


def from_data(data: Any, file: str | None = None) -> Questionnaire:
    """The questionnaire of a mapping; `InputProblems` with every problem found."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise InputProblems([Problem(Place(file=file), "Der Fragebogen ist keine Zuordnung.")])
    version = str(data.get("version") or "").strip()
    if not version or len(version) > MAX_ID:
        problems.append(Problem(Place(file=file, path="version"), "Version fehlt oder zu lang"))
    texts: dict[str, dict[str, str]] = {}
    raw_texts = data.get("texts")
    if not isinstance(raw_texts, Mapping):
        raw_texts = {}
        problems.append(Problem(Place(file=file, path="texts"), "Oberflächentexte fehlen"))
    for key in REQUIRED_TEXTS:
        if key not in raw_texts:
            problems.append(Problem(Place(file=file, path=f"texts.{key}"), "Text fehlt"))
    for key, value in raw_texts.items():
        texts[str(key)] = _translations(value, f"texts.{key}", problems, file)
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        problems.append(Problem(Place(file=file, path="questions"), "Keine Fragen"))
        raw_questions = []
    if len(raw_questions) > MAX_QUESTIONS:
        problems.append(
            Problem(Place(file=file, path="questions"), f"höchstens {MAX_QUESTIONS} Fragen")
        )
    questions: list[Question] = []
    seen: dict[str, Question] = {}
    for index, raw in enumerate(raw_questions):
        where = f"questions[{index}]"
        if not isinstance(raw, Mapping):
            problems.append(Problem(Place(file=file, path=where), "Frage ist keine Zuordnung"))
            continue
        qid = _identifier(raw.get("id"), f"{where}.id", problems, file)
        if qid in seen:
            problems.append(Problem(Place(file=file, path=f"{where}.id"), f"„{qid}“ doppelt"))
        kind = str(raw.get("kind") or "")
        if kind not in KINDS:
            problems.append(
                Problem(
                    Place(file=file, path=f"{where}.kind"),
                    f"Art „{kind}“ unbekannt (erlaubt: {', '.join(KINDS)})",
                )
            )
        text = _translations(raw.get("text"), f"{where}.text", problems, file)
        hint = None
        if raw.get("hint") is not None:
            hint = _translations(raw.get("hint"), f"{where}.hint", problems, file)
        options: list[Option] = []
        raw_options = raw.get("options") or []
        if kind in ("choice", "multiple") and (
            not isinstance(raw_options, list) or len(raw_options) < 2
        ):
            problems.append(
                Problem(Place(file=file, path=f"{where}.options"), "mindestens zwei Antworten")
            )
            raw_options = []
        if kind == "text" and raw_options:
            problems.append(
                Problem(
                    Place(file=file, path=f"{where}.options"), "Textfragen haben keine Antworten"
                )
            )
            raw_options = []
        if len(raw_options) > MAX_OPTIONS:
            problems.append(
                Problem(
                    Place(file=file, path=f"{where}.options"), f"höchstens {MAX_OPTIONS} Antworten"
                )
            )
        option_ids: set[str] = set()
        for o_index, raw_option in enumerate(raw_options):
            o_where = f"{where}.options[{o_index}]"
            if not isinstance(raw_option, Mapping):
                problems.append(Problem(Place(file=file, path=o_where), "keine Zuordnung"))
                continue
            oid = _identifier(raw_option.get("id"), f"{o_where}.id", problems, file)
            if oid in option_ids:
                problems.append(Problem(Place(file=file, path=f"{o_where}.id"), f"„{oid}“ doppelt"))
            option_ids.add(oid)
            options.append(
                Option(
                    oid, _translations(raw_option.get("text"), f"{o_where}.text", problems, file)
                )
            )
        max_length = 0
        if kind == "text":
            max_length = raw.get("max_length") or 0
            if not isinstance(max_length, int) or not 1 <= max_length <= MAX_TEXT_ANSWER:
                problems.append(
                    Problem(
                        Place(file=file, path=f"{where}.max_length"),
                        f"Textfragen brauchen max_length von 1 bis {MAX_TEXT_ANSWER}",
                    )
                )
                max_length = 1
        condition = None
        raw_condition = raw.get("show_if")
        if raw_condition is not None:
            c_where = f"{where}.show_if"
            if not isinstance(raw_condition, Mapping):
                problems.append(Problem(Place(file=file, path=c_where), "keine Zuordnung"))
            else:
                target = str(raw_condition.get("question") or "")
                any_of = raw_condition.get("any_of")
                earlier = seen.get(target)
                if earlier is None:
                    problems.append(
                        Problem(
                            Place(file=file, path=c_where),
                            f"Bedingung auf „{target}“: keine frühere Frage dieses Namens",
                        )
                    )
                elif not isinstance(any_of, list) or not any_of:
                    problems.append(Problem(Place(file=file, path=c_where), "any_of fehlt"))
                else:
                    unknown = [str(v) for v in any_of if earlier.option(str(v)) is None]
                    if unknown:
                        problems.append(
                            Problem(
                                Place(file=file, path=c_where),
                                f"„{target}“ hat keine Antwort {', '.join(unknown)}",
                            )
                        )
                    condition = Condition(target, tuple(str(v) for v in any_of))
        question = Question(
            id=qid,
            kind=kind,
            text=text,
            hint=hint,
            options=tuple(options),
            required=bool(raw.get("required", True)),
            show_if=condition,
            sensitive=bool(raw.get("sensitive", False)),
            max_length=max_length,
        )
        if question.sensitive and question.required:
            problems.append(
                Problem(
                    Place(file=file, path=where),
                    "Gesundheitsfragen (sensitive) müssen freiwillig sein (required: false)",
                )
            )
        seen[qid] = question
        questions.append(question)
    if problems:
        raise InputProblems(problems)
    return Questionnaire(version=version, questions=tuple(questions), texts=texts)
