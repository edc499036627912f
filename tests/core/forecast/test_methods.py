"""Forecast methods on series whose answer is known by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from amp.core.forecast import LineInput, Method, OneOff, YearSeries, forecast_line, total_forecast
from amp.core.forecast.inputs import forecast_inputs
from amp.core.forecast.methods import backtest
from amp.core.ledger import (
    AccountMapping,
    Booking,
    Commitment,
    CommitmentStatus,
    Ledger,
    LedgerLine,
    MappingRule,
)
from amp.core.periods import Month

D = Decimal
Z12 = (D(0),) * 12


def year(y: int, amounts: list[int], open_: list[int] | None = None, unbound=None) -> YearSeries:
    values = tuple(D(a) for a in amounts)
    return YearSeries(
        y,
        values,
        values if unbound is None else tuple(D(a) for a in unbound),
        tuple(D(o) for o in open_) if open_ is not None else (D(0),) * len(values),
    )


def test_run_rate_without_history() -> None:
    result = forecast_line(LineInput("a", year(2024, [1000] * 10)))
    assert result.method is Method.RUN_RATE
    assert result.point == D(12000)
    assert result.interval95 is None  # no backtest, no invented interval
    assert "ohne Rückblicktest" in result.explanation[0]


def test_profile_of_previous_year() -> None:
    # the previous year spent a quarter of its total in the first half year
    previous = year(2023, [500] * 6 + [1500] * 6)
    result = forecast_line(LineInput("a", year(2024, [5000] * 6), (previous,)))
    assert result.alternatives[Method.PROFILE] == D(120000)
    assert result.alternatives[Method.RUN_RATE] == D(60000)


def test_backtest_picks_the_method_that_hit_last_year() -> None:
    back = [500] * 6 + [1500] * 6
    line = LineInput("a", year(2024, [500] * 6), (year(2022, back), year(2023, back)))
    result = forecast_line(line)
    # 2023 replayed with the 2022 profile is exact; run-rate misses by half (6.000 of 12.000)
    assert result.method is Method.PROFILE
    assert result.point == D(12000)
    profile_bt = next(b for b in result.backtests if b.method is Method.PROFILE)
    assert profile_bt.mape == pytest.approx(0.0)
    assert profile_bt.points == ("2023 nach Mai", "2023 nach Juni", "2023 nach Juli")
    run_rate_bt = backtest(line, Method.RUN_RATE, [6])
    assert run_rate_bt.errors == (-0.5, -0.5)


def test_runoff_adds_open_commitments_and_the_unbound_rest() -> None:
    # 6 months: 600 booked each, of which 100 unbound; 9.000 still open in commitments
    current = year(2024, [600] * 6, open_=[9000] * 6, unbound=[100] * 6)
    result = forecast_line(LineInput("a", current))
    # 3.600 + 9.000 + unbound 600 × 12/6 − 600 = 13.200
    assert result.alternatives[Method.RUNOFF] == D(13200)


def test_smoothing_of_a_constant_series_is_exact_with_zero_width() -> None:
    history = (year(2022, [1000] * 12), year(2023, [1000] * 12))
    result = forecast_line(LineInput("a", year(2024, [1000] * 6), history), method=Method.SMOOTHING)
    assert result.point == D(12000)
    assert result.interval95 == (D(12000), D(12000))


def test_smoothing_interval_grows_with_noise_and_nests() -> None:
    noisy = [1000, 1400, 700, 1200, 900, 1300, 800, 1100, 1000, 1500, 600, 1000]
    history = (year(2022, noisy), year(2023, list(reversed(noisy))))
    line = LineInput("a", year(2024, noisy[:4]), history)
    result = forecast_line(line, method=Method.SMOOTHING)
    assert result.method is Method.SMOOTHING
    assert result.interval95 is not None
    assert result.interval80 is not None
    assert result.interval95[0] < result.interval80[0] < result.point
    assert result.point < result.interval80[1] < result.interval95[1]


def test_one_off_counts_in_actual_but_is_not_extrapolated() -> None:
    line = LineInput("a", year(2024, [1000] * 6), one_offs=(OneOff("B-4711", 3, D(60000)),))
    result = forecast_line(line)
    assert result.actual == D(66000)
    assert result.point == D(72000)
    assert result.one_off_effect == D(60000)  # 66.000 × 12/6 − 66.000 − 6.000
    text = " ".join(result.explanation)
    assert "B-4711" in text
    assert "nicht hochgerechnet" in text
    assert "60.000 €" in text


def test_large_unmarked_booking_is_pointed_out() -> None:
    line = LineInput("a", year(2024, [1000] * 6), large_unmarked=(OneOff("B-9", 2, D(9000)),))
    assert any("B-9" in e and "ungewöhnlich groß" in e for e in forecast_line(line).explanation)


def test_closed_year_is_its_actual() -> None:
    result = forecast_line(LineInput("a", year(2024, [1000] * 12)))
    assert result.point == D(12000)
    assert result.interval95 == (D(12000), D(12000))


def test_total_combines_independent_intervals() -> None:
    history = (year(2022, [500] * 6 + [1500] * 6), year(2023, [400] * 6 + [1600] * 6))
    a = forecast_line(LineInput("a", year(2024, [500] * 6), history))
    b = forecast_line(LineInput("b", year(2024, [1000] * 6)))
    total = total_forecast([a, b])
    assert total.point == a.point + b.point
    assert total.lines_without_interval == tuple(f.line for f in (a, b) if f.interval95 is None)


def test_inputs_from_a_ledger() -> None:
    bookings = [
        Booking(f"H{y}-{m}", date(y, m, 15), D(1000), "k")
        for y in (2022, 2023)
        for m in range(1, 13)
    ]
    bookings += [
        Booking(f"C{m}", date(2024, m, 15), D(1000), "k", commitment="V") for m in (1, 2, 3)
    ]
    bookings += [Booking("X", date(2024, 2, 20), D(50000), "k", one_off=True)]
    bookings += [Booking("L", date(2024, 3, 20), D(20000), "k")]
    ledger = Ledger(
        lines=(LedgerLine("a", "A", "a"),),
        plans={2024: {"a": D(100000)}},
        bookings=tuple(bookings),
        commitments=(
            Commitment(
                "V",
                "a",
                date(2024, 1, 1),
                CommitmentStatus.BOUND,
                {Month(2024, m): D(1000) for m in range(1, 13)},
            ),
        ),
        mapping=AccountMapping((MappingRule("k", "a"),)),
    )
    inputs = forecast_inputs(ledger, 2024, date(2024, 3, 31))["a"]
    assert [y.year for y in inputs.history] == [2022, 2023]
    assert inputs.current.amounts == (D(1000), D(1000), D(21000))
    assert inputs.current.unbound == (D(0), D(0), D(20000))
    assert inputs.current.open == (D(11000), D(10000), D(9000))
    assert inputs.one_offs == (OneOff("X", 2, D(50000)),)
    assert [b.booking for b in inputs.large_unmarked] == ["L"]
