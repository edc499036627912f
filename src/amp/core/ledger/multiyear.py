"""Vorbelastungen: what running commitments already bind in the years after the plan year,
per instrument, against a Verpflichtungsermächtigung where the Jobcenter has one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from amp.core.ledger.model import Ledger
from amp.core.money import ZERO, Money


@dataclass(frozen=True, slots=True)
class YearLoad:
    year: int
    by_instrument: dict[str, Money]
    by_line: dict[str, Money]
    authority: Money | None  # Verpflichtungsermächtigung for this year, if any

    @property
    def total(self) -> Money:
        return sum(self.by_line.values(), ZERO)

    @property
    def margin(self) -> Money | None:
        """What the authority leaves for new entries; None without an authority."""
        return None if self.authority is None else self.authority - self.total


def preloads(ledger: Ledger, year: int, stand: date, ahead: int = 4) -> tuple[YearLoad, ...]:
    """The load of years year+1 … year+ahead from the payment plans of all commitments that
    bind at the Stand, less what is already booked against them in those years."""
    booked: dict[tuple[str, int], Money] = defaultdict(lambda: ZERO)
    for booking in ledger.bookings:
        if booking.commitment is not None and booking.day <= stand:
            booked[(booking.commitment, booking.day.year)] += booking.amount
    loads: list[YearLoad] = []
    instruments = {line.id: line.instrument for line in ledger.lines}
    for target in range(year + 1, year + ahead + 1):
        by_line: dict[str, Money] = defaultdict(lambda: ZERO)
        by_instrument: dict[str, Money] = defaultdict(lambda: ZERO)
        for commitment in ledger.commitments:
            if not commitment.binds_at(stand):
                continue
            amount = max(ZERO, commitment.amount_in_year(target) - booked[(commitment.id, target)])
            if amount == ZERO:
                continue
            by_line[commitment.line] += amount
            by_instrument[instruments.get(commitment.line, commitment.line)] += amount
        loads.append(
            YearLoad(
                target,
                dict(by_instrument),
                dict(by_line),
                ledger.commitment_authority.get(target),
            )
        )
    return tuple(loads)
