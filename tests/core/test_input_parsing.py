"""German input of counts and dates, as the web forms take it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from amp.core.formatting import AmountInputError, parse_count, parse_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.234", 1234), ("1234", 1234), (" 52 ", 52), ("0", 0), ("", None), ("1.234.567", 1234567)],
)
def test_counts(text: str, expected: int | None) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-3", "darf nicht negativ sein"),
        ("1,5", "eine ganze Zahl erwartet (ohne Komma)"),
        ("12.34", "Tausenderpunkte an falscher Stelle"),
        ("viele", "keine ganze Zahl"),
    ],
)
def test_bad_counts(text: str, message: str) -> None:
    with pytest.raises(AmountInputError, match=re.escape(message)):
        parse_count(text)


def test_days() -> None:
    assert parse_day("18.10.2023") == date(2023, 10, 18)
    assert parse_day("1.2.2024") == date(2024, 2, 1)
    assert parse_day("  ") is None
    assert parse_day("2023-10-18") == date(2023, 10, 18)  # files and date fields


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-10-1", "kein Datum"),
        ("2023-02-30", "den Tag 2023-02-30 gibt es nicht"),
        ("18.10.23", "kein Datum"),
        ("31.02.2025", "den Tag 31.02.2025 gibt es nicht"),
        ("18.13.2023", "den Tag 18.13.2023 gibt es nicht"),
    ],
)
def test_bad_days(text: str, message: str) -> None:
    with pytest.raises(AmountInputError, match=re.escape(message)):
        parse_day(text)
