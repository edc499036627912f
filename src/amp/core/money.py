"""Money is `Decimal`. Rounding happens here and nowhere else.

German public finance prints rounded values half up (kaufmännisches Runden), so that is
the one rounding mode amp uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal, getcontext
from typing import Annotated

from annotated_types import Ge

from amp.core.units import Unit

Money = Decimal
NonNegativeMoney = Annotated[Decimal, Ge(0)]

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round to `places` decimal places, ties away from zero (1,005 → 1,01)."""
    # a wide enough precision: quantize must never fail on a long (e.g. stored) value
    digits = len(value.as_tuple().digits) + abs(places) + 2
    context = Context(prec=max(getcontext().prec, digits))
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=context)


def presentable(value: Decimal, unit: Unit, places: int = 0) -> Decimal:
    """A computed value as findings report it: percentages to at least two places,
    other values exact (sums of cents are exact already)."""
    if unit is Unit.PERCENT:
        return round_half_up(value, max(places, 2))
    return value


def decimal_places(value: Decimal) -> int:
    """How many decimal places a printed value shows: 18.64 → 2, 285 → 0."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def total(values: Iterable[Decimal | None]) -> Decimal:
    """Sum of the values; an empty cell (None) counts as nothing."""
    return sum((v for v in values if v is not None), ZERO)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole`, unrounded; None where the whole is zero."""
    if whole == ZERO:
        return None
    return part * HUNDRED / whole
