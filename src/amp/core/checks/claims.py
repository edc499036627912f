"""Checks of the figures the prose states, against the figures the tables yield."""

from __future__ import annotations

from collections.abc import Iterator

from amp.core.checks.base import Table
from amp.core.claims import QUALIFIER_LABELS, holds
from amp.core.figures import Figure, describe, evaluate, result_unit
from amp.core.findings import Finding, Location, Severity
from amp.core.money import presentable
from amp.core.plan import Plan
from amp.core.units import Unit


def check_claims(plan: Plan, index: dict[str, Figure]) -> Iterator[Finding]:
    for i, claim in enumerate(plan.claims):
        computed = evaluate(claim.refers_to, index)
        if computed is None:
            continue  # a percentage of nothing: nothing to compare
        if holds(claim.qualifier, claim.stated, claim.places, computed):
            continue
        unit = result_unit(claim.refers_to, index) or Unit.EUR
        qualifier = QUALIFIER_LABELS[claim.qualifier]
        stated = f"mit „{qualifier}“ angegebene Zahl" if qualifier else "Zahl"
        yield Finding(
            "claim",
            Severity.WARNING,
            Location(Table.CLAIMS, claim.section, claim.id, ("claims", i, "value")),
            f"Die im Text {stated} passt nicht zu den Daten "
            f"({describe(claim.refers_to, index)}): „{claim.quote}“",
            claim.stated,
            presentable(computed, unit, claim.places),
            unit,
        )
