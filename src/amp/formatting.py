"""German formatting for the edges (CLI, reports, web): the functions of amp.core.formatting.

They live in amp.core so that core modules (scenario labels, limits) use the same words and
numbers as the screens; this module keeps the short import path the edges use.
"""

from amp.core.formatting import (
    AmountInputError,
    amount_input,
    count,
    day,
    fixed,
    money,
    number,
    parse_amount,
    parse_count,
    parse_day,
    percent,
    signed,
)

__all__ = [
    "AmountInputError",
    "amount_input",
    "count",
    "day",
    "fixed",
    "money",
    "number",
    "parse_amount",
    "parse_count",
    "parse_day",
    "percent",
    "signed",
]
