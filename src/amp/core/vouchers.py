"""Voucher plans: Bildungsgutscheine per training goal and quarter, and the AVGS plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

from annotated_types import Ge, Len

from amp.core.money import Money

Count = Annotated[int, Ge(0)]
QuarterCounts = Annotated[tuple[Count | None, ...], Len(4, 4)]


class TrainingKind(StrEnum):
    FORTBILDUNG = "fortbildung"
    UMSCHULUNG = "umschulung"


TRAINING_KIND_LABELS = {
    TrainingKind.FORTBILDUNG: "Fortbildung",
    TrainingKind.UMSCHULUNG: "Umschulung",
}


@dataclass(frozen=True, slots=True)
class TrainingGoal:
    """One Bildungsziel: how many vouchers are planned per quarter."""

    id: str
    name: str
    kind: TrainingKind
    quarters: QuarterCounts
    field: str | None = None  # Bildungsbereich, e.g. "Gewerblich-technisch / Verkehrswesen"
    duration_months: Money | None = None
    printed_total: Count | None = None
    reading: str | None = None

    @property
    def total(self) -> int:
        return sum(q for q in self.quarters if q is not None)


@dataclass(frozen=True, slots=True)
class TrainingKindTotals:
    """The printed column totals of one table (Fortbildung or Umschulung)."""

    kind: TrainingKind
    quarters: QuarterCounts
    total: Count | None = None


@dataclass(frozen=True, slots=True)
class TrainingVoucherPlan:
    title: str
    goals: tuple[TrainingGoal, ...]
    legal_basis: str | None = None
    as_of: date | None = None
    printed_totals: tuple[TrainingKindTotals, ...] = ()

    def goals_of(self, kind: TrainingKind) -> tuple[TrainingGoal, ...]:
        return tuple(g for g in self.goals if g.kind is kind)


@dataclass(frozen=True, slots=True)
class AvgsItem:
    """A kind of AVGS measure with its length in teaching units (UE) and planned count."""

    name: str
    count: Count
    teaching_units: str | None = None  # as printed, e.g. "max. 40 UE"
    units_min: Count | None = None
    units_max: Count | None = None


@dataclass(frozen=True, slots=True)
class AvgsCategory:
    id: str
    name: str
    legal_reference: str
    printed_count: Count | None = None
    items: tuple[AvgsItem, ...] = ()
    reading: str | None = None

    @property
    def count(self) -> int:
        """The category's vouchers: its items' sum, or the printed figure if it has none."""
        if self.items:
            return sum(i.count for i in self.items)
        return self.printed_count or 0


@dataclass(frozen=True, slots=True)
class AvgsPlan:
    title: str
    categories: tuple[AvgsCategory, ...]
    as_of: date | None = None
    printed_total: Count | None = None
