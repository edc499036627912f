"""German formatting for screens and reports: 1.234.567,89 €, 18,64 %, 18.10.2023.

The core computes with Decimals; only the edges (CLI, reports, web) turn them into text,
and they all do it here.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from amp.core import limits
from amp.core.money import decimal_places, round_half_up
from amp.core.units import Unit

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def fixed(value: Decimal, places: int) -> str:
    """A number with thousands points and `places` decimals: 1.234,5."""
    return _grouped(value, places)


def _grouped(value: Decimal, places: int) -> str:
    rounded = round_half_up(value, places)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):,.{places}f}"  # 1,234,567.89
    return sign + text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def money(value: Decimal | None, places: int = 2) -> str:
    return "" if value is None else f"{_grouped(value, places)} €"


def percent(value: Decimal | None, places: int = 2) -> str:
    return "" if value is None else f"{_grouped(value, places)} %"


def count(value: Decimal | int | None) -> str:
    return "" if value is None else _grouped(Decimal(value), 0)


def day(value: date | None) -> str:
    return "" if value is None else f"{value:%d.%m.%Y}"


def number(value: Decimal | None, unit: Unit) -> str:
    """A value in its unit; non-money values keep the decimals they have."""
    if value is None:
        return ""
    if unit is Unit.EUR:
        return money(value)
    if unit is Unit.PERCENT:
        return percent(value)  # shares are printed to the hundredth
    return _grouped(value, decimal_places(value))


def signed(value: Decimal | None, unit: Unit) -> str:
    """A difference, with an explicit plus sign."""
    if value is None:
        return ""
    text = number(value, unit)
    return f"+{text}" if value > 0 else text


class AmountInputError(ValueError):
    """A German message for an amount, count or date a user typed."""


def parse_amount(text: str) -> Decimal | None:
    """A money amount typed the German way: "1.234,50", "1234,5", "1234" or "1.234.567 €".

    Empty input is an empty cell (None). Raises AmountInputError with a German message;
    amounts beyond amp.core.limits (12 digits before the comma, 2 after) are refused.
    """
    _refuse_unreadable(text)
    cleaned = text.strip().removesuffix("€").strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if cleaned.count(",") > 1:
        raise AmountInputError("mehr als ein Komma")
    whole, _, cents = cleaned.partition(",")
    groups = whole.split(".")
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise AmountInputError("Tausenderpunkte an falscher Stelle (z. B. 1.234,50 schreiben)")
    digits = "".join(groups)
    if not digits.isdigit() or (cents and not cents.isdigit()):
        if digits.startswith("-"):
            raise AmountInputError("darf nicht negativ sein")
        raise AmountInputError("keine Zahl (z. B. 1.234,50 schreiben)")
    if len(cents) > limits.MAX_DECIMALS:
        raise AmountInputError("höchstens zwei Nachkommastellen")
    value = Decimal(f"{digits}.{cents or '0'}")
    problem = limits.amount_problem(value)
    if problem:
        raise AmountInputError(problem)
    return value.quantize(Decimal("0.01"))


def _refuse_unreadable(text: str) -> None:
    """Refuse far too long input and digits other than 0–9 before reading the text at all."""
    problem = limits.typed_number_problem(text)
    if problem:
        raise AmountInputError(problem[:1].lower() + problem[1:])


def amount_input(value: Decimal | None) -> str:
    """An amount as a German input field shows it: 1.234,50 (no currency sign)."""
    return "" if value is None else _grouped(value, 2)


def parse_count(text: str) -> int | None:
    """A whole number typed the German way: "1.234" or "1234"; empty input is None.

    Raises AmountInputError with a German message; counts beyond amp.core.limits are refused.
    """
    _refuse_unreadable(text)
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if cleaned.startswith("-"):
        raise AmountInputError("darf nicht negativ sein")
    if "," in cleaned:
        raise AmountInputError("eine ganze Zahl erwartet (ohne Komma)")
    groups = cleaned.split(".")
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise AmountInputError("Tausenderpunkte an falscher Stelle (z. B. 1.234 schreiben)")
    digits = "".join(groups)
    if not digits.isdigit():
        raise AmountInputError("keine ganze Zahl (z. B. 1.234 schreiben)")
    if len(digits.lstrip("0")) > limits.MAX_COUNT_DIGITS:
        raise AmountInputError(limits.count_problem(limits.MAX_COUNT + 1) or "zu groß")
    return int(digits)


def parse_day(text: str) -> date | None:
    """A day as people type it – "18.10.2023" (also "1.2.2024") – or as files and date
    fields carry it – "2023-10-18"; empty input is None.

    The one date parser of amp: forms, the command line and imported files all read days
    here. Raises AmountInputError with a German message.
    """
    _refuse_unreadable(text)
    cleaned = text.strip()
    if not cleaned:
        return None
    if _ISO_DAY.fullmatch(cleaned):
        year, month, day_ = (int(p) for p in cleaned.split("-"))
    else:
        parts = cleaned.split(".")
        if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            raise AmountInputError("kein Datum (als TT.MM.JJJJ schreiben, z. B. 18.10.2023)")
        day_, month, year = (int(p) for p in parts)
    try:
        return date(year, month, day_)
    except ValueError:
        raise AmountInputError(f"den Tag {cleaned} gibt es nicht") from None
