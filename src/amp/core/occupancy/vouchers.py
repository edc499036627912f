"""Vouchers issued and redeemed against the plan: Bildungsgutscheine by Bildungsziel and
quarter, AVGS by category over the year; redemption rate and delay."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from amp.core.money import percent
from amp.core.occupancy.model import Voucher, VoucherKind
from amp.core.periods import Quarter


@dataclass(frozen=True, slots=True)
class VoucherGoal:
    """A plan line of vouchers: planned per quarter (None where the plan has no quarters,
    as for the AVGS) and over the year."""

    kind: VoucherKind
    goal: str
    name: str
    planned: int
    quarters: tuple[int | None, ...] | None = None
    group: str | None = None  # Fortbildung / Umschulung, AVGS category


@dataclass(frozen=True, slots=True)
class VoucherCount:
    planned: int | None
    issued: int
    redeemed: int
    expired: int
    delay_days_total: int

    @property
    def open(self) -> int:
        return self.issued - self.redeemed - self.expired

    @property
    def redemption_rate(self) -> Decimal | None:
        """Einlösequote in %: redeemed of issued."""
        return percent(Decimal(self.redeemed), Decimal(self.issued)) if self.issued else None

    @property
    def mean_delay(self) -> Decimal | None:
        """Mean days from issue to redemption of the redeemed vouchers."""
        return Decimal(self.delay_days_total) / self.redeemed if self.redeemed else None

    @property
    def against_plan(self) -> Decimal | None:
        """Issued as a share of the plan, in %."""
        return percent(Decimal(self.issued), Decimal(self.planned)) if self.planned else None


@dataclass(frozen=True, slots=True)
class VoucherRow:
    goal: VoucherGoal
    quarters: tuple[VoucherCount, ...]  # Q1..Q4 by the quarter of issue
    year: VoucherCount


def _count(vouchers: Sequence[Voucher], planned: int | None, on: date) -> VoucherCount:
    redeemed = [v for v in vouchers if v.redeemed is not None and v.redeemed <= on]
    return VoucherCount(
        planned,
        len(vouchers),
        len(redeemed),
        sum(1 for v in vouchers if v.expired_on(on)),
        sum((v.redeemed - v.issued).days for v in redeemed if v.redeemed is not None),
    )


def voucher_status(
    goals: Sequence[VoucherGoal], vouchers: Iterable[Voucher], year: int, on: date
) -> list[VoucherRow]:
    """Per plan goal: vouchers issued in `year` up to `on`, by quarter of issue, redeemed up
    to `on`. Vouchers of a goal the plan does not know get a row of their own (planned 0)."""
    by_goal: dict[tuple[VoucherKind, str], list[Voucher]] = {}
    for v in vouchers:
        if v.issued.year == year and v.issued <= on:
            by_goal.setdefault((v.kind, v.goal), []).append(v)
    known = {(g.kind, g.goal) for g in goals}
    extra = [
        VoucherGoal(kind, goal, goal, 0)
        for kind, goal in sorted(by_goal)
        if (kind, goal) not in known
    ]
    rows = []
    for g in (*goals, *extra):
        mine = by_goal.get((g.kind, g.goal), [])
        quarters = tuple(
            _count(
                [v for v in mine if Quarter.of(v.issued).quarter == q],
                None if g.quarters is None else g.quarters[q - 1],
                on,
            )
            for q in range(1, 5)
        )
        rows.append(VoucherRow(g, quarters, _count(mine, g.planned, on)))
    return rows


def totals(rows: Sequence[VoucherRow], kind: VoucherKind, group: str | None = None) -> VoucherRow:
    """The sum of the rows of one kind (and group)."""
    mine = [r for r in rows if r.goal.kind is kind and (group is None or r.goal.group == group)]

    def add(counts: Sequence[VoucherCount]) -> VoucherCount:
        planned = [c.planned for c in counts if c.planned is not None]
        return VoucherCount(
            sum(planned) if planned else None,
            sum(c.issued for c in counts),
            sum(c.redeemed for c in counts),
            sum(c.expired for c in counts),
            sum(c.delay_days_total for c in counts),
        )

    goal = VoucherGoal(kind, group or kind.value, "Summe", sum(r.goal.planned for r in mine))
    quarters = tuple(add([r.quarters[q] for r in mine]) for q in range(4))
    return VoucherRow(goal, quarters, add([r.year for r in mine]))
