"""Properties of every ledger: the books balance for every line and month, lines sum to the
total, open commitments are never negative, re-importing changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from amp.core.ledger import (
    AccountMapping,
    Booking,
    Commitment,
    CommitmentStatus,
    Ledger,
    LedgerLine,
    MappingRule,
    position,
)
from amp.core.ledger.merge import apply, preview
from amp.core.periods import Month

YEAR = 2024
LINES = ("a", "b", "c")
amounts = st.decimals(min_value=-5000, max_value=50000, places=2, allow_nan=False)
days = st.dates(min_value=date(YEAR, 1, 1), max_value=date(YEAR, 12, 31))


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    commitments = []
    for i in range(draw(st.integers(0, 5))):
        months = draw(st.lists(st.integers(1, 24), min_size=1, max_size=6, unique=True))
        payments = {
            Month(YEAR + (m - 1) // 12, (m - 1) % 12 + 1): draw(
                st.decimals(min_value=0, max_value=20000, places=2)
            )
            for m in months
        }
        status = draw(st.sampled_from(list(CommitmentStatus)))
        commitments.append(
            Commitment(
                f"V{i}",
                draw(st.sampled_from(LINES)),
                draw(days),
                status,
                payments,
                closed_on=draw(st.none() | days),
            )
        )
    bookings = tuple(
        Booking(
            f"B{i}",
            draw(days),
            draw(amounts),
            draw(st.sampled_from(["k-a", "k-b", "k-c", "k-x"])),
            commitment=draw(st.none() | st.sampled_from([c.id for c in commitments] or ["V0"])),
        )
        for i in range(draw(st.integers(0, 30)))
    )
    return Ledger(
        lines=tuple(LedgerLine(line, line, line) for line in LINES),
        plans={YEAR: {line: draw(st.decimals(0, 200000, places=2)) for line in LINES}},
        bookings=bookings,
        commitments=tuple(commitments),
        mapping=AccountMapping(tuple(MappingRule(f"k-{line}", line) for line in LINES)),
    )


@settings(max_examples=60, deadline=None)
@given(ledgers(), days)
def test_actual_open_free_add_up_to_plan(ledger: Ledger, stand: date) -> None:
    result = position(ledger, YEAR, stand)
    for line in result.lines:
        assert len(line.months) == stand.month
        for month in line.months:
            assert month.actual + month.open + month.free == month.plan
            assert month.open >= 0
    for i, total in enumerate(result.totals):
        for name in ("plan", "actual", "open", "free"):
            assert getattr(total, name) == sum(
                (getattr(line.months[i], name) for line in result.lines), Decimal(0)
            )


@settings(max_examples=40, deadline=None)
@given(ledgers(), days)
def test_open_never_exceeds_what_the_commitments_plan_in_the_year(
    ledger: Ledger, stand: date
) -> None:
    result = position(ledger, YEAR, stand)
    for line in result.lines:
        planned = sum(
            (c.amount_in_year(YEAR) for c in ledger.commitments if c.line == line.line),
            Decimal(0),
        )
        assert all(m.open <= planned for m in line.months)


@settings(max_examples=40, deadline=None)
@given(ledgers(), ledgers())
def test_reimport_is_idempotent(first: Ledger, second: Ledger) -> None:
    def key(booking: Booking) -> str:
        return booking.id

    stored = {b.id: b for b in first.bookings}
    once = apply(stored, preview(stored, second.bookings, key), key)
    again = preview(once, second.bookings, key)
    assert again.is_noop
    assert len(again.unchanged) == len({b.id for b in second.bookings})
    assert apply(once, again, key) == once
