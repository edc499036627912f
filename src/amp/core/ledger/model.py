"""The records of a ledger: bookings, commitments with payment plans, funds, the mapping of
the finance system's accounts to plan lines, and the plan lines with their planned amounts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from amp.core.money import ZERO, Money, total
from amp.core.periods import Month


class Fund(StrEnum):
    """Where a line's money comes from. JobPerspektive (§ 16e SGB II a.F.) is allocated
    separately and covers no other line."""

    EGT = "egt"  # Eingliederungstitel (Bundesmittel für Eingliederungsleistungen)
    JOBPERSPEKTIVE = "jobperspektive"


FUND_LABELS = {Fund.EGT: "Eingliederungstitel", Fund.JOBPERSPEKTIVE: "JobPerspektive (§ 16e a.F.)"}


class FundEntryKind(StrEnum):
    ALLOCATION = "zuweisung"  # Zuweisung (vorläufig oder endgültig)
    ALLOCATION_CHANGE = "aenderung"  # Änderung der Zuweisung, z. B. Umverteilung im Herbst
    TRANSFER_TO_ADMIN = "umschichtung_verwaltung"  # Umschichtung in die Verwaltungskosten
    PAT = "pat"  # Passiv-Aktiv-Transfer, tatsächlich vereinnahmt
    RECOVERY_INCOME = "rueckforderung"  # Einnahmen aus Rückforderungen ohne Planzeile


FUND_ENTRY_LABELS = {
    FundEntryKind.ALLOCATION: "Zuweisung",
    FundEntryKind.ALLOCATION_CHANGE: "Änderung der Zuweisung",
    FundEntryKind.TRANSFER_TO_ADMIN: "Umschichtung in Verwaltungskosten",
    FundEntryKind.PAT: "PAT-Einnahme",
    FundEntryKind.RECOVERY_INCOME: "Einnahme aus Rückforderungen",
}


@dataclass(frozen=True, slots=True)
class FundEntry:
    """One change of a fund. The transfer to administration is entered as a positive amount
    and reduces the fund; every other kind adds its (signed) amount."""

    id: str
    day: date
    fund: Fund
    kind: FundEntryKind
    amount: Money
    note: str | None = None

    @property
    def effect(self) -> Money:
        return -self.amount if self.kind is FundEntryKind.TRANSFER_TO_ADMIN else self.amount


class CommitmentStatus(StrEnum):
    EARMARKED = "vorgemerkt"
    BOUND = "gebunden"
    SETTLED = "abgerechnet"
    DISSOLVED = "aufgeloest"


STATUS_LABELS = {
    CommitmentStatus.EARMARKED: "vorgemerkt",
    CommitmentStatus.BOUND: "gebunden",
    CommitmentStatus.SETTLED: "abgerechnet",
    CommitmentStatus.DISSOLVED: "aufgelöst",
}


@dataclass(frozen=True, slots=True)
class Commitment:
    """A contract or decision (Bindung) with its payment plan by month, over several years
    where the instrument runs that long.

    It binds money from `day` on; once settled or dissolved (`closed_on`) nothing of it is
    open any more. A settled or dissolved commitment without `closed_on` counts as closed
    from its own day on.
    """

    id: str
    line: str
    day: date
    status: CommitmentStatus
    payments: Mapping[Month, Money]  # planned payment per month
    measure: str | None = None
    closed_on: date | None = None
    note: str | None = None

    @property
    def amount(self) -> Money:
        return total(self.payments.values())

    def amount_in_year(self, year: int) -> Money:
        return total(v for m, v in self.payments.items() if m.year == year)

    def is_closed(self) -> bool:
        return self.status in (CommitmentStatus.SETTLED, CommitmentStatus.DISSOLVED)

    def binds_at(self, day: date) -> bool:
        """Whether the commitment binds money at the end of `day`."""
        if day < self.day:
            return False
        if not self.is_closed():
            return True
        closed = self.closed_on or self.day
        return day < closed


@dataclass(frozen=True, slots=True)
class Booking:
    """One booking of the finance system (Ist). Negative for Stornos and Rückforderungen."""

    id: str
    day: date
    amount: Money
    account: str  # Haushaltsstelle / Produktsachkonto
    cost_center: str | None = None  # Kostenstelle
    measure: str | None = None
    commitment: str | None = None  # the commitment this booking pays
    one_off: bool = False  # "nicht für die Hochrechnung"
    text: str | None = None


@dataclass(frozen=True, slots=True)
class MappingRule:
    """Ties an account (and optionally one cost center) to a plan line."""

    account: str
    line: str
    cost_center: str | None = None


@dataclass(frozen=True, slots=True)
class AccountMapping:
    rules: tuple[MappingRule, ...] = ()
    # the rules as two lookups, built once: every booking of a year asks (tens of thousands)
    _by_cost_center: Mapping[tuple[str, str], str] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _general: Mapping[str, str] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        by_cost_center: dict[tuple[str, str], str] = {}
        general: dict[str, str] = {}
        for rule in self.rules:  # the first rule of each kind counts, as the file lists them
            if rule.cost_center is None:
                general.setdefault(rule.account, rule.line)
            else:
                by_cost_center.setdefault((rule.account, rule.cost_center), rule.line)
        object.__setattr__(self, "_by_cost_center", by_cost_center)
        object.__setattr__(self, "_general", general)

    def line_of(self, account: str, cost_center: str | None = None) -> str | None:
        """The line for an account; a rule naming the cost center wins over one without."""
        if cost_center is not None:
            specific = self._by_cost_center.get((account, cost_center))
            if specific is not None:
                return specific
        return self._general.get(account)


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """A plan line as the ledger steers it."""

    id: str
    name: str
    instrument: str
    fund: Fund = Fund.EGT
    mandatory: bool = False  # Pflichtleistung: never a source of an Umschichtung
    group: str | None = None


@dataclass(frozen=True, slots=True)
class PlanChange:
    """A change of a line's plan during the year (Fortschreibung), effective from `day`."""

    id: str
    day: date
    line: str
    amount: Money  # signed
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Ledger:
    """Everything known about the execution of one Jobcenter's plans, over years."""

    lines: tuple[LedgerLine, ...]
    plans: Mapping[int, Mapping[str, Money]]  # year → line → planned amount
    bookings: tuple[Booking, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    funds: tuple[FundEntry, ...] = ()
    mapping: AccountMapping = field(default_factory=AccountMapping)
    plan_changes: tuple[PlanChange, ...] = ()
    # Verpflichtungsermächtigung per year, where the Jobcenter has one
    commitment_authority: Mapping[int, Money] = field(default_factory=dict)

    def line(self, line_id: str) -> LedgerLine | None:
        return next((line for line in self.lines if line.id == line_id), None)

    def plan_of(self, year: int, line: str, at: date | None = None) -> Money:
        """The line's plan in `year`, with the changes effective up to `at` (all if None)."""
        base = self.plans.get(year, {}).get(line, ZERO)
        changes = total(
            c.amount
            for c in self.plan_changes
            if c.line == line and c.day.year == year and (at is None or c.day <= at)
        )
        return base + changes

    def line_of_booking(self, booking: Booking) -> str | None:
        return self.mapping.line_of(booking.account, booking.cost_center)


class Kind(StrEnum):
    """The two kinds of records a finance system exports to the ledger."""

    BOOKINGS = "buchungen"
    COMMITMENTS = "bindungen"


KIND_LABELS = {Kind.BOOKINGS: "Buchungen", Kind.COMMITMENTS: "Bindungen"}
