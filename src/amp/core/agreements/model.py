"""The indicators a target agreement can name and the agreement itself.

The indicators are figures of the Kennzahlen nach § 48a SGB II (Verordnung zur Festlegung der
Kennzahlen, VO) in one breakdown, as amp.kpi computes and stores them: `K2` is the
Integrationsquote of all eLb, `K2.frauen` the same for women (gender monitoring, § 3 VO:
every figure is shown by sex), `K2.u25` the local u25 breakdown (not a VO figure). The
direction says which way is better: a higher Integrationsquote, a lower change of the
LZB stock (K3 is the change against the same month of the year before, in %).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

MIN_YEAR = 2005  # the SGB II starts on 1 January 2005
MAX_YEAR = 2100


class Direction(Enum):
    HIGHER = 1  # a higher value is better
    LOWER = -1  # a lower value is better


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    figure: str  # the § 48a figure code (amp.kpi.figures.FIGURES)
    group: str  # the breakdown (amp.kpi.basesql.GROUPS)
    name: str
    direction: Direction
    tolerance: Decimal  # percentage points a projection may miss and still be "gefährdet"
    theme: str  # the agreement's heading: Integration, LZB, u25, Gleichstellung

    @property
    def better(self) -> str:
        return "höher ist besser" if self.direction is Direction.HIGHER else "niedriger ist besser"


def _indicator(id: str, name: str, direction: Direction, tolerance: str, theme: str) -> Indicator:
    figure, _, group = id.partition(".")
    return Indicator(id, figure, group or "insgesamt", name, direction, Decimal(tolerance), theme)


H, L = Direction.HIGHER, Direction.LOWER
INDICATORS: dict[str, Indicator] = {
    i.id: i
    for i in (
        _indicator("K2", "Integrationsquote", H, "0.5", "Integration"),
        _indicator("K2E4", "Integrationsquote der Alleinerziehenden", H, "0.5", "Integration"),
        _indicator(
            "K3", "Veränderung des Bestands an Langzeitleistungsbeziehenden", L, "1.0", "LZB"
        ),
        _indicator("K3E1", "Integrationsquote der Langzeitleistungsbeziehenden", H, "0.5", "LZB"),
        _indicator("K2.u25", "Integrationsquote der unter 25-Jährigen", H, "0.5", "u25"),
        _indicator(
            "K1E2.u25",
            "Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten unter 25",
            L,
            "1.0",
            "u25",
        ),
        _indicator("K2.frauen", "Integrationsquote der Frauen", H, "0.5", "Gleichstellung"),
        _indicator("K2.maenner", "Integrationsquote der Männer", H, "0.5", "Gleichstellung"),
    )
}
"""The indicators of an agreement, in the order reports show them."""


def indicator(id: str) -> Indicator:
    """The indicator of that id; KeyError names the ids there are."""
    try:
        return INDICATORS[id]
    except KeyError:
        raise KeyError(f"unbekannte Kennzahl „{id}“ (möglich: {', '.join(INDICATORS)})") from None


@dataclass(frozen=True, slots=True)
class Agreement:
    """One agreed target: Jobcenter, year, indicator and the value to reach by December."""

    jobcenter: str
    year: int
    indicator: str
    target: Decimal  # in the indicator's unit (%), one decimal
    note: str = ""

    def __post_init__(self) -> None:
        if self.indicator not in INDICATORS:
            raise ValueError(f"unbekannte Kennzahl „{self.indicator}“")
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"Jahr {self.year} liegt außerhalb {MIN_YEAR}–{MAX_YEAR}")


@dataclass(frozen=True, slots=True)
class PlanningDocument:
    """The Jobcenter's lokales Planungsdokument of an agreement year: its own priorities and
    the measures it plans to reach the targets (free text, shown to the Land as written)."""

    jobcenter: str
    year: int
    priorities: str = ""
    measures: str = ""
