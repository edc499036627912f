"""Where money and places are being left unused: per plan line, the part of the plan the
year-end forecast does not reach, and the planned places, cases or entries it would pay for.

Unused places are estimated in proportion to the money: a line planned with 120 places and
1.200.000 € whose forecast stays 300.000 € below the plan leaves 120 · 300.000 / 1.200.000
= 30 places unused (rounded down: a place is whole or not at all). A forecast above the
plan leaves nothing unused."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class LineUse:
    line: str
    name: str
    plan: Decimal
    forecast: Decimal
    quantity: int | None  # planned places, cases or entries (None: the plan names none)
    unit: str  # "Plätze", "Förderfälle", "Eintritte" or ""

    @property
    def unused(self) -> Decimal:
        """Plan minus forecast where the forecast stays below the plan, else 0."""
        return max(self.plan - self.forecast, ZERO)

    @property
    def unused_quantity(self) -> int | None:
        if self.quantity is None or self.plan <= ZERO:
            return None
        share = Decimal(self.quantity) * self.unused / self.plan
        return int(share.to_integral_value(rounding=ROUND_DOWN))

    @property
    def utilisation(self) -> Decimal | None:
        """Forecast of the plan in % (one decimal), None for a zero plan."""
        if self.plan <= ZERO:
            return None
        return (self.forecast * 100 / self.plan).quantize(Decimal("0.1"))


def line_use(
    line: str,
    name: str,
    plan: Decimal,
    forecast: Decimal,
    quantity: int | None = None,
    unit: str = "",
) -> LineUse:
    return LineUse(line, name, plan, forecast, quantity, unit)


@dataclass(frozen=True, slots=True)
class UnusedSummary:
    plan: Decimal
    forecast: Decimal
    unused: Decimal  # sum of the lines' unused money (lines over plan do not offset it)
    lines: tuple[LineUse, ...]  # the lines leaving something unused, largest first


def unused_summary(lines: Iterable[LineUse]) -> UnusedSummary:
    all_lines = tuple(lines)
    leaving = sorted((u for u in all_lines if u.unused > ZERO), key=lambda u: (-u.unused, u.line))
    return UnusedSummary(
        sum((u.plan for u in all_lines), ZERO),
        sum((u.forecast for u in all_lines), ZERO),
        sum((u.unused for u in leaving), ZERO),
        tuple(leaving),
    )
