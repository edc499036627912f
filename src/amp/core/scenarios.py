"""Scenarios: the plan when the planned budget shrinks (Kürzung) or grows (Erhöhung).

A change of the plan column (Eingliederungsplanung of the plan year) is given in euros or
in percent and spread over the Ermessensleistungen; Pflichtleistungen stay as they are.

The exact rules:

* A percentage is taken of the planned amount of all Ermessensleistungen together and
  rounded to the cent (half up); from then on the change is a euro amount to the cent.
* A **Kürzung** takes money only from the headroom of a line, its plan less its
  commitments (never below zero): no line falls below what running measures have bound.
  If the headroom of all Ermessensleistungen is smaller than the cut, there is no result
  but an `InsufficientHeadroom` error.
  - *anteilig*: each line gives in proportion to its headroom.
  - *nach Priorität*: lines with the largest priority number give first, each tier down
    to its commitments, before the next tier (smaller number) gives anything; lines
    without a priority give before all numbered ones. Within a tier: in proportion to the
    headroom. Priority 1 is therefore cut last.
* An **Erhöhung** has no upper bound.
  - *anteilig*: each line gets in proportion to its planned amount (equal parts if all
    are zero), so a percentage raises every Ermessensleistung by about that percentage.
  - *nach Priorität*: the whole raise goes to the tier with the smallest priority number
    (priority 1 is raised first), in proportion to the planned amounts there; without any
    priorities it is spread over all Ermessensleistungen.
* Lines with an empty plan cell take no part.
* Cents are spread by the largest-remainder method in integer arithmetic: every line gets
  the whole cents of its exact share, the cents left over go one each to the lines with
  the largest remainders, ties to the line that comes first in the plan. The changes
  therefore add up to the requested change exactly, and the same input gives the same
  result.

The effect on places is shown through the unit cost of a line (plan amount / quantity):
change / unit cost, rounded half up to whole places (or cases, entries).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from amp.core import formatting, limits
from amp.core.budget import QUANTITY_UNIT_LABELS, Column, Quantity
from amp.core.edit import set_at
from amp.core.findings import ModelPath
from amp.core.money import HUNDRED, ZERO, Money, round_half_up, total
from amp.core.plan import Plan
from amp.core.units import Unit

CENT = Decimal("0.01")


class ScenarioError(ValueError):
    """A German message for a scenario that cannot be computed."""


class InsufficientHeadroom(ScenarioError):
    """The cut is larger than what the Ermessensleistungen can give."""

    def __init__(self, requested: Money, available: Money) -> None:
        self.requested = requested
        self.available = available
        super().__init__(
            "die Kürzung ist größer als der Spielraum der Ermessensleistungen "
            "(Planung abzüglich Verpflichtungen)"
        )


class Basis(StrEnum):
    """How the size of the change is given."""

    EUR = "eur"
    PERCENT = "prozent"


class Spread(StrEnum):
    """How the change is spread over the lines."""

    PROPORTIONAL = "anteilig"
    PRIORITY = "prioritaet"


@dataclass(frozen=True, slots=True)
class ScenarioRequest:
    """`amount` is signed: negative for a Kürzung, positive for an Erhöhung."""

    amount: Decimal
    basis: Basis = Basis.EUR
    spread: Spread = Spread.PROPORTIONAL
    priorities: Mapping[str, int] = field(default_factory=dict)  # line id → 1, 2, …


@dataclass(frozen=True, slots=True)
class ScenarioLine:
    path: ModelPath  # the plan amount of this line
    line_id: str
    group: str
    name: str
    mandatory: bool
    priority: int | None
    before: Money | None
    after: Money | None
    commitments: Money | None
    quantity: Quantity | None

    @property
    def change(self) -> Money:
        return (self.after or ZERO) - (self.before or ZERO)

    @property
    def headroom(self) -> Money:
        return _headroom(self.before, self.commitments)

    @property
    def unit_cost(self) -> Money | None:
        """Plan amount per place (case, entry), where the line has a quantity."""
        count = self.quantity.value if self.quantity is not None else None
        if not count or not self.before:
            return None
        return self.before / count

    @property
    def quantity_change(self) -> Decimal | None:
        """What the change buys or costs in places (cases, entries), rounded half up."""
        cost = self.unit_cost
        if cost is None:
            return None
        return round_half_up(self.change / cost, 0)


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    plan: Plan
    request: ScenarioRequest
    requested: Money  # the change in euros, signed
    lines: tuple[ScenarioLine, ...]

    @property
    def before_total(self) -> Money:
        return total(line.before for line in self.lines)

    @property
    def after_total(self) -> Money:
        return total(line.after for line in self.lines)


def _headroom(plan: Money | None, commitments: Money | None) -> Money:
    if plan is None:
        return ZERO
    return max(plan - (commitments or ZERO), ZERO)


def _cents(value: Decimal) -> int:
    return int(value / CENT)


def largest_remainder(cents: int, weights: Sequence[int]) -> list[int]:
    """`cents` (≥ 0) split in proportion to `weights` (≥ 0, not all 0); sums to `cents`."""
    whole = sum(weights)
    if cents < 0 or whole <= 0 or any(w < 0 for w in weights):
        raise ValueError("largest_remainder needs cents ≥ 0 and non-negative weights")
    shares = [cents * w // whole for w in weights]
    remainders = [cents * w % whole for w in weights]
    left = cents - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return shares


def _lines(plan: Plan, priorities: Mapping[str, int]) -> list[ScenarioLine]:
    lines: list[ScenarioLine] = []
    for g, group in enumerate(plan.budget.groups):
        for i, line in enumerate(group.lines):
            instrument = plan.instrument(line.instrument)
            path: ModelPath = ("budget", "groups", g, "lines", i, "amounts", Column.PLAN.value)
            before = line.amounts.get(Column.PLAN)
            lines.append(
                ScenarioLine(
                    path=path,
                    line_id=line.id,
                    group=group.name,
                    name=line.name,
                    mandatory=instrument is not None and instrument.mandatory,
                    priority=priorities.get(line.id),
                    before=before,
                    after=before,
                    commitments=line.amounts.get(Column.COMMITMENTS),
                    quantity=line.quantity,
                )
            )
    return lines


def _check_priorities(plan: Plan, priorities: Mapping[str, int]) -> None:
    known = {line.id for line in plan.budget.lines()}
    for line_id, priority in priorities.items():
        if line_id not in known:
            raise ScenarioError(f"Priorität für eine unbekannte Zeile „{line_id}“")
        if priority < 1:
            raise ScenarioError("eine Priorität ist eine ganze Zahl ab 1")


def requested_change(plan: Plan, request: ScenarioRequest) -> Money:
    """The change in euros to the cent, signed; raises ScenarioError when it is not valid."""
    if request.amount == ZERO:
        raise ScenarioError("die Änderung darf nicht 0 sein")
    if request.basis is Basis.EUR:
        if request.amount != round_half_up(request.amount):
            raise ScenarioError("ein Betrag hat höchstens zwei Nachkommastellen")
        size = limits.amount_problem(abs(request.amount))
        if size:
            raise ScenarioError(size)
        return request.amount
    size = limits.number_problem(abs(request.amount))
    if size:
        raise ScenarioError(size)
    if request.amount < -HUNDRED:
        raise ScenarioError("eine Kürzung kann höchstens 100 % betragen")
    base = total(
        line.before for line in _lines(plan, {}) if not line.mandatory and line.before is not None
    )
    return round_half_up(base * request.amount / HUNDRED)


def _tiers(lines: Sequence[tuple[int, ScenarioLine]]) -> list[list[tuple[int, ScenarioLine]]]:
    """Lines grouped by priority, most important (smallest number) first; unset last."""
    numbers = sorted({line.priority for _i, line in lines if line.priority is not None})
    ordered: list[int | None] = [*numbers, None]
    tiers = [[(i, line) for i, line in lines if line.priority == p] for p in ordered]
    return [t for t in tiers if t]


def _spread_cut(
    cents: int, lines: Sequence[tuple[int, ScenarioLine]], spread: Spread
) -> dict[int, int]:
    tiers = [list(lines)] if spread is Spread.PROPORTIONAL else _tiers(lines)[::-1]
    taken: dict[int, int] = {}
    left = cents
    for tier in tiers:
        room = [_cents(line.headroom) for _i, line in tier]
        parts = room if left >= sum(room) else largest_remainder(left, room)
        for (i, _line), part in zip(tier, parts, strict=True):
            taken[i] = part
        left -= sum(parts)
        if left == 0:
            break
    return taken


def _spread_raise(
    cents: int, lines: Sequence[tuple[int, ScenarioLine]], spread: Spread
) -> dict[int, int]:
    tier = list(lines) if spread is Spread.PROPORTIONAL else _tiers(lines)[0]
    weights = [_cents(line.before or ZERO) for _i, line in tier]
    if sum(weights) == 0:
        weights = [1] * len(tier)
    parts = largest_remainder(cents, weights)
    return {i: part for (i, _line), part in zip(tier, parts, strict=True)}


def apply_scenario(plan: Plan, request: ScenarioRequest) -> ScenarioResult:
    """The plan with the change spread over its Ermessensleistungen (see the module doc)."""
    _check_priorities(plan, request.priorities)
    requested = requested_change(plan, request)
    lines = _lines(plan, request.priorities)
    movable = [
        (i, line) for i, line in enumerate(lines) if not line.mandatory and line.before is not None
    ]
    if not movable:
        raise ScenarioError(
            "es gibt keine Ermessensleistung mit Planung, auf die sich die Änderung verteilen ließe"
        )
    cents = _cents(abs(requested))
    if requested < ZERO:
        available = total(line.headroom for _i, line in movable)
        if abs(requested) > available:
            raise InsufficientHeadroom(-requested, available)
        parts = {i: -part for i, part in _spread_cut(cents, movable, request.spread).items()}
    else:
        parts = _spread_raise(cents, movable, request.spread)
    result = plan
    changed: list[ScenarioLine] = []
    for i, line in enumerate(lines):
        part = parts.get(i, 0)
        if part and line.before is not None:
            after = line.before + part * CENT
            if limits.amount_problem(after):
                raise ScenarioError(
                    f"„{line.name}“ hätte danach {formatting.money(after)}: "
                    f"{limits.amount_problem(after)}"
                )
            result = set_at(result, line.path, after)
            line = dataclasses.replace(line, after=after)
        changed.append(line)
    return ScenarioResult(result, request, requested, tuple(changed))


# ---------------------------------------------------------------- in German words

SPREAD_LABELS = {Spread.PROPORTIONAL: "anteilig", Spread.PRIORITY: "nach Priorität"}


def describe(request: ScenarioRequest) -> str:
    """The German label of a scenario, e.g. "Kürzung um 10,00 % (anteilig)"."""
    kind = "Kürzung" if request.amount < 0 else "Erhöhung"
    size = abs(request.amount)
    shown = formatting.percent(size) if request.basis is Basis.PERCENT else formatting.money(size)
    return f"{kind} um {shown} ({SPREAD_LABELS[request.spread]})"


def draft_label(parent_label: str | None, request: ScenarioRequest) -> str:
    """The Bezeichnung of the draft a scenario creates: the parent's, then the scenario.

    Chained scenarios keep the newest description whole and shorten the older part, so the
    label never outgrows its column (amp.core.limits.MAX_LABEL).
    """
    return limits.chained_label(parent_label or "", describe(request))


def effect(line: ScenarioLine) -> str:
    """What the change of a line does to its places, e.g. "-12 Plätze"; empty if unknown."""
    change = line.quantity_change
    if not line.change or change is None or line.quantity is None or line.quantity.unit is None:
        return ""
    return f"{formatting.signed(change, Unit.COUNT)} {QUANTITY_UNIT_LABELS[line.quantity.unit]}"


def parse_size(text: str) -> tuple[Decimal, Basis]:
    """ "10 %" → (10, percent), "50.000" or "50.000 €" → (50000, euros).

    Raises formatting.AmountInputError with a German message (also for an empty text).
    """
    cleaned = text.strip()
    basis = Basis.PERCENT if cleaned.endswith("%") else Basis.EUR
    amount = formatting.parse_amount(cleaned.removesuffix("%"))
    if amount is None:
        raise formatting.AmountInputError("Pflichtangabe fehlt")
    return amount, basis


@dataclass(frozen=True, slots=True)
class TypedChange:
    """A change as typed in one field: "5 %", "-5%", "+250.000 €", "250000".

    `amount` is the size without sign; `basis` is None when neither "%" nor "€" was typed,
    `raising` is None when no sign was typed (then the page's Richtung decides).
    """

    amount: Decimal
    basis: Basis | None
    raising: bool | None


def read_change(text: str) -> TypedChange:
    """The one-field reading of a change; raises formatting.AmountInputError in German."""
    cleaned = text.strip().replace("\u2212", "-")  # a typographic minus as typed in Word
    raising: bool | None = None
    if cleaned[:1] in {"-", "+"}:
        raising = cleaned[0] == "+"
        cleaned = cleaned[1:].strip()
    basis: Basis | None = None
    if cleaned.endswith("%"):
        basis, cleaned = Basis.PERCENT, cleaned.removesuffix("%")
    elif cleaned.endswith("€"):
        basis, cleaned = Basis.EUR, cleaned.removesuffix("€")
    elif cleaned.lower().endswith("euro"):
        basis, cleaned = Basis.EUR, cleaned[: -len("euro")]
    if cleaned.strip()[:1] in {"-", "+"}:
        raise formatting.AmountInputError("das Vorzeichen gehört vor die Zahl (z. B. -5 %)")
    amount = formatting.parse_amount(cleaned)
    if amount is None:
        raise formatting.AmountInputError("Pflichtangabe fehlt")
    return TypedChange(amount, basis, raising)


def reading(plan: Plan, request: ScenarioRequest) -> str:
    """The request in words, before the scenario is computed, e.g.
    "Kürzung um 5 % der Planung aller Ermessensleistungen (das sind 123.456,78 €),
    anteilig verteilt". Raises ScenarioError where the size cannot be used."""
    kind = "Kürzung" if request.amount < 0 else "Erhöhung"
    size = abs(request.amount)
    spread = "nach Priorität" if request.spread is Spread.PRIORITY else "anteilig"
    if request.basis is Basis.EUR:
        requested_change(plan, request)
        return f"{kind} um {formatting.money(size)}, {spread} verteilt auf die Ermessensleistungen"
    euros = abs(requested_change(plan, request))
    shown = formatting.percent(size).replace(",00 %", " %")
    return (
        f"{kind} um {shown} der Planung aller Ermessensleistungen "
        f"(das sind {formatting.money(euros)}), {spread} verteilt"
    )


def parse_priority(text: str) -> int:
    """A priority as typed: a whole number from 1; raises formatting.AmountInputError."""
    number = formatting.parse_count(text)
    if number is None or number < 1:
        raise formatting.AmountInputError("eine ganze Zahl ab 1 eingeben")
    return number


def parse_priority_item(item: str) -> tuple[str, int]:
    """ "fbw_umschulung=1" → ("fbw_umschulung", 1); raises formatting.AmountInputError."""
    line_id, _, number = item.partition("=")
    if not line_id.strip():
        raise formatting.AmountInputError("bitte ZEILE=ZAHL angeben, z. B. fbw_umschulung=1")
    try:
        return line_id.strip(), parse_priority(number)
    except formatting.AmountInputError:
        raise formatting.AmountInputError(
            "bitte ZEILE=ZAHL angeben, z. B. fbw_umschulung=1"
        ) from None


__all__ = [
    "SPREAD_LABELS",
    "Basis",
    "InsufficientHeadroom",
    "ScenarioError",
    "ScenarioLine",
    "ScenarioRequest",
    "ScenarioResult",
    "Spread",
    "TypedChange",
    "apply_scenario",
    "describe",
    "draft_label",
    "effect",
    "largest_remainder",
    "parse_priority",
    "parse_priority_item",
    "parse_size",
    "read_change",
    "reading",
    "requested_change",
]
