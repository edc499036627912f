"""Checks of the measure tables: printed place totals, and budget lines whose planned
places are the places of the measures they fund."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from amp.core.budget import Column
from amp.core.checks.base import Table, mismatch
from amp.core.claims import Qualifier, holds
from amp.core.findings import Finding, Location, Severity
from amp.core.plan import Plan
from amp.core.units import Unit


def check_measures(plan: Plan) -> Iterator[Finding]:
    for t, table in enumerate(plan.measure_tables):
        computed = sum(m.places.value or 0 for m in table.counted())
        finding = mismatch(
            Decimal(table.printed_total_places) if table.printed_total_places is not None else None,
            Decimal(computed),
            places=0,
            rule="sum.measures",
            location=Location(
                table.title,
                table.total_label or "Gesamtsumme",
                "Plätze",
                ("measure_tables", t, "printed_total_places"),
            ),
            message="Die gedruckte Gesamtzahl der Plätze ist nicht die Summe der Maßnahmen.",
            unit=Unit.COUNT,
        )
        if finding:
            yield finding
    yield from _line_places(plan)


def _line_places(plan: Plan) -> Iterator[Finding]:
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
            yield Finding(
                "measures.line_places",
                Severity.ERROR,
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
