"""Checks of the distribution by target group: every line in one group, amounts, shares."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from amp.core.checks.base import CheckInput, Table, mismatch, rule
from amp.core.figures import target_group_amounts
from amp.core.findings import Finding, Location, Severity
from amp.core.money import HUNDRED, ZERO, decimal_places, percent, total
from amp.core.plan import Plan
from amp.core.target_groups import TargetGroupTable
from amp.core.units import Unit


@rule(
    "target_group.missing",
    Severity.ERROR,
    "Jede Zeile der Finanzplanung gehört zu genau einer Zielgruppe.",
)
def line_without_target_group(given: CheckInput) -> Iterator[Finding]:
    if given.plan.target_groups is None:
        return
    for g, group in enumerate(given.plan.budget.groups):
        for i, line in enumerate(group.lines):
            if line.target_group is None:
                yield line_without_target_group.finding(
                    Location(
                        Table.BUDGET,
                        line.name,
                        "Zielgruppe",
                        ("budget", "groups", g, "lines", i, "target_group"),
                    ),
                    "Die Zeile ist keiner Zielgruppe zugeordnet; jede Zeile gehört zu genau einer.",
                )


def _table(plan: Plan) -> tuple[TargetGroupTable, dict[str, Decimal], Decimal] | None:
    """The table, each target group's amount and the whole budget in the table's column."""
    table = plan.target_groups
    if table is None:
        return None
    whole = total(line.amounts.get(table.column) for line in plan.budget.lines())
    return table, target_group_amounts(plan, table), whole


@rule(
    "target_group.amount",
    Severity.ERROR,
    "Der Betrag jeder Zielgruppe ist die Summe ihrer Zeilen der Finanzplanung.",
)
def target_group_amount(given: CheckInput) -> Iterator[Finding]:
    found = _table(given.plan)
    if found is None:
        return
    table, amounts, _whole = found
    for k, target_group in enumerate(table.groups):
        yield from mismatch(
            target_group.printed_amount,
            amounts[target_group.id],
            rule=target_group_amount,
            location=Location(
                Table.TARGET_GROUPS,
                target_group.name,
                "Betrag",
                ("target_groups", "groups", k, "printed_amount"),
            ),
            message="Der Betrag der Zielgruppe ist nicht die Summe ihrer Zeilen der Finanzplanung.",
        )


@rule(
    "target_group.share",
    Severity.ERROR,
    "Der Anteil jeder Zielgruppe ist ihr Betrag geteilt durch den Gesamtbetrag der "
    "Finanzplanung, gerundet wie gedruckt.",
)
def target_group_share(given: CheckInput) -> Iterator[Finding]:
    found = _table(given.plan)
    if found is None:
        return
    table, amounts, whole = found
    for k, target_group in enumerate(table.groups):
        share = percent(amounts[target_group.id], whole)
        if share is None or target_group.printed_share is None:
            continue
        yield from mismatch(
            target_group.printed_share,
            share,
            places=max(decimal_places(target_group.printed_share), 0),
            rule=target_group_share,
            location=Location(
                Table.TARGET_GROUPS,
                target_group.name,
                "Anteil",
                ("target_groups", "groups", k, "printed_share"),
            ),
            message="Der Anteil der Zielgruppe am Gesamtbetrag stimmt nicht.",
            unit=Unit.PERCENT,
        )


@rule(
    "target_group.total",
    Severity.ERROR,
    "Die Gesamtsumme der Zielgruppentabelle ist der Gesamtbetrag der Finanzplanung.",
)
def target_group_total(given: CheckInput) -> Iterator[Finding]:
    found = _table(given.plan)
    if found is None:
        return
    table, _amounts, whole = found
    yield from mismatch(
        table.printed_total_amount,
        whole,
        rule=target_group_total,
        location=Location(
            Table.TARGET_GROUPS, "Gesamtsumme", "Betrag", ("target_groups", "printed_total_amount")
        ),
        message="Die Gesamtsumme der Zielgruppen ist nicht der Gesamtbetrag der Finanzplanung.",
    )


@rule(
    "target_group.total_share",
    Severity.ERROR,
    "Die Anteile der Zielgruppen ergeben zusammen den gedruckten Gesamtanteil (100 %).",
)
def target_group_total_share(given: CheckInput) -> Iterator[Finding]:
    found = _table(given.plan)
    if found is None:
        return
    table, amounts, whole = found
    if table.printed_total_share is None or whole == ZERO:
        return
    yield from mismatch(
        table.printed_total_share,
        HUNDRED * total(amounts.values()) / whole,
        places=max(decimal_places(table.printed_total_share), 0),
        rule=target_group_total_share,
        location=Location(
            Table.TARGET_GROUPS,
            "Gesamtsumme",
            "Anteil",
            ("target_groups", "printed_total_share"),
        ),
        message="Die Anteile der Zielgruppen ergeben nicht den Gesamtanteil.",
        unit=Unit.PERCENT,
    )
