"""The ceilings of everything amp accepts, defined once and documented in docs/sicherheit.md.

No plan line of a Jobcenter needs more than 12 digits before the comma; amounts carry at
most two decimals (cents); numbers are written with the ASCII digits 0–9 only (Python and
`Decimal` would silently read "²" or Arabic-Indic "١٢٣" as digits); texts fit the database
columns they end up in. Every entry point (web forms, API, workbooks, plan files, KPI and
cohort inputs) asks these functions and turns a refusal into a problem at its field, cell
or line; a stored plan that breaks a limit anyway is reported by `plan_limit_problems`.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from amp.core.findings import ModelPath

MAX_WHOLE_DIGITS = 12  # digits before the comma of an amount: up to 999.999.999.999,99 €
MAX_DECIMALS = 2  # cents
MAX_AMOUNT = Decimal("999999999999.99")
MAX_COUNT_DIGITS = 9  # quantities, places, vouchers, people: up to 999.999.999
MAX_COUNT = 999_999_999
MAX_INPUT_CHARS = 100  # characters of one typed number, before it is read at all

# text lengths, each matching the database column it is stored in (amp.web.plans.models)
MAX_LABEL = 300  # PlanVersion.label: the Bezeichnung of a version
MAX_NAME = 200  # names and titles: lines, measures, tables, target groups, Jobcenters
MAX_ID = 64  # ids of lines, measures, tables; part of audit paths (AuditEntry.path: 300)
MAX_TEXT = 5000  # free text inside a plan: notes, claims, descriptions
MAX_USERNAME = 150  # django.contrib.auth's User.username

# the fields of the plan model with a tighter limit than MAX_TEXT
FIELD_LIMITS = {"label": MAX_LABEL, "name": MAX_NAME, "title": MAX_NAME, "id": MAX_ID}

ASCII_DIGITS = frozenset("0123456789")

_NUMBER_WORDS = {
    "ZERO": "Null",
    "ONE": "Eins",
    "TWO": "Zwei",
    "THREE": "Drei",
    "FOUR": "Vier",
    "FIVE": "Fünf",
    "SIX": "Sechs",
    "SEVEN": "Sieben",
    "EIGHT": "Acht",
    "NINE": "Neun",
}
_KINDS = (  # the start of a Unicode name → its German words, most specific first
    ("SUPERSCRIPT ", "hochgestellte {}"),
    ("SUBSCRIPT ", "tiefgestellte {}"),
    ("EXTENDED ARABIC-INDIC DIGIT ", "erweiterte arabisch-indische Ziffer {}"),
    ("ARABIC-INDIC DIGIT ", "arabisch-indische Ziffer {}"),
    ("FULLWIDTH DIGIT ", "breite Ziffer {}"),
    ("DEVANAGARI DIGIT ", "Devanagari-Ziffer {}"),
    ("BENGALI DIGIT ", "bengalische Ziffer {}"),
    ("THAI DIGIT ", "thailändische Ziffer {}"),
    ("CIRCLED DIGIT ", "eingekreiste {}"),
    ("DIGIT ", "Ziffer {} in anderer Schrift"),
    ("MATHEMATICAL ", "mathematische Ziffer {}"),
)


def character_name(char: str) -> str:
    """A character in German words where amp knows them, else its Unicode name and code."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    for prefix, words in _KINDS:
        if name.startswith(prefix):
            last = name.rsplit(" ", 1)[-1]
            if last in _NUMBER_WORDS:
                return words.format(_NUMBER_WORDS[last])
    return f"{name.title()}, {code}" if name else code


def foreign_digit(text: str) -> str | None:
    """None when every digit-like character of `text` is one of 0–9, else a German refusal."""
    for char in text:
        if char in ASCII_DIGITS:
            continue
        if unicodedata.numeric(char, None) is not None:
            kind = "Die Ziffer" if unicodedata.digit(char, None) is not None else "Das Zahlzeichen"
            return (
                f"{kind} ‚{char}‘ ({character_name(char)}) ist nicht erlaubt; "
                "bitte nur die Ziffern 0 bis 9 verwenden"
            )
    return None


def typed_number_problem(text: str) -> str | None:
    """A refusal for typed text that must not even be parsed: far too long, foreign digits."""
    if len(text) > MAX_INPUT_CHARS:
        return f"zu lang für eine Zahl ({len(text)} Zeichen)"
    return foreign_digit(text)


