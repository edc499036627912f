"""The Eingliederungsbilanz per instrument (§ 54 SGB II a.F. i.V.m. § 11 Abs. 2 SGB III
a.F.; for a zkT with § 6b SGB II): spending, entries, average stock, the shares of women,
LZB and under-25s among the entries, the Eingliederungsquote six months after exit, cost per
entry and per integration, plan against actual. Definitions: docs/massnahmen.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from amp.core.ledger.model import Ledger
from amp.core.money import ZERO, Money, percent
from amp.core.occupancy.flows import spells
from amp.core.occupancy.model import ExitReason, FlowEvent, FlowKind, add_months


@dataclass(frozen=True, slots=True)
class Share:
    """A share among a known base: `count` of `known` (the records with the attribute
    filled in)."""

    count: int
    known: int

    @property
    def percent(self) -> Decimal | None:
        return percent(Decimal(self.count), Decimal(self.known)) if self.known else None


@dataclass(frozen=True, slots=True)
class InstrumentPlan:
    instrument: str
    name: str
    plan: Money  # planned spending of the year
    places: int | None = None  # planned places (Monatsdurchschnitt), where the plan has them


@dataclass(frozen=True, slots=True)
class BilanzRow:
    instrument: str
    name: str
    plan: Money
    spending: Money
    planned_places: int | None
    entries: int
    average_stock: Decimal
    exits: int
    integrations: int  # Austritte mit Grund Integration
    women: Share
    long_term: Share
    under_25: Share
    employed_after: Share  # of the exits observed six months on: in svB
    observed_exits: int  # exits of the year whose six-month date is on or before the Stand

    @property
    def spending_share_of_plan(self) -> Decimal | None:
        return percent(self.spending, self.plan) if self.plan else None

    @property
    def cost_per_entry(self) -> Money | None:
        return self.spending / self.entries if self.entries else None

    @property
    def cost_per_integration(self) -> Money | None:
        return self.spending / self.integrations if self.integrations else None

    @property
    def stock_against_places(self) -> Decimal | None:
        if not self.planned_places:
            return None
        return percent(self.average_stock, Decimal(self.planned_places))


@dataclass(frozen=True, slots=True)
class Bilanz:
    year: int
    as_of: date
    rows: tuple[BilanzRow, ...]
    total_spending: Money
    total_plan: Money

    def share_of_spending(self, row: BilanzRow) -> Decimal | None:
        """The instrument's share of all spending (§ 11 Abs. 2 Nr. 1 SGB III a.F.)."""
        return percent(row.spending, self.total_spending) if self.total_spending else None


def _share(values: Iterable[bool | None]) -> Share:
    known = [v for v in values if v is not None]
    return Share(sum(1 for v in known if v), len(known))


def bilanz(
    year: int,
    as_of: date,
    instruments: Sequence[InstrumentPlan],
    spending: Mapping[str, Money],
    events: Iterable[FlowEvent],
    measure_instrument: Mapping[str, str],
) -> Bilanz:
    """The Bilanz of `year`, with what is known on `as_of`. Flows count for the instrument
    their measure belongs to; an instrument without flows (e.g. EGZ) shows its money only.
    Average stock: participant-days in the year up to `as_of` divided by its days."""
    items = [e for e in events if e.measure in measure_instrument]
    first, last = date(year, 1, 1), min(date(year, 12, 31), as_of)
    days = (last - first).days + 1 if last >= first else 0
    entries: dict[str, list[FlowEvent]] = {}
    exits: dict[str, list[FlowEvent]] = {}
    for e in items:
        if not (first <= e.day <= last):
            continue
        instrument = measure_instrument[e.measure]
        if e.kind is FlowKind.ENTRY:
            entries.setdefault(instrument, []).append(e)
        elif e.kind is FlowKind.EXIT:
            exits.setdefault(instrument, []).append(e)
    participant_days: dict[str, int] = {}
    found, _ = spells(items)
    for s in found:
        a = max(s.start, first)
        b = min(s.end or last, last)
        if b >= a:
            instrument = measure_instrument[s.measure]
            participant_days[instrument] = participant_days.get(instrument, 0) + (b - a).days + 1
    rows = []
    for plan in instruments:
        i = plan.instrument
        ins, outs = entries.get(i, []), exits.get(i, [])
        observed = [e for e in outs if add_months(e.day, 6) <= as_of]
        rows.append(
            BilanzRow(
                i,
                plan.name,
                plan.plan,
                spending.get(i, ZERO),
                plan.places,
                len(ins),
                Decimal(participant_days.get(i, 0)) / Decimal(days) if days else Decimal(0),
                len(outs),
                sum(1 for e in outs if e.reason is ExitReason.INTEGRATION),
                _share(e.woman for e in ins),
                _share(e.long_term for e in ins),
                _share(e.under_25 for e in ins),
                _share(e.employed_after for e in observed),
                len(observed),
            )
        )
    return Bilanz(
        year,
        as_of,
        tuple(rows),
        sum((r.spending for r in rows), ZERO),
        sum((r.plan for r in rows), ZERO),
    )


def spending_by_instrument(ledger: Ledger, year: int, as_of: date) -> dict[str, Money]:
    """The year's bookings up to `as_of` (Ist), summed per instrument of their plan line;
    bookings of no line are left out (the ledger reports them itself)."""
    instruments = {line.id: line.instrument for line in ledger.lines}
    result: dict[str, Money] = {}
    for b in ledger.bookings:
        if b.day.year != year or b.day > as_of:
            continue
        line = ledger.line_of_booking(b)
        instrument = instruments.get(line) if line is not None else None
        if instrument is not None:
            result[instrument] = result.get(instrument, ZERO) + b.amount
    return result
