"""Every figure the plan's data yields, under a stable name ("Kennziffer").

Claims and balance rows point at these names (e.g. `budget.line.taam.plan`), so a sentence
of the document can be compared with the number the data gives, and a reference to a
figure that does not exist is caught when the plan is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from amp.core.budget import Column
from amp.core.claims import ClaimUnit, Operation, Reference
from amp.core.money import ZERO, percent
from amp.core.plan import Plan
from amp.core.target_groups import TargetGroupTable
from amp.core.units import Unit
from amp.core.vouchers import TRAINING_KIND_LABELS


@dataclass(frozen=True, slots=True)
class Figure:
    value: Decimal
    unit: Unit
    label: str


FUNDING_FIGURES = {
    "admin_federal": "Verwaltungsmittel Bund",
    "transfer_to_admin": "Umschichtung in die Verwaltungsmittel",
    "admin_municipal": "Verwaltungsmittel, kommunaler Anteil",
    "admin_total": "Verwaltungsmittel insgesamt",
    "integration_federal": "Eingliederungsmittel ohne JobPerspektive",
    "jobperspektive": "JobPerspektive (§ 16e SGB II a.F.)",
    "integration_federal_total": "Eingliederungsmittel Bund",
    "integration_available": "Eingliederungsmittel Bund zur Verfügung",
    "pat": "Passiv-Aktiv-Transfer",
}


def figures(plan: Plan) -> dict[str, Figure]:
    """All named figures of the plan, computed from its data (never from printed totals)."""
    found: dict[str, Figure] = {}

    def put(name: str, value: Decimal | None, unit: Unit, label: str) -> None:
        if value is not None:
            found[name] = Figure(value, unit, label)

    if plan.funding:
        for year in plan.funding.years:
            for attribute, label in FUNDING_FIGURES.items():
                value: Decimal = getattr(year, attribute)
                put(
                    f"funding.{year.year}.{attribute}",
                    value,
                    Unit.EUR,
                    f"{label} {year.year}",
                )
            put(
                f"funding.{year.year}.municipal_integration",
                year.municipal_integration,
                Unit.EUR,
                f"Kommunale Eingliederungsmittel {year.year}",
            )
            for fund in year.special_funds:
                put(f"funding.{year.year}.special.{fund.id}", fund.amount, Unit.EUR, fund.name)

    budget = plan.budget
    for column in Column:
        label = budget.column_label(column)
        put(f"budget.total.{column}", budget.computed_total().get(column), Unit.EUR, label)
        for group in budget.groups:
            put(
                f"budget.group.{group.id}.{column}",
                group.computed_total().get(column),
                Unit.EUR,
                f"{group.name}, {label}",
            )
        for line in budget.lines():
            put(
                f"budget.line.{line.id}.{column}",
                line.amounts.get(column) or ZERO,
                Unit.EUR,
                f"{line.name}, {label}",
            )
    for line in budget.lines():
        if line.quantity and line.quantity.value is not None:
            put(
                f"budget.line.{line.id}.quantity",
                Decimal(line.quantity.value),
                Unit.COUNT,
                f"{line.name}, Menge",
            )

    if plan.target_groups:
        amounts = target_group_amounts(plan, plan.target_groups)
        whole = sum(amounts.values(), ZERO)
        for target_group in plan.target_groups.groups:
            amount = amounts[target_group.id]
            name = target_group.name
            put(f"target_group.{target_group.id}.amount", amount, Unit.EUR, name)
            put(
                f"target_group.{target_group.id}.share",
                percent(amount, whole),
                Unit.PERCENT,
                f"Anteil {name}",
            )

    for table in plan.measure_tables:
        for measure in table.measures:
            if measure.places.value is not None:
                put(
                    f"measures.{table.id}.{measure.id}.places",
                    Decimal(measure.places.value),
                    Unit.COUNT,
                    f"{measure.name}, Plätze",
                )
        counted = [m.places.value or 0 for m in table.counted()]
        put(f"measures.{table.id}.total", Decimal(sum(counted)), Unit.COUNT, table.title)

    if plan.municipal_services:
        services = plan.municipal_services
        put("municipal.total", services.total, Unit.EUR, "Kommunale Mittel")
        for service in services.services:
            put(
                f"municipal.{service.id}.amount",
                services.amount_of(service),
                Unit.EUR,
                service.name,
            )
    if plan.training_vouchers:
        for goal in plan.training_vouchers.goals:
            put(f"vouchers.{goal.id}.total", Decimal(goal.total), Unit.COUNT, goal.name)
        for kind, label in TRAINING_KIND_LABELS.items():
            goals = plan.training_vouchers.goals_of(kind)
            if goals:
                count = Decimal(sum(goal.total for goal in goals))
                put(f"vouchers.{kind}.total", count, Unit.COUNT, f"Bildungsgutscheine {label}")
    if plan.avgs:
        total = sum(c.count for c in plan.avgs.categories)
        put("avgs.total", Decimal(total), Unit.COUNT, "AVGS insgesamt")
    return found


def target_group_amounts(plan: Plan, table: TargetGroupTable) -> dict[str, Decimal]:
    """Each target group's amount: the sum of its lines in the table's column."""
    amounts = {group.id: ZERO for group in table.groups}
    for line in plan.budget.lines():
        value = line.amounts.get(table.column)
        if line.target_group in amounts and value is not None:
            amounts[line.target_group] += value
    return amounts


CLAIM_UNITS: dict[ClaimUnit, Unit] = {
    ClaimUnit.EUR: Unit.EUR,
    ClaimUnit.MIO_EUR: Unit.EUR,
    ClaimUnit.PERCENT: Unit.PERCENT,
    ClaimUnit.COUNT: Unit.COUNT,
}


def evaluate(reference: Reference, index: dict[str, Figure]) -> Decimal | None:
    """The value a reference denotes; None where a figure is missing or a base is zero."""
    values = [index[name].value for name in reference.figures if name in index]
    if len(values) != len(reference.figures):
        return None
    match reference.op:
        case Operation.VALUE | Operation.SUM:
            return sum(values, ZERO)
        case Operation.DECREASE:
            return values[0] - values[1]
        case Operation.INCREASE:
            return values[1] - values[0]
        case Operation.DECREASE_PERCENT:
            return percent(values[0] - values[1], values[0])
        case Operation.INCREASE_PERCENT:
            return percent(values[1] - values[0], values[0])


def describe(reference: Reference, index: dict[str, Figure]) -> str:
    """The referenced value in words, for messages."""
    labels = [index[name].label if name in index else name for name in reference.figures]
    match reference.op:
        case Operation.VALUE | Operation.SUM:
            return " + ".join(labels)
        case Operation.DECREASE | Operation.INCREASE:
            return f"Differenz von {labels[0]} zu {labels[1]}"
        case Operation.DECREASE_PERCENT | Operation.INCREASE_PERCENT:
            return f"Veränderung in % von {labels[0]} zu {labels[1]}"


def result_unit(reference: Reference, index: dict[str, Figure]) -> Unit | None:
    """The unit of the referenced value; None if the figures are missing or mixed."""
    if reference.op in (Operation.DECREASE_PERCENT, Operation.INCREASE_PERCENT):
        return Unit.PERCENT
    units = {index[name].unit for name in reference.figures if name in index}
    return units.pop() if len(units) == 1 else None
