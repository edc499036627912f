"""From a ledger to the forecast inputs of each line at a Stand."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from amp.core.forecast.methods import LineInput, OneOff, YearSeries
from amp.core.ledger.model import Ledger
from amp.core.ledger.position import position
from amp.core.money import ZERO, Money

HISTORY_YEARS = 3
LARGE_FACTOR = 3  # a booking this many times the line's average month is "large"


def forecast_inputs(
    ledger: Ledger, year: int, stand: date, history_years: int = HISTORY_YEARS
) -> dict[str, LineInput]:
    """Per line: the current year up to the Stand and the consecutive previous years in
    which the line spent money (at most `history_years`)."""
    known = {c.id for c in ledger.commitments}
    years = range(year - history_years, year + 1)
    amounts: dict[tuple[int, str], list[Money]] = defaultdict(lambda: [ZERO] * 12)
    unbound: dict[tuple[int, str], list[Money]] = defaultdict(lambda: [ZERO] * 12)
    one_offs: dict[str, list[OneOff]] = defaultdict(list)
    regular: dict[str, list[OneOff]] = defaultdict(list)
    for booking in ledger.bookings:
        y = booking.day.year
        if y not in years or (y == year and booking.day > stand):
            continue
        line = ledger.line_of_booking(booking)
        if line is None:
            continue
        if booking.one_off:
            if y == year:
                one_offs[line].append(OneOff(booking.id, booking.day.month, booking.amount))
            continue
        amounts[(y, line)][booking.day.month - 1] += booking.amount
        if booking.commitment is None or booking.commitment not in known:
            unbound[(y, line)][booking.day.month - 1] += booking.amount
        if y == year:
            regular[line].append(OneOff(booking.id, booking.day.month, booking.amount))
    opens: dict[int, dict[str, tuple[Money, ...]]] = {}
    for y in years:
        at = stand if y == year else date(y, 12, 31)
        if y != year and not any(key[0] == y for key in amounts):
            continue
        result = position(ledger, y, at)
        opens[y] = {p.line: tuple(m.open for m in p.months) for p in result.lines}
    k = stand.month if stand.year == year else 12
    inputs: dict[str, LineInput] = {}
    for entry in ledger.lines:
        history: list[YearSeries] = []
        for y in range(year - 1, year - history_years - 1, -1):
            months = amounts.get((y, entry.id))
            if months is None or sum(months, ZERO) <= ZERO or y not in opens:
                break
            history.insert(
                0, YearSeries(y, tuple(months), tuple(unbound[(y, entry.id)]), opens[y][entry.id])
            )
        current = amounts[(year, entry.id)][:k]
        spent = sum(current, ZERO)
        # large: at least LARGE_FACTOR times the average month of everything else
        large = tuple(
            b
            for b in regular[entry.id]
            if k >= 3
            and spent - b.amount > ZERO
            and b.amount * k >= LARGE_FACTOR * (spent - b.amount)
        )
        inputs[entry.id] = LineInput(
            entry.id,
            YearSeries(
                year,
                tuple(current),
                tuple(unbound[(year, entry.id)][:k]),
                opens[year][entry.id],
            ),
            tuple(history),
            tuple(one_offs[entry.id]),
            large,
        )
    return inputs
