"""Checks of the voucher plans: Bildungsgutscheine per goal and quarter, and the AVGS plan."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from amp.core.checks.base import Table, mismatch
from amp.core.findings import Finding, Location
from amp.core.plan import Plan
from amp.core.units import Unit
from amp.core.vouchers import TRAINING_KIND_LABELS


def _count(value: int | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def check_vouchers(plan: Plan) -> Iterator[Finding]:
    yield from _training_vouchers(plan)
    yield from _avgs(plan)


def _training_vouchers(plan: Plan) -> Iterator[Finding]:
    vouchers = plan.training_vouchers
    if vouchers is None:
        return
    for i, goal in enumerate(vouchers.goals):
        finding = mismatch(
            _count(goal.printed_total),
            Decimal(goal.total),
            places=0,
            rule="sum.vouchers.goal",
            location=Location(
                Table.VOUCHERS,
                goal.name,
                "Gesamt",
                ("training_vouchers", "goals", i, "printed_total"),
            ),
            message="Die Zeilensumme ist nicht die Summe der Quartale.",
            unit=Unit.COUNT,
        )
        if finding:
            yield finding
    for t, totals in enumerate(vouchers.printed_totals):
        goals = vouchers.goals_of(totals.kind)
        kind = TRAINING_KIND_LABELS[totals.kind]
        path = ("training_vouchers", "printed_totals", t)
        for q, printed in enumerate(totals.quarters):
            computed = sum(goal.quarters[q] or 0 for goal in goals)
            finding = mismatch(
                _count(printed),
                Decimal(computed),
                places=0,
                rule="sum.vouchers.quarter",
                location=Location(
                    Table.VOUCHERS, f"Summe {kind}", f"{q + 1}. Quartal", (*path, "quarters", q)
                ),
                message=f"Die Quartalssumme ({kind}) ist nicht die Summe der Bildungsziele.",
                unit=Unit.COUNT,
            )
            if finding:
                yield finding
        finding = mismatch(
            _count(totals.total),
            Decimal(sum(goal.total for goal in goals)),
            places=0,
            rule="sum.vouchers.total",
            location=Location(Table.VOUCHERS, f"Summe {kind}", "Gesamt", (*path, "total")),
            message=f"Die Gesamtzahl ({kind}) ist nicht die Summe der Bildungsziele.",
            unit=Unit.COUNT,
        )
        if finding:
            yield finding


def _avgs(plan: Plan) -> Iterator[Finding]:
    avgs = plan.avgs
    if avgs is None:
        return
    for c, category in enumerate(avgs.categories):
        if not category.items:
            continue
        finding = mismatch(
            _count(category.printed_count),
            Decimal(category.count),
            places=0,
            rule="sum.avgs.category",
            location=Location(
                Table.AVGS, category.name, "Anzahl", ("avgs", "categories", c, "printed_count")
            ),
            message="Die Anzahl der Kategorie ist nicht die Summe ihrer Maßnahmen.",
            unit=Unit.COUNT,
        )
        if finding:
            yield finding
    finding = mismatch(
        _count(avgs.printed_total),
        Decimal(sum(c.count for c in avgs.categories)),
        places=0,
        rule="sum.avgs.total",
        location=Location(Table.AVGS, "Gesamtsumme AVGS", "Anzahl", ("avgs", "printed_total")),
        message="Die Gesamtsumme der AVGS ist nicht die Summe der Kategorien.",
        unit=Unit.COUNT,
    )
    if finding:
        yield finding
