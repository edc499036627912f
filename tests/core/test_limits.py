"""amp.core.limits: the ceilings, the refusal of foreign digits by name, chained labels."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amp.core import formatting, limits
from amp.core.scenarios import Basis, ScenarioRequest, draft_label


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("²", "hochgestellte Zwei"),
        ("١٢٣", "arabisch-indische Ziffer Eins"),
        ("۴", "erweiterte arabisch-indische Ziffer Vier"),
        ("５", "breite Ziffer Fünf"),
        ("१", "Devanagari-Ziffer Eins"),
        ("₃", "tiefgestellte Drei"),
    ],
)
def test_foreign_digits_are_refused_by_name(typed: str, name: str) -> None:
    message = limits.foreign_digit(f"1{typed}")
    assert message == (
        f"Die Ziffer ‚{typed[0]}‘ ({name}) ist nicht erlaubt; bitte nur die Ziffern 0 bis 9 "
        "verwenden"
    )
    with pytest.raises(formatting.AmountInputError, match=name):
        formatting.parse_amount(typed)
    with pytest.raises(formatting.AmountInputError, match=name):
        formatting.parse_count(typed)


def test_other_number_signs_are_named_too() -> None:
    assert "Das Zahlzeichen ‚½‘ (Vulgar Fraction One Half, U+00BD)" in str(
        limits.foreign_digit("½")
    )


def test_the_amount_ceiling() -> None:
    assert formatting.parse_amount("999.999.999.999,99") == Decimal("999999999999.99")
    for typed in ("1.000.000.000.000", "99999999999999999999999999,99", "9" * 27):
        with pytest.raises(formatting.AmountInputError, match="12 Stellen vor dem Komma"):
            formatting.parse_amount(typed)
    with pytest.raises(formatting.AmountInputError, match="zu lang für eine Zahl"):
        formatting.parse_amount("9" * 4000)
    assert limits.amount_problem(Decimal("1.001")) == "höchstens zwei Nachkommastellen"
    assert limits.amount_problem(Decimal("NaN")) == "keine Zahl"


def test_the_count_ceiling() -> None:
    assert formatting.parse_count("999.999.999") == 999_999_999
    with pytest.raises(formatting.AmountInputError, match="höchstens 9 Stellen"):
        formatting.parse_count("1.000.000.000")


def test_texts_fit_their_columns_and_hold_no_control_characters() -> None:
    assert limits.text_problem("x" * limits.MAX_LABEL, limits.MAX_LABEL) is None
    assert limits.text_problem("x" * 301, limits.MAX_LABEL) == (
        "zu lang: höchstens 300 Zeichen (eingegeben: 301)"
    )
    assert "Steuerzeichen (U+0000)" in str(limits.text_problem("a\x00b"))
    assert limits.text_problem("Zeile 1\nZeile 2\tmit Tab") is None


@given(st.lists(st.decimals(min_value=1, max_value=10**11, places=2), min_size=1, max_size=40))
def test_chained_scenario_labels_never_outgrow_the_column(amounts: list[Decimal]) -> None:
    label = "Fortschreibung Juni"
    for amount in amounts:
        request = ScenarioRequest(-amount, Basis.EUR)
        label = draft_label(label, request)
        assert len(label) <= limits.MAX_LABEL
        assert label.endswith(f"Kürzung um {formatting.money(amount)} (anteilig)")
    assert label.startswith("Fortschreibung")