def whole_digits(value: Decimal) -> int:
    """Digits before the comma: 1234.5 → 4, 0.5 → 0."""
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return 0
    return max(len(digits) + exponent, 0) if any(digits) else 0


def decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def amount_problem(value: Decimal) -> str | None:
    """None for an amount amp can keep, else why not (German)."""
    if not value.is_finite():
        return "keine Zahl"
    if whole_digits(value) > MAX_WHOLE_DIGITS:
        return (
            f"zu groß: höchstens {MAX_WHOLE_DIGITS} Stellen vor dem Komma "
            "(bis 999.999.999.999,99 €)"
        )
    if decimals(value.normalize()) > MAX_DECIMALS:
        return "höchstens zwei Nachkommastellen"
    return None


def number_problem(value: Decimal) -> str | None:
    """None for a non-money number (percentages, rates, targets) within the amount ceiling."""
    if not value.is_finite():
        return "keine Zahl"
    if whole_digits(value) > MAX_WHOLE_DIGITS:
        return f"zu groß: höchstens {MAX_WHOLE_DIGITS} Stellen vor dem Komma"
    if decimals(value) > 2 * MAX_WHOLE_DIGITS:
        return f"höchstens {2 * MAX_WHOLE_DIGITS} Nachkommastellen"
    return None


def count_problem(value: int) -> str | None:
    """None for a count (places, vouchers, people) amp can keep, else why not."""
    if abs(value) > MAX_COUNT:
        return f"zu groß: höchstens {MAX_COUNT_DIGITS} Stellen (bis 999.999.999)"
    return None


def text_problem(text: str, limit: int = MAX_TEXT) -> str | None:
    """None for a text that fits its column and holds no control characters, else why not."""
    if len(text) > limit:
        return f"zu lang: höchstens {limit} Zeichen (eingegeben: {len(text)})"
    for char in text:
        if unicodedata.category(char) == "Cc" and char not in "\n\t\r":
            return f"enthält ein unzulässiges Steuerzeichen (U+{ord(char):04X})"
    return None


def shortened(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, the cut marked with "…"."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chained_label(parent: str, addition: str, limit: int = MAX_LABEL) -> str:
    """The label of a version derived from `parent`: "parent – addition", never over `limit`.

    The newest addition is kept whole; the older part is cut in the middle so that its
    beginning (the original Bezeichnung) stays readable.
    """
    addition = shortened(addition, limit)
    joined = f"{parent} – {addition}".lstrip(" –") if parent else addition
    if len(joined) <= limit:
        return joined
    room = limit - len(addition) - len(" – ")
    if room < 2:
        return addition
    return f"{shortened(parent, room)} – {addition}"


def plan_limit_problems(plan: Any) -> list[tuple[ModelPath, str]]:
    """Every value of a plan (or a part of it) beyond a limit, with its path."""
    return list(_walk(plan, ()))


def value_limit_problems(value: Any, path: ModelPath = ()) -> list[tuple[ModelPath, str]]:
    """Every part of one value (an amount, a measure, …) beyond a limit; `path` is where the
    value stands in the plan (it tells money from other numbers and names from texts)."""
    if isinstance(value, str):
        name = next((p for p in reversed(path) if isinstance(p, str)), "")
        problem = text_problem(value, FIELD_LIMITS.get(name, MAX_TEXT))
        return [(path, problem)] if problem else []
    return list(_walk(value, path))


def _walk(node: Any, path: ModelPath) -> Iterator[tuple[ModelPath, str]]:
    if node is None or isinstance(node, bool | Enum | date):
        return
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        for field in dataclasses.fields(node):
            value = getattr(node, field.name)
            if isinstance(value, str):
                refused = text_problem(value, FIELD_LIMITS.get(field.name, MAX_TEXT))
                if refused:
                    yield (*path, field.name), refused
            else:
                yield from _walk(value, (*path, field.name))
        return
    if isinstance(node, tuple | list):
        for index, item in enumerate(node):
            yield from _walk(item, (*path, index))
        return
    if isinstance(node, dict):
        for key, item in node.items():
            yield from _walk(item, (*path, str(key)))
        return
    problem: str | None = None
    if isinstance(node, Decimal):
        money = "amounts" in path or path[:1] == ("funding",)
        problem = amount_problem(node) if money else number_problem(node)
    elif isinstance(node, int):
        problem = count_problem(node)
    elif isinstance(node, str):
        problem = text_problem(node)
    if problem:
        yield path, problem
