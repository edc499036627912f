"""Checks of the voucher plans: Bildungsgutscheine per goal and quarter, and the AVGS plan."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from amp.core.checks.base import CheckInput, Table, mismatch, rule
from amp.core.findings import Finding, Location, ModelPath, Severity
from amp.core.units import Unit
from amp.core.vouchers import TRAINING_KIND_LABELS, TrainingGoal, TrainingKindTotals


def _count(value: int | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


@rule(
    "sum.vouchers.goal",
    Severity.ERROR,
    "Die Gesamtzahl jedes Bildungsziels der Bildungszielplanung ist die Summe seiner Quartale.",
)
def voucher_goals(given: CheckInput) -> Iterator[Finding]:
    vouchers = given.plan.training_vouchers
    if vouchers is None:
        return
    for i, goal in enumerate(vouchers.goals):
        yield from mismatch(
            _count(goal.printed_total),
            Decimal(goal.total),
            places=0,
            rule=voucher_goals,
            location=Location(
                Table.VOUCHERS,
                goal.name,
                "Gesamt",
                ("training_vouchers", "goals", i, "printed_total"),
            ),
            message="Die Zeilensumme ist nicht die Summe der Quartale.",
            unit=Unit.COUNT,
        )


def _kind_totals(
    given: CheckInput,
) -> Iterator[tuple[TrainingKindTotals, tuple[TrainingGoal, ...], str, ModelPath]]:
    """Each printed totals row of the Bildungszielplanung, its goals, its label and its path."""
    vouchers = given.plan.training_vouchers
    for t, totals in enumerate(vouchers.printed_totals if vouchers else ()):
        assert vouchers is not None
        goals = vouchers.goals_of(totals.kind)
        yield (
            totals,
            goals,
            TRAINING_KIND_LABELS[totals.kind],
            ("training_vouchers", "printed_totals", t),
        )


@rule(
    "sum.vouchers.quarter",
    Severity.ERROR,
    "Jede Quartalssumme der Bildungszielplanung ist die Summe der Bildungsziele ihrer Art "
    "(Fortbildung, Umschulung) im Quartal.",
)
def voucher_quarters(given: CheckInput) -> Iterator[Finding]:
    for totals, goals, kind, path in _kind_totals(given):
        for q, printed in enumerate(totals.quarters):
            computed = sum(goal.quarters[q] or 0 for goal in goals)
            yield from mismatch(
                _count(printed),
                Decimal(computed),
                places=0,
                rule=voucher_quarters,
                location=Location(
                    Table.VOUCHERS, f"Summe {kind}", f"{q + 1}. Quartal", (*path, "quarters", q)
                ),
                message=f"Die Quartalssumme ({kind}) ist nicht die Summe der Bildungsziele.",
                unit=Unit.COUNT,
            )


@rule(
    "sum.vouchers.total",
    Severity.ERROR,
    "Die Gesamtzahl jeder Art der Bildungszielplanung ist die Summe ihrer Bildungsziele.",
)
def voucher_totals(given: CheckInput) -> Iterator[Finding]:
    for totals, goals, kind, path in _kind_totals(given):
        yield from mismatch(
            _count(totals.total),
            Decimal(sum(goal.total for goal in goals)),
            places=0,
            rule=voucher_totals,
            location=Location(Table.VOUCHERS, f"Summe {kind}", "Gesamt", (*path, "total")),
            message=f"Die Gesamtzahl ({kind}) ist nicht die Summe der Bildungsziele.",
            unit=Unit.COUNT,
        )


@rule(
    "sum.avgs.category",
    Severity.ERROR,
    "Die Anzahl jeder Kategorie der AVGS-Maßnahmezielplanung ist die Summe ihrer Maßnahmen.",
)
def avgs_categories(given: CheckInput) -> Iterator[Finding]:
    avgs = given.plan.avgs
    if avgs is None:
        return
    for c, category in enumerate(avgs.categories):
        if not category.items:
            continue
        yield from mismatch(
            _count(category.printed_count),
            Decimal(category.count),
            places=0,
            rule=avgs_categories,
            location=Location(
                Table.AVGS, category.name, "Anzahl", ("avgs", "categories", c, "printed_count")
            ),
            message="Die Anzahl der Kategorie ist nicht die Summe ihrer Maßnahmen.",
            unit=Unit.COUNT,
        )


@rule(
    "sum.avgs.total",
    Severity.ERROR,
    "Die Gesamtsumme der AVGS ist die Summe der Anzahlen ihrer Kategorien.",
)
def avgs_total(given: CheckInput) -> Iterator[Finding]:
    avgs = given.plan.avgs
    if avgs is None:
        return
    yield from mismatch(
        _count(avgs.printed_total),
        Decimal(sum(c.count for c in avgs.categories)),
        places=0,
        rule=avgs_total,
        location=Location(Table.AVGS, "Gesamtsumme AVGS", "Anzahl", ("avgs", "printed_total")),
        message="Die Gesamtsumme der AVGS ist nicht die Summe der Kategorien.",
        unit=Unit.COUNT,
    )
