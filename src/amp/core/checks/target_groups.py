"""Checks of the distribution by target group: every line in one group, amounts, shares."""

from __future__ import annotations

from collections.abc import Iterator

from amp.core.checks.base import Table, mismatch
from amp.core.figures import target_group_amounts
from amp.core.findings import Finding, Location, Severity
from amp.core.money import HUNDRED, ZERO, decimal_places, percent, total
from amp.core.plan import Plan
from amp.core.units import Unit


def check_target_groups(plan: Plan) -> Iterator[Finding]:
    table = plan.target_groups
    if table is None:
        return
    budget = plan.budget
    for g, group in enumerate(budget.groups):
        for i, line in enumerate(group.lines):
            if line.target_group is None:
                yield Finding(
                    "target_group.missing",
                    Severity.ERROR,
                    Location(
                        Table.BUDGET,
                        line.name,
                        "Zielgruppe",
                        ("budget", "groups", g, "lines", i, "target_group"),
                    ),
                    "Die Zeile ist keiner Zielgruppe zugeordnet; jede Zeile gehört zu genau einer.",
                )

    amounts = target_group_amounts(plan, table)
    whole = total(line.amounts.get(table.column) for line in budget.lines())
    for k, target_group in enumerate(table.groups):
        path = ("target_groups", "groups", k)
        amount = amounts[target_group.id]
        finding = mismatch(
            target_group.printed_amount,
            amount,
            rule="target_group.amount",
            location=Location(
                Table.TARGET_GROUPS, target_group.name, "Betrag", (*path, "printed_amount")
            ),
            message="Der Betrag der Zielgruppe ist nicht die Summe ihrer Zeilen der Finanzplanung.",
        )
        if finding:
            yield finding
        share = percent(amount, whole)
        if share is not None and target_group.printed_share is not None:
            finding = mismatch(
                target_group.printed_share,
                share,
                places=max(decimal_places(target_group.printed_share), 0),
                rule="target_group.share",
                location=Location(
                    Table.TARGET_GROUPS, target_group.name, "Anteil", (*path, "printed_share")
                ),
                message="Der Anteil der Zielgruppe am Gesamtbetrag stimmt nicht.",
                unit=Unit.PERCENT,
            )
            if finding:
                yield finding

    finding = mismatch(
        table.printed_total_amount,
        whole,
        rule="target_group.total",
        location=Location(
            Table.TARGET_GROUPS, "Gesamtsumme", "Betrag", ("target_groups", "printed_total_amount")
        ),
        message="Die Gesamtsumme der Zielgruppen ist nicht der Gesamtbetrag der Finanzplanung.",
    )
    if finding:
        yield finding
    if table.printed_total_share is not None and whole != ZERO:
        finding = mismatch(
            table.printed_total_share,
            HUNDRED * total(amounts.values()) / whole,
            places=max(decimal_places(table.printed_total_share), 0),
            rule="target_group.total_share",
            location=Location(
                Table.TARGET_GROUPS,
                "Gesamtsumme",
                "Anteil",
                ("target_groups", "printed_total_share"),
            ),
            message="Die Anteile der Zielgruppen ergeben nicht den Gesamtanteil.",
            unit=Unit.PERCENT,
        )
        if finding:
            yield finding
