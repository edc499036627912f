"""Checks of the measure tables: printed place totals, and budget lines whose planned
places are the places of the measures they fund."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from amp.core.budget import Column
from amp.core.checks.base import CheckInput, Table, mismatch, rule
from amp.core.claims import Qualifier, holds
from amp.core.findings import Finding, Location, Severity
from amp.core.units import Unit


@rule(
    "sum.measures",
    Severity.ERROR,
    "Die gedruckte Platzsumme jeder Maßnahmentabelle ist die Summe der Plätze ihrer Maßnahmen "
    "(ohne die ausdrücklich ausgenommenen).",
)
def measure_places(given: CheckInput) -> Iterator[Finding]:
    for t, table in enumerate(given.plan.measure_tables):
        computed = sum(m.places.value or 0 for m in table.counted())
        yield from mismatch(
            Decimal(table.printed_total_places) if table.printed_total_places is not None else None,
            Decimal(computed),
            places=0,
            rule=measure_places,
            location=Location(
                table.title,
                table.total_label or "Gesamtsumme",
                "Plätze",
                ("measure_tables", t, "printed_total_places"),
            ),
            message="Die gedruckte Gesamtzahl der Plätze ist nicht die Summe der Maßnahmen.",
            unit=Unit.COUNT,
        )


@rule(
    "measures.line_places",
    Severity.ERROR,
    "Die geplante Menge einer Zeile der Finanzplanung ist die Zahl der Plätze der mit ihr "
    "verknüpften Maßnahmen (bei „~“ mit der Toleranz von „ca.“).",
)
def line_places(given: CheckInput) -> Iterator[Finding]:
    plan = given.plan
    measures = plan.measures()
    for g, group in enumerate(plan.budget.groups):
        for i, line in enumerate(group.lines):
            quantity = line.quantity
            if not line.measures or quantity is None or quantity.value is None:
                continue
            places = sum(measures[m].places.value or 0 for m in line.measures)
            qualifier = Qualifier.CA if quantity.approximate else Qualifier.EXAKT
            if holds(qualifier, Decimal(quantity.value), 0, Decimal(places)):
                continue
            names = ", ".join(measures[m].name for m in line.measures)
            yield line_places.finding(
                Location(
                    Table.BUDGET,
                    line.name,
                    "Menge",
                    ("budget", "groups", g, "lines", i, "quantity", "value"),
                ),
                f"Die geplante Menge ({plan.budget.column_label(Column.PLAN)}) passt nicht zu "
                f"den Plätzen der zugehörigen Maßnahmen ({names}).",
                Decimal(quantity.value),
                Decimal(places),
                Unit.COUNT,
            )
