from datetime import date
from decimal import Decimal

import pytest

from amp.core import formatting
from amp.core.money import decimal_places, percent, round_half_up, total
from amp.core.periods import DateRange, Month, Quarter
from amp.core.units import Unit

D = Decimal


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("1.005"), 2, D("1.01")),
        (D("-1.005"), 2, D("-1.01")),
        (D("4904514.08"), 0, D("4904514")),
        (D("2061599"), -5, D("2.1E+6")),
    ],
)
def test_rounding_is_half_up(value: Decimal, places: int, expected: Decimal) -> None:
    assert round_half_up(value, places) == expected


def test_sums_treat_empty_cells_as_nothing_and_stay_exact() -> None:
    assert total([D("0.10"), None, D("0.20")]) == D("0.30")
    assert decimal_places(D("18.64")) == 2
    assert decimal_places(D("285")) == 0
    assert percent(D("1"), D("0")) is None
    assert round_half_up(percent(D("3609451.06"), D("19368174.00")) or D(0), 2) == D("18.64")


def test_german_formatting_at_the_edge() -> None:
    assert formatting.money(D("1234567.885")) == "1.234.567,89 €"
    assert formatting.money(D("-54000")) == "-54.000,00 €"
    assert formatting.percent(D("18.636")) == "18,64 %"
    assert formatting.count(1234) == "1.234"
    assert formatting.day(date(2023, 10, 18)) == "18.10.2023"
    assert formatting.signed(D("2876678.51"), Unit.EUR) == "+2.876.678,51 €"
    assert formatting.number(D("9.19"), Unit.PERCENT) == "9,19 %"


def test_periods() -> None:
    contract = DateRange(date(2022, 3, 1), date(2024, 2, 29))
    assert contract.months_in_year(2024) == (Month(2024, 1), Month(2024, 2))
    assert contract.overlaps(DateRange(date(2024, 2, 29)))
    assert not contract.overlaps(DateRange(date(2024, 3, 1)))
    assert DateRange(date(2024, 9, 1)).contains(date(2030, 1, 1))  # open end
    assert Quarter.of(date(2024, 5, 2)) == Quarter(2024, 2)
    assert Quarter(2024, 4).months[-1].last_day == date(2024, 12, 31)
    with pytest.raises(ValueError, match="vor dem Beginn"):
        DateRange(date(2024, 2, 1), date(2024, 1, 1))


def test_percentages_are_shown_to_the_hundredth() -> None:
    assert formatting.number(D("2.5918556287825463606254"), Unit.PERCENT) == "2,59 %"
    assert formatting.number(D("10"), Unit.PERCENT) == "10,00 %"
