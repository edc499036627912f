"""Cut scenarios: what the plan looks like when the planned budget shrinks.

A cut reduces the plan column (Eingliederungsplanung of the plan year) of every budget
line by the same percentage, except Pflichtleistungen, which planning cannot cut. Each
line is rounded to the cent (half up), so the total cut may differ from the exact
percentage by a few cents; the result reports both totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from amp.core.budget import Column
from amp.core.edit import set_at
from amp.core.findings import ModelPath
from amp.core.money import HUNDRED, ZERO, Money, round_half_up, total
from amp.core.plan import Plan


class ScenarioError(ValueError):
    """A German message for a scenario that cannot be computed."""


@dataclass(frozen=True, slots=True)
class CutLine:
    path: ModelPath  # the plan amount of this line
    group: str
    name: str
    mandatory: bool
    before: Money | None
    after: Money | None

    @property
    def change(self) -> Money:
        return (self.after or ZERO) - (self.before or ZERO)


@dataclass(frozen=True, slots=True)
class CutResult:
    plan: Plan
    percent: Decimal
    lines: tuple[CutLine, ...]

    @property
    def before_total(self) -> Money:
        return total(line.before for line in self.lines)

    @property
    def after_total(self) -> Money:
        return total(line.after for line in self.lines)


def cut(plan: Plan, percent: Decimal) -> CutResult:
    """Reduce every non-mandatory line's plan amount by `percent` (0 < percent ≤ 100)."""
    if not ZERO < percent <= HUNDRED:
        raise ScenarioError("die Kürzung muss größer als 0 und höchstens 100 % sein")
    factor = (HUNDRED - percent) / HUNDRED
    lines: list[CutLine] = []
    result = plan
    for g, group in enumerate(plan.budget.groups):
        for i, line in enumerate(group.lines):
            instrument = plan.instrument(line.instrument)
            mandatory = instrument is not None and instrument.mandatory
            before = line.amounts.get(Column.PLAN)
            after = before
            if before is not None and not mandatory:
                after = round_half_up(before * factor)
            path: ModelPath = ("budget", "groups", g, "lines", i, "amounts", Column.PLAN.value)
            if after != before:
                result = set_at(result, path, after)
            lines.append(CutLine(path, group.name, line.name, mandatory, before, after))
    return CutResult(result, percent, tuple(lines))
