"""Properties of the wage-subsidy schedules that must hold for every input."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amp.rules.calculators.wage_subsidy import (
    CalculationError,
    Household,
    law_16e,
    law_16i,
    subsidy_schedule,
)
from amp.rules.law import load_law

# the parameter files hold minimum wage and all insurance rates from 2023 on
starts = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31))
hours = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(48), places=1)

LAW = load_law()


@settings(max_examples=40, deadline=None)
@given(start=starts, hours=hours, household=st.sampled_from(list(Household)))
def test_16i_rate_never_rises_never_exceeds_100_and_at_most_60_months(
    start: date, hours: Decimal, household: Household
) -> None:
    schedule = subsidy_schedule(law_16i(LAW), start, hours, household=household)
    assert len(schedule.months) <= 60
    rates = [m.rate for m in schedule.months]
    assert all(a >= b for a, b in itertools.pairwise(rates))
    assert all(Decimal(0) < r <= 100 for r in rates)
    assert all(Decimal(0) <= m.pat <= m.subsidy <= m.base for m in schedule.months)


@settings(max_examples=20, deadline=None)
@given(start=starts, hours=hours)
def test_16e_is_two_years_falling(start: date, hours: Decimal) -> None:
    schedule = subsidy_schedule(law_16e(LAW), start, hours)
    assert len(schedule.months) == 24
    assert {m.rate for m in schedule.months[:12]} == {Decimal(75)}
    assert {m.rate for m in schedule.months[12:]} == {Decimal(50)}


def test_more_than_60_months_is_refused_in_german() -> None:
    with pytest.raises(CalculationError, match="1 bis 60 Monate"):
        subsidy_schedule(law_16i(LAW), date(2024, 1, 1), Decimal(39), months=61)


def test_16i_before_it_existed_is_refused() -> None:
    with pytest.raises(CalculationError, match=r"kein Zahlenwert|nicht in Kraft"):
        subsidy_schedule(law_16i(LAW), date(2018, 12, 31), Decimal(39))
