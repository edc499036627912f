"""Cell values of finance-system exports: German or ISO numbers and dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from amp.core.formatting import AmountInputError, parse_amount, parse_day
from amp.core.periods import Month

_ISO_NUMBER = re.compile(r"-?\d+(\.\d{1,2})?$")
_GERMAN_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+$")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})$|(\d{1,2})[./](\d{4})$")
TRUE_WORDS = {"ja", "j", "x", "1", "wahr", "true", "yes"}
FALSE_WORDS = {"", "nein", "n", "0", "falsch", "false", "no"}


class ValueProblem(ValueError):
    """A German message for a cell that cannot be read."""


_ISO_FAST = re.compile(r"-?\d+\.\d\d$")
_GERMAN_FAST = re.compile(r"(-?)(\d{1,3}(?:\.\d{3})*|\d+),(\d\d)$")


def fast_amount(text: str) -> Decimal | None:
    """The common case of an export, "-1.234,56", without the checks of `amount`; None if
    the text is anything else (then `amount` decides and explains)."""
    match = _GERMAN_FAST.match(text)
    if match is None:
        return Decimal(text) if _ISO_FAST.match(text) else None
    sign, whole, cents = match.groups()
    return Decimal(f"{sign}{whole.replace('.', '')}.{cents}")


def fast_day(text: str) -> date | None:
    """The common cases "31.10.2024" and "2024-10-31"; None for anything else."""
    try:
        if len(text) == 10 and text[2] == "." and text[5] == ".":
            return date(int(text[6:]), int(text[3:5]), int(text[:2]))
        if len(text) == 10 and text[4] == "-":
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def amount(value: object) -> Decimal:
    """A signed money amount: "-1.234,56", "1.234,56-" (SAP), "1234.56", "1234" or a number
    cell. Three digits after a single point are German thousands ("1.234" = 1234)."""
    if isinstance(value, bool):
        raise ValueProblem("keine Zahl")
    if isinstance(value, int | Decimal):
        return Decimal(value).quantize(Decimal("0.01"))
    if isinstance(value, float):
        return Decimal(repr(value)).quantize(Decimal("0.01"))
    text = str(value or "").strip().removesuffix("€").strip().replace("\u00a0", "")
    if not text:
        raise ValueProblem("leer, ein Betrag wird gebraucht")
    if _ISO_NUMBER.match(text) and not _GERMAN_THOUSANDS.match(text):
        try:
            return Decimal(text).quantize(Decimal("0.01"))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise ValueProblem("keine Zahl") from None
    negative = text.startswith("-") or text.endswith("-")
    body = text.strip("-").strip()
    try:
        parsed = parse_amount(body)
    except AmountInputError as exc:
        raise ValueProblem(f"„{text}“ ist kein Betrag: {exc}") from None
    if parsed is None:
        raise ValueProblem("leer, ein Betrag wird gebraucht")
    return -parsed if negative else parsed


def day(value: object) -> date:
    """A date as "31.10.2024", "2024-10-31" or a date cell."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        raise ValueProblem("leer, ein Datum wird gebraucht")
    if len(text) > 10 and text[10] in " T":  # a timestamp from a finance system's export
        text = text[:10]
    try:
        parsed = parse_day(text)
    except AmountInputError as exc:
        raise ValueProblem(f"„{text}“: {exc}") from None
    if parsed is None:  # pragma: no cover - empty text is handled above
        raise ValueProblem("leer, ein Datum wird gebraucht")
    return parsed


def month(value: object) -> Month:
    """A month as "2024-03", "03.2024", "3/2024" or a date cell (its month)."""
    if isinstance(value, date):
        return Month.of(value if not isinstance(value, datetime) else value.date())
    text = str(value or "").strip()
    match = _MONTH.match(text)
    if match is None:
        try:
            return Month.of(day(text))
        except ValueProblem:
            raise ValueProblem(f"„{text}“ ist kein Monat (MM.JJJJ oder JJJJ-MM)") from None
    year, number = (match[1], match[2]) if match[1] else (match[4], match[3])
    if not 1 <= int(number) <= 12:
        raise ValueProblem(f"„{text}“: den Monat {number} gibt es nicht")
    return Month(int(year), int(number))


def flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueProblem(f"„{value}“: „ja“ oder „nein“ erwartet")


def text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value).strip()
    return result or None
