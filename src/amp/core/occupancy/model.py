"""The records of measure controlling: contracts and lots with their options, pseudonymous
participant flows, and vouchers (Bildungsgutscheine, AVGS).

A person is only ever a pseudonymous id; the flows carry the few attributes the
Eingliederungsbilanz needs (woman, langzeitleistungsbeziehend, under 25, status six months
after exit) and nothing else.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from amp.core.money import ZERO, Money
from amp.core.periods import Month


class PriceBasis(StrEnum):
    """What the contract's price is paid for."""

    MONTH = "teilnehmermonat"  # per contracted place and month (Platzvergabe)
    HOUR = "stunde"  # per hour of a contingent (e.g. AsAflex, Coaching)


PRICE_BASIS_LABELS = {PriceBasis.MONTH: "je Teilnehmermonat", PriceBasis.HOUR: "je Stunde"}


@dataclass(frozen=True, slots=True)
class ContractOption:
    """An option to extend a contract (Optionsziehung): drawn by `draw_by` at the latest,
    it extends the contract to `end`."""

    end: date
    draw_by: date
    drawn: bool = False


def months_between(start: date, end: date) -> int:
    """Calendar months touched by the closed range start..end (01.09.–31.08. = 12)."""
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True, slots=True)
class Contract:
    """One contract or lot (Los) of a measure.

    `places` are the contracted places; the price is per place and month (Teilnehmermonat)
    or, for an hour contingent, per hour with `hours_per_month` contracted hours. The
    contract runs from `start` to `end`, longer by every drawn option. A contract with no
    `awarded_on` is planned and not yet awarded (the tender still has to run)."""

    id: str
    measure: str
    start: date
    end: date
    price: Money
    basis: PriceBasis = PriceBasis.MONTH
    places: int | None = None
    hours_per_month: int | None = None
    lot: str | None = None
    provider: str | None = None
    sites: tuple[str, ...] = ()
    options: tuple[ContractOption, ...] = ()
    line: str | None = None  # the plan line paying for it
    awarded_on: date | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("das Vertragsende liegt vor dem Beginn")
        if self.basis is PriceBasis.HOUR and self.hours_per_month is None:
            raise ValueError("ein Stundenkontingent braucht Stunden je Monat")

    @property
    def current_end(self) -> date:
        """The end with every option drawn so far."""
        return max((o.end for o in self.options if o.drawn), default=self.end)

    @property
    def open_options(self) -> tuple[ContractOption, ...]:
        return tuple(o for o in self.options if not o.drawn and o.end > self.current_end)

    def runs_on(self, day: date) -> bool:
        return self.start <= day <= self.current_end

    @property
    def monthly_cost(self) -> Money:
        """What one month of the contract costs: places × price, or hours × price."""
        if self.basis is PriceBasis.HOUR:
            return Money(self.hours_per_month or 0) * self.price
        return Money(self.places or 0) * self.price

    def months(self, until: date | None = None) -> int:
        return months_between(self.start, until or self.current_end)

    @property
    def value(self) -> Money:
        """The contract value over its current term (drawn options included)."""
        return self.monthly_cost * self.months()

    @property
    def value_with_options(self) -> Money:
        last = max((o.end for o in self.options), default=self.end)
        return self.monthly_cost * months_between(self.start, max(last, self.current_end))

    def cost_in(self, month: Month) -> Money:
        if not (self.start <= month.last_day and month.first_day <= self.current_end):
            return ZERO
        return self.monthly_cost

    def cost_in_year(self, year: int) -> Money:
        first = max(self.start, date(year, 1, 1))
        last = min(self.current_end, date(year, 12, 31))
        return self.monthly_cost * months_between(first, last)


class FlowKind(StrEnum):
    ASSIGNMENT = "zuweisung"
    ENTRY = "eintritt"
    EXIT = "austritt"
    NO_SHOW = "nichtantritt"


FLOW_KIND_LABELS = {
    FlowKind.ASSIGNMENT: "Zuweisung",
    FlowKind.ENTRY: "Eintritt",
    FlowKind.EXIT: "Austritt",
    FlowKind.NO_SHOW: "Nichtantritt",
}


class ExitReason(StrEnum):
    REGULAR = "regulaer"
    DROPOUT = "abbruch"
    INTEGRATION = "integration"


EXIT_REASON_LABELS = {
    ExitReason.REGULAR: "regulär",
    ExitReason.DROPOUT: "Abbruch",
    ExitReason.INTEGRATION: "Integration",
}


@dataclass(frozen=True, slots=True)
class FlowEvent:
    """One event of a participant's way through a measure, pseudonymous.

    The attributes are those of the person at the event (set on Eintritt, where the
    Eingliederungsbilanz reads them); `employed_after` on an Austritt says whether the
    person was in sozialversicherungspflichtiger Beschäftigung six months after the exit
    (None: not known, or not yet six months ago)."""

    id: str
    person: str
    measure: str
    kind: FlowKind
    day: date
    reason: ExitReason | None = None
    contract: str | None = None
    woman: bool | None = None
    long_term: bool | None = None  # langzeitleistungsbeziehend (LZB)
    under_25: bool | None = None
    employed_after: bool | None = None
    synthetic: bool = False

    def __post_init__(self) -> None:
        if self.kind is FlowKind.EXIT and self.reason is None:
            raise ValueError("ein Austritt braucht einen Grund")
        if self.kind is not FlowKind.EXIT and self.reason is not None:
            raise ValueError("nur ein Austritt hat einen Grund")


class VoucherKind(StrEnum):
    BGS = "bgs"  # Bildungsgutschein (§ 81 Abs. 4 SGB III)
    AVGS = "avgs"  # Aktivierungs- und Vermittlungsgutschein (§ 45 Abs. 4 SGB III)


VOUCHER_KIND_LABELS = {VoucherKind.BGS: "Bildungsgutschein", VoucherKind.AVGS: "AVGS"}


@dataclass(frozen=True, slots=True)
class Voucher:
    """One issued voucher; `redeemed` is the day it was redeemed (Maßnahmeeintritt)."""

    id: str
    person: str
    kind: VoucherKind
    goal: str  # Bildungsziel id (BGS) or AVGS category id
    issued: date
    redeemed: date | None = None
    valid_until: date | None = None
    synthetic: bool = False

    def __post_init__(self) -> None:
        if self.redeemed is not None and self.redeemed < self.issued:
            raise ValueError("eingelöst vor der Ausgabe")

    def expired_on(self, day: date) -> bool:
        return self.redeemed is None and self.valid_until is not None and self.valid_until < day


def last_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    serial = day.year * 12 + day.month - 1 + months
    year, month = divmod(serial, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


ONE_DAY = timedelta(days=1)
