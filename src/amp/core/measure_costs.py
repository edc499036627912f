"""What a measure costs in the plan: its places priced at the cost per place of the budget
line they make up.

A budget line that names its measures (`BudgetLine.measures`) and counts its quantity in
places has a cost per place: its plan amount (Eingliederungsplanung of the plan year)
divided by its places. A measure of that line then costs, arithmetically, its places times
that cost per place, rounded half up to the cent. It is an estimate from the plan, not a
contract value; a measure without such a line, or without places, has no cost here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from amp.core.budget import Column, QuantityUnit
from amp.core.money import Money, round_half_up
from amp.core.plan import Plan


@dataclass(frozen=True, slots=True)
class MeasureCost:
    line_id: str
    line_name: str
    per_place: Money | None  # plan amount / places of the line; None if not computable
    estimate: Money | None  # places of the measure × per_place


def measure_costs(plan: Plan) -> dict[str, MeasureCost]:
    """Measure id → its budget line and arithmetic cost (see the module doc)."""
    places = {m.id: m.places.value for m in plan.measures().values()}
    found: dict[str, MeasureCost] = {}
    for line in plan.budget.lines():
        amount = line.amounts.get(Column.PLAN)
        quantity = line.quantity
        line_places: int | None = None
        if quantity is not None and quantity.unit is QuantityUnit.PLACES and quantity.value:
            line_places = quantity.value
        per_place: Money | None = None
        if amount is not None and line_places:
            per_place = round_half_up(amount / Decimal(line_places))
        for measure_id in line.measures:
            if measure_id in found or measure_id not in places:
                continue
            count = places[measure_id]
            estimate: Money | None = None
            if amount is not None and line_places and count is not None:
                estimate = round_half_up(amount * Decimal(count) / Decimal(line_places))
            found[measure_id] = MeasureCost(line.id, line.name, per_place, estimate)
    return found
