"""Umschichtung proposals: move forecast surplus to lines that will run short.

The rule (documented in docs/vollzug.md with its sources):

* All lines of the Eingliederungstitel belong to one budget title (Kapitel 1101 Titel
  685 11, § 46 Abs. 1 SGB II); the plan's lines are the Jobcenter's own subdivision, so
  they may cover each other.
* Never out of a Pflichtleistung (an instrument with a legal entitlement, `mandatory` in
  the plan): its money cannot be planned away.
* Never out of or into JobPerspektive (§ 16e SGB II a.F.): its money is allocated
  separately for the remaining Dauerförderungen and covers no other line.
* A surplus counts only as far as it holds at the upper end of the 80 % interval (the line
  keeps what it may still need); a deficit is the forecast's point above the plan.
* Amounts are rounded down to whole thousands of euros.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from amp.core.budget import Column
from amp.core.edit import set_at, value_at
from amp.core.findings import ModelPath
from amp.core.ledger.model import Fund, LedgerLine, PlanChange
from amp.core.ledger.text import eur
from amp.core.money import ZERO, Money
from amp.core.plan import Plan

STEP = Decimal(1000)
RULE = (
    "Umschichtung nur innerhalb des Eingliederungstitels (Kap. 1101 Titel 685 11, "
    "§ 46 Abs. 1 SGB II); nie aus Pflichtleistungen, nie aus oder in JobPerspektive "
    "(§ 16e SGB II a.F., gesondert zugewiesen)."
)


@dataclass(frozen=True, slots=True)
class LineOutlook:
    """What a line is expected to need: its plan and forecast (point, upper 80 % bound)."""

    line: str
    plan: Money
    forecast: Money
    upper80: Money | None

    @property
    def surplus(self) -> Money:
        high = self.upper80 if self.upper80 is not None else self.forecast
        return max(ZERO, self.plan - max(high, self.forecast))

    @property
    def deficit(self) -> Money:
        return max(ZERO, self.forecast - self.plan)


@dataclass(frozen=True, slots=True)
class Proposal:
    source: str
    target: str
    amount: Money
    reason: str


@dataclass(frozen=True, slots=True)
class Reallocation:
    proposals: tuple[Proposal, ...]
    uncovered: dict[str, Money]  # deficits no allowed source could cover
    unused: dict[str, Money]  # surplus left after all deficits were covered
    excluded: dict[str, str]  # lines that are never a source, and why
    rule: str = RULE


def _steps(value: Money) -> Money:
    return (value / STEP).to_integral_value(rounding=ROUND_DOWN) * STEP


def propose(lines: Sequence[LedgerLine], outlook: Mapping[str, LineOutlook]) -> Reallocation:
    excluded: dict[str, str] = {}
    sources: dict[str, Money] = {}
    targets: dict[str, Money] = {}
    for line in lines:
        view = outlook.get(line.id)
        if view is None:
            continue
        if line.fund is Fund.JOBPERSPEKTIVE:
            excluded[line.id] = "JobPerspektive: gesondert zugewiesen, deckt keine andere Zeile"
            continue
        if view.deficit > ZERO:
            targets[line.id] = _steps(view.deficit + STEP - Decimal("0.01"))  # round up
        if line.mandatory:
            excluded[line.id] = "Pflichtleistung: nie Quelle einer Umschichtung"
            continue
        if (available := _steps(view.surplus)) > ZERO:
            sources[line.id] = available
    mandatory = {line.id for line in lines if line.mandatory}
    order = sorted(targets, key=lambda t: (t not in mandatory, -targets[t], t))
    proposals: list[Proposal] = []
    for target in order:
        need = targets[target]
        for source in sorted(sources, key=lambda s: (-sources[s], s)):
            if need <= ZERO:
                break
            amount = min(need, sources[source])
            if amount <= ZERO:
                continue
            view_s, view_t = outlook[source], outlook[target]
            needed = view_s.upper80 or view_s.forecast
            proposals.append(
                Proposal(
                    source,
                    target,
                    amount,
                    f"„{source}“ braucht voraussichtlich höchstens {eur(needed)} von "
                    f"{eur(view_s.plan)}; „{target}“ voraussichtlich {eur(view_t.forecast)} "
                    f"bei {eur(view_t.plan)} Planung.",
                )
            )
            sources[source] -= amount
            need -= amount
        targets[target] = need
    return Reallocation(
        tuple(proposals),
        {t: v for t, v in targets.items() if v > ZERO},
        {s: v for s, v in sources.items() if v > ZERO},
        excluded,
    )


def as_plan_changes(proposals: Sequence[Proposal], day: date) -> tuple[PlanChange, ...]:
    """Each proposal as two Fortschreibungen effective on `day`: less in the source, more
    in the target."""
    changes: list[PlanChange] = []
    for number, p in enumerate(proposals, start=1):
        ident = f"U-{day:%Y%m%d}-{number}"
        note = f"Umschichtung {p.source} → {p.target}"
        changes.append(PlanChange(f"{ident}-von", day, p.source, -p.amount, note))
        changes.append(PlanChange(f"{ident}-nach", day, p.target, p.amount, note))
    return tuple(changes)


@dataclass(frozen=True, slots=True)
class ShiftedCell:
    """One plan amount an applied Umschichtung changed (path into the plan model)."""

    line: str
    path: ModelPath
    before: Money
    after: Money


def apply_to_plan(
    plan: Plan, proposals: Sequence[Proposal]
) -> tuple[Plan, tuple[ShiftedCell, ...]]:
    """The plan with the proposals applied to its lines' Planung: less in each source, more
    in each target. The total stays the same. Raises ValueError (German) for a line the plan
    does not have, or a source whose Planung would fall below zero."""
    where: dict[str, tuple[int, int]] = {}
    for g, group in enumerate(plan.budget.groups):
        for i, line in enumerate(group.lines):
            where[line.id] = (g, i)
    delta: dict[str, Money] = {}
    for p in proposals:
        for named in (p.source, p.target):
            if named not in where:
                raise ValueError(f"Die Planzeile „{named}“ gibt es im Plan nicht.")
        delta[p.source] = delta.get(p.source, ZERO) - p.amount
        delta[p.target] = delta.get(p.target, ZERO) + p.amount
    result = plan
    cells: list[ShiftedCell] = []
    for line_id, change in delta.items():
        if change == ZERO:
            continue
        g, i = where[line_id]
        path: ModelPath = ("budget", "groups", g, "lines", i, "amounts", Column.PLAN.value)
        before = value_at(result, path) or ZERO
        after = before + change
        if after < ZERO:
            raise ValueError(
                f"„{line_id}“ hätte nach der Umschichtung {eur(after)}: weniger als nichts."
            )
        result = set_at(result, path, after)
        cells.append(ShiftedCell(line_id, path, before, after))
    return result, tuple(cells)
