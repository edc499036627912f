"""Claims: figures a document states in its prose ("knapp 285 Arbeitsgelegenheiten").

A claim names the figure of the plan it restates and the qualifier it was stated with;
`holds` decides whether the figure the data yields is compatible with what was printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from amp.core.money import decimal_places, round_half_up

# How far "rund", "ca." and "knapp" may stray from the exact figure. An editorial
# convention of amp (no law defines it), stated in docs/plan-format.md.
APPROXIMATION_TOLERANCE = Decimal("0.05")


class Qualifier(StrEnum):
    EXAKT = "exakt"
    RUND = "rund"
    CA = "ca"
    KNAPP = "knapp"
    BIS_ZU = "bis_zu"
    MEHR_ALS = "mehr_als"
    MINDESTENS = "mindestens"


QUALIFIER_LABELS = {
    Qualifier.EXAKT: "",
    Qualifier.RUND: "rund",
    Qualifier.CA: "ca.",
    Qualifier.KNAPP: "knapp",
    Qualifier.BIS_ZU: "bis zu",
    Qualifier.MEHR_ALS: "mehr als",
    Qualifier.MINDESTENS: "mindestens",
}


class ClaimUnit(StrEnum):
    EUR = "eur"
    MIO_EUR = "mio_eur"
    PERCENT = "prozent"
    COUNT = "anzahl"

    @property
    def scale(self) -> int:
        """Power of ten from the stated unit to the figure's unit."""
        return 6 if self is ClaimUnit.MIO_EUR else 0


class Operation(StrEnum):
    VALUE = "wert"  # the figure itself
    SUM = "summe"  # the sum of the figures
    DECREASE = "rueckgang"  # first − second
    DECREASE_PERCENT = "rueckgang_prozent"  # (first − second) / first · 100
    INCREASE = "anstieg"  # second − first
    INCREASE_PERCENT = "anstieg_prozent"  # (second − first) / first · 100


@dataclass(frozen=True, slots=True)
class Reference:
    """Which figure(s) of the plan a claim restates, and how they combine."""

    figures: tuple[str, ...]
    op: Operation = Operation.VALUE

    def __post_init__(self) -> None:
        wanted = {
            Operation.VALUE: (1, 1),
            Operation.SUM: (1, None),
        }.get(self.op, (2, 2))
        low, high = wanted
        if len(self.figures) < low or (high is not None and len(self.figures) > high):
            count = f"genau {low}" if low == high else f"mindestens {low}"
            raise ValueError(f"die Operation '{self.op}' braucht {count} Kennziffer(n)")


@dataclass(frozen=True, slots=True)
class AlternativeReading:
    """Another way to read a claim: what it may mean, and the figures of that reading if the
    plan holds them (without figures the reading cannot be checked from the data)."""

    reading: str
    refers_to: Reference | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    quote: str  # the sentence as printed
    section: str  # where it stands, e.g. "3 Finanzielle Eckpunkte"
    value: Decimal
    unit: ClaimUnit
    refers_to: Reference
    qualifier: Qualifier = Qualifier.EXAKT
    reading: str | None = None  # how the sentence was read, where it could be read otherwise
    # a second plausible reading; if it makes the claim true, amp gives a Hinweis, no Warnung
    alternative: AlternativeReading | None = None

    @property
    def stated(self) -> Decimal:
        """The printed value in the unit of the figure (2,1 Mio. € → 2100000)."""
        return self.value.scaleb(self.unit.scale)

    @property
    def places(self) -> int:
        """The printed precision in the figure's unit (2,1 Mio. € → -5, i.e. 100.000 €)."""
        return decimal_places(self.value) - self.unit.scale


def holds(qualifier: Qualifier, stated: Decimal, places: int, computed: Decimal) -> bool:
    """Whether `computed` is compatible with a figure printed as `stated` at `places`."""
    rounded_equal = round_half_up(computed, places) == stated
    near = abs(computed - stated) <= APPROXIMATION_TOLERANCE * abs(stated)
    match qualifier:
        case Qualifier.EXAKT:
            return rounded_equal
        case Qualifier.RUND | Qualifier.CA:
            return rounded_equal or near
        case Qualifier.KNAPP:
            return computed <= stated and (rounded_equal or near)
        case Qualifier.BIS_ZU:
            return computed <= stated
        case Qualifier.MEHR_ALS:
            return computed > stated
        case Qualifier.MINDESTENS:
            return computed >= stated
