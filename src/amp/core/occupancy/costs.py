"""Money and places together: a measure's expected cost from places × price feeds its plan
line; plan lines with places but no measure attached are shown as such."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from amp.core.money import ZERO, Money, total
from amp.core.occupancy.model import Contract
from amp.core.periods import Month


@dataclass(frozen=True, slots=True)
class PlanLineRef:
    """A plan line as this part needs it."""

    id: str
    name: str
    instrument: str
    plan: Money
    places: int | None = None  # planned places (unit P), where the line has them
    approximate: bool = False
    measures: tuple[str, ...] = ()  # measures the plan attaches to the line


@dataclass(frozen=True, slots=True)
class LineCost:
    line: PlanLineRef
    contracts: tuple[Contract, ...]
    expected: Money  # places × price (or hours × price) over the year's contract months
    year: int

    @property
    def difference(self) -> Money:
        """Plan minus expected cost: positive = room left in the line."""
        return self.line.plan - self.expected

    @property
    def contracted_places(self) -> int:
        """The most places the line's contracts hold at any month's end of the year."""
        return max(
            sum(c.places or 0 for c in self.contracts if c.runs_on(Month(self.year, m).last_day))
            for m in range(1, 13)
        )

    @property
    def places_without_measure(self) -> bool:
        """The line plans places but the plan attaches no measure to it."""
        return self.line.places is not None and not self.line.measures


def line_of(contract: Contract, lines: Sequence[PlanLineRef]) -> str | None:
    """The plan line of a contract: its own, else the line the plan attaches its measure to."""
    if contract.line is not None:
        return contract.line
    return next((line.id for line in lines if contract.measure in line.measures), None)


def expected_costs(
    lines: Sequence[PlanLineRef], contracts: Sequence[Contract], year: int
) -> list[LineCost]:
    """Per plan line with places or contracts: the year's expected cost of its contracts
    (planned ones included: the plan has to pay them) against the plan."""
    result = []
    for line in lines:
        mine = tuple(
            c for c in contracts if line_of(c, lines) == line.id and c.cost_in_year(year) != ZERO
        )
        if not mine and line.places is None:
            continue
        result.append(LineCost(line, mine, total(c.cost_in_year(year) for c in mine), year))
    return result
