"""Occupancy per measure and month against the contracted places, its rates and costs,
the alert for measures under capacity, and the free places the offer finder shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from amp.core.money import ZERO, Money, percent, total
from amp.core.occupancy.flows import MonthFlows, monthly_flows, pending_assignments, present_on
from amp.core.occupancy.model import Contract, FlowEvent
from amp.core.periods import Month


def places_in(contracts: Iterable[Contract], measure: str, month: Month) -> int | None:
    """The measure's contracted places in a month: the awarded contracts running on its last
    day (else on its first day, for a contract ending mid-month); None without any contract
    or where a running contract has no place count."""
    mine = [c for c in contracts if c.measure == measure and c.awarded_on is not None]
    running = [c for c in mine if c.runs_on(month.last_day)] or [
        c for c in mine if c.runs_on(month.first_day)
    ]
    if not running or any(c.places is None for c in running):
        return None
    return sum(c.places or 0 for c in running)


@dataclass(frozen=True, slots=True)
class MonthOccupancy:
    flows: MonthFlows
    places: int | None
    cost: Money  # what the measure's contracts cost in the month

    @property
    def measure(self) -> str:
        return self.flows.measure

    @property
    def month(self) -> Month:
        return self.flows.month

    @property
    def average_stock(self) -> Decimal:
        """Durchschnittsbestand: participant-days divided by the days of the month."""
        return Decimal(self.flows.participant_days) / Decimal(self.flows.days)

    @property
    def occupancy(self) -> Decimal | None:
        """Auslastung in %: average stock against contracted places."""
        if not self.places:
            return None
        return percent(self.average_stock, Decimal(self.places))

    @property
    def no_show_rate(self) -> Decimal | None:
        """Nichtantrittsquote in %: Nichtantritte of the Zuweisungen decided in the month
        (Eintritte plus Nichtantritte)."""
        decided = self.flows.entries + self.flows.no_shows
        return percent(Decimal(self.flows.no_shows), Decimal(decided)) if decided else None

    @property
    def dropout_rate(self) -> Decimal | None:
        """Abbruchquote in %: Abbrüche of all Austritte in the month."""
        exits = self.flows.exits
        return percent(Decimal(self.flows.exits_dropout), Decimal(exits)) if exits else None

    @property
    def cost_per_occupied_place(self) -> Money | None:
        """The month's cost divided by the average stock."""
        stock = self.average_stock
        return None if stock == 0 or self.cost == ZERO else self.cost / stock


def occupancy(
    contracts: Sequence[Contract], events: Iterable[FlowEvent], first: Month, last: Month
) -> dict[str, tuple[MonthOccupancy, ...]]:
    """Per measure (every measure with a contract or an event) its months first..last."""
    summary = monthly_flows(list(events), first, last)
    awarded = [c for c in contracts if c.awarded_on is not None]
    measures = sorted(set(summary.months) | {c.measure for c in awarded})
    result: dict[str, tuple[MonthOccupancy, ...]] = {}
    for measure in measures:
        months = summary.months.get(measure) or _empty_months(measure, first, last)
        mine = [c for c in awarded if c.measure == measure]
        result[measure] = tuple(
            MonthOccupancy(
                f, places_in(mine, measure, f.month), total(c.cost_in(f.month) for c in mine)
            )
            for f in months
        )
    return result


