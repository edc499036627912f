"""Path edits on the frozen model, the plan as JSON document, German amount input."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from amp.core.edit import differences, format_path, parse_path, set_at, value_at
from amp.core.formatting import AmountInputError, amount_input, parse_amount
from amp.example import DEMO_PLAN
from amp.io.document import plan_from_document, plan_to_document
from amp.io.plan_dir import load_plan

EXAMPLE = DEMO_PLAN
AMOUNT = ("budget", "groups", 0, "lines", 1, "amounts", "commitments")


def test_document_round_trip_of_the_example_is_lossless() -> None:
    plan = load_plan(EXAMPLE).plan
    document = plan_to_document(plan)
    text = json.dumps(document)  # what a JSON column stores
    assert plan_from_document(json.loads(text)) == plan
    assert plan_to_document(plan_from_document(document)) == document
    assert value_at(plan, AMOUNT) == Decimal("473344.31")
    assert document["budget"]["groups"][0]["lines"][1]["amounts"]["commitments"] == "473344.31"


def test_document_with_unknown_key_is_refused() -> None:
    from pydantic import ValidationError

    document = plan_to_document(load_plan(EXAMPLE).plan)
    document["budget"]["surprise"] = 1
    with pytest.raises(ValidationError):
        plan_from_document(document)


def test_set_at_changes_one_value_and_differences_find_it() -> None:
    plan = load_plan(EXAMPLE).plan
    changed = set_at(plan, AMOUNT, Decimal("1.00"))
    assert value_at(changed, AMOUNT) == Decimal("1.00")
    assert value_at(plan, AMOUNT) == Decimal("473344.31")  # the original is untouched
    assert differences(plan, changed) == [(AMOUNT, Decimal("473344.31"), Decimal("1.00"))]
    assert differences(plan, plan) == []


@pytest.mark.parametrize(
    "path",
    [
        ("budget", "groups", 99),
        ("budget", "nope"),
        ("budget", "groups", 0, "lines", 1, "amounts", "plan", "deeper"),
    ],
)
def test_unknown_paths_raise_lookup_error(path: tuple[str | int, ...]) -> None:
    plan = load_plan(EXAMPLE).plan
    with pytest.raises(LookupError):
        value_at(plan, path)
    with pytest.raises(LookupError):
        set_at(plan, path, 1)


def test_paths_as_text_round_trip() -> None:
    text = "budget.groups[0].lines[1].amounts.commitments"
    assert parse_path(text) == AMOUNT
    assert format_path(AMOUNT) == text
    with pytest.raises(ValueError):  # noqa: PT011 - any malformed path
        parse_path("budget.groups[x]")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.234,50", Decimal("1234.50")),
        ("1234,5", Decimal("1234.50")),
        ("1234", Decimal("1234.00")),
        (" 1.234.567 € ", Decimal("1234567.00")),
        ("0,07", Decimal("0.07")),
        ("", None),
    ],
)
def test_german_amount_input(typed: str, value: Decimal | None) -> None:
    assert parse_amount(typed) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,3,4", "mehr als ein Komma"),
        ("1234.50", "Tausenderpunkte"),
        ("1.23,00", "Tausenderpunkte"),
        ("-5", "negativ"),
        ("abc", "keine Zahl"),
        ("1,234", "zwei Nachkommastellen"),
    ],
)
def test_bad_amount_input_gets_a_german_message(typed: str, message: str) -> None:
    with pytest.raises(AmountInputError, match=message):
        parse_amount(typed)


def test_amount_input_shows_what_parse_reads() -> None:
    value = Decimal("1234567.8")
    assert amount_input(value) == "1.234.567,80"
    assert parse_amount(amount_input(value)) == value
