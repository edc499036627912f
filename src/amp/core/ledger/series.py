"""Monthly series of a ledger: what each line spent per month, and the usual seasonal
profile (Mittelabfluss) of previous years."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from amp.core.ledger.model import Ledger
from amp.core.money import ZERO, Money

MonthlyAmounts = list[Money]  # index 0 = January


def monthly_actuals(
    ledger: Ledger, year: int, stand: date | None = None, *, with_one_off: bool = True
) -> dict[str, MonthlyAmounts]:
    """Per mapped line the bookings of each month of `year` up to `stand` (all if None).

    Unmapped bookings are left out here; `position` reports them."""
    result: dict[str, MonthlyAmounts] = defaultdict(lambda: [ZERO] * 12)
    for booking in ledger.bookings:
        if booking.day.year != year or (stand is not None and booking.day > stand):
            continue
        if booking.one_off and not with_one_off:
            continue
        line = ledger.line_of_booking(booking)
        if line is None:
            continue
        result[line][booking.day.month - 1] += booking.amount
    return dict(result)


def cumulative(values: Sequence[Money]) -> list[Money]:
    running = ZERO
    out: list[Money] = []
    for value in values:
        running += value
        out.append(running)
    return out


def cumulative_profile(years: Iterable[Sequence[Money]]) -> list[Decimal] | None:
    """The mean cumulative share of the year's total reached by the end of each month,
    over the given years' monthly amounts; years with a total of zero or less are skipped.
    None if no year qualifies."""
    shares: list[list[Decimal]] = []
    for months in years:
        year_total = sum(months, ZERO)
        if year_total <= ZERO:
            continue
        shares.append([c / year_total for c in cumulative(months)])
    if not shares:
        return None
    count = Decimal(len(shares))
    return [sum((s[i] for s in shares), ZERO) / count for i in range(12)]


def history_profiles(
    ledger: Ledger, years: Iterable[int], *, with_one_off: bool = False
) -> dict[str, tuple[list[Decimal], tuple[int, ...]]]:
    """Per line the usual cumulative profile over previous years, and the years it rests on
    (years in which the line spent nothing are not used). Lines without history are absent.
    """
    per_line: dict[str, list[tuple[int, MonthlyAmounts]]] = defaultdict(list)
    for year in years:
        for line, months in monthly_actuals(ledger, year, with_one_off=with_one_off).items():
            if sum(months, ZERO) > ZERO:
                per_line[line].append((year, months))
    result: dict[str, tuple[list[Decimal], tuple[int, ...]]] = {}
    for line, entries in per_line.items():
        profile = cumulative_profile(months for _, months in entries)
        if profile is not None:
            result[line] = (profile, tuple(year for year, _ in entries))
    return result