def _empty_months(measure: str, first: Month, last: Month) -> tuple[MonthFlows, ...]:
    lo = first.year * 12 + first.month - 1
    hi = last.year * 12 + last.month - 1
    return tuple(MonthFlows(measure, Month(s // 12, s % 12 + 1), 0, 0) for s in range(lo, hi + 1))


@dataclass(frozen=True, slots=True)
class YearOccupancy:
    """A measure's months of a year up to a day, summed."""

    measure: str
    months: tuple[MonthOccupancy, ...]

    @property
    def participant_days(self) -> int:
        return sum(m.flows.participant_days for m in self.months)

    @property
    def place_days(self) -> int:
        return sum((m.places or 0) * m.flows.days for m in self.months)

    @property
    def average_stock(self) -> Decimal:
        days = sum(m.flows.days for m in self.months)
        return Decimal(self.participant_days) / Decimal(days) if days else Decimal(0)

    @property
    def occupancy(self) -> Decimal | None:
        """Auslastung over the months: participant-days against place-days."""
        if not self.place_days:
            return None
        return percent(Decimal(self.participant_days), Decimal(self.place_days))

    def _sum(self, name: str) -> int:
        return sum(getattr(m.flows, name) for m in self.months)

    @property
    def entries(self) -> int:
        return self._sum("entries")

    @property
    def assignments(self) -> int:
        return self._sum("assignments")

    @property
    def no_shows(self) -> int:
        return self._sum("no_shows")

    @property
    def exits(self) -> int:
        return self._sum("exits")

    @property
    def dropouts(self) -> int:
        return self._sum("exits_dropout")

    @property
    def no_show_rate(self) -> Decimal | None:
        decided = self.entries + self.no_shows
        return percent(Decimal(self.no_shows), Decimal(decided)) if decided else None

    @property
    def dropout_rate(self) -> Decimal | None:
        return percent(Decimal(self.dropouts), Decimal(self.exits)) if self.exits else None

    @property
    def cost(self) -> Money:
        return total(m.cost for m in self.months)

    @property
    def cost_per_occupied_place(self) -> Money | None:
        """Cost per occupied place and month: the cost over the participant-months."""
        months = (
            Decimal(self.participant_days)
            / (Decimal(sum(m.flows.days for m in self.months)) / Decimal(len(self.months)))
            if self.months
            else Decimal(0)
        )
        return None if months == 0 or self.cost == ZERO else self.cost / months


@dataclass(frozen=True, slots=True)
class UnderOccupancy:
    measure: str
    months: tuple[MonthOccupancy, ...]  # the months in a row under the threshold
    threshold: Decimal


def under_occupied(
    table: dict[str, tuple[MonthOccupancy, ...]],
    on: date,
    threshold: Decimal = Decimal(80),
    months_in_row: int = 3,
) -> list[UnderOccupancy]:
    """Measures whose occupancy was under `threshold` % in each of the last `months_in_row`
    complete months before `on` (the month of `on` counts if `on` is its last day)."""
    last = Month.of(on)
    if on != last.last_day:
        serial = last.year * 12 + last.month - 2
        last = Month(serial // 12, serial % 12 + 1)
    alerts = []
    for measure, months in table.items():
        upto = [m for m in months if m.month <= last]
        tail = upto[-months_in_row:]
        if len(tail) < months_in_row or tail[-1].month != last:
            continue
        rates = [m.occupancy for m in tail]
        if all(r is not None and r < threshold for r in rates):
            alerts.append(UnderOccupancy(measure, tuple(tail), threshold))
    return alerts


@dataclass(frozen=True, slots=True)
class FreePlaces:
    """Free places of a measure on a day, for the offer finder: contracted places of the
    contracts running that day (None where unknown or hour-based without places), occupied
    = participants present plus Zuweisungen not yet decided, free = places − occupied, never
    below zero (None where places are unknown)."""

    measure_id: str
    places: int | None
    occupied: int
    free: int | None
    as_of: date


def free_places(
    contracts: Iterable[Contract], events: Iterable[FlowEvent], on: date
) -> dict[str, FreePlaces]:
    """Free places per measure with a contract running on `on`."""
    items = list(events)
    running: dict[str, list[Contract]] = {}
    for c in contracts:
        if c.runs_on(on) and c.awarded_on is not None:
            running.setdefault(c.measure, []).append(c)
    present = present_on(items, on)
    pending = pending_assignments(items, on)
    result = {}
    for measure in sorted(running):
        cs = running[measure]
        places = None if any(c.places is None for c in cs) else sum(c.places or 0 for c in cs)
        occupied = present.get(measure, 0) + pending.get(measure, 0)
        free = None if places is None else max(places - occupied, 0)
        result[measure] = FreePlaces(measure, places, occupied, free, on)
    return result


def free_places_known(
    contracts: Iterable[Contract], events: Iterable[FlowEvent], on: date
) -> dict[str, FreePlaces]:
    """`free_places` with the Stand of the flows: a day after the last known flow is not
    known better than that day, so its places carry the last flow's day as their Stand."""
    items = list(events)
    found = free_places(contracts, items, on)
    last = max((e.day for e in items), default=None)
    if last is None or last >= on:
        return found
    return {measure: replace(places, as_of=last) for measure, places in found.items()}
