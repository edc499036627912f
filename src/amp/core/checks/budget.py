"""Checks of the Finanzplanung: group totals, subtotal rows, commitments, the balance."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from amp.core.budget import Amounts, BudgetPlan, BudgetTotal, Column
from amp.core.checks.base import Table, mismatch
from amp.core.figures import Figure
from amp.core.findings import Finding, Location, ModelPath, Severity
from amp.core.money import ZERO, total
from amp.core.plan import Plan


def check_budget(plan: Plan, index: dict[str, Figure]) -> Iterator[Finding]:
    budget = plan.budget
    yield from _group_totals(budget)
    yield from _total_rows(budget)
    yield from _commitments_covered(budget)
    yield from _balance(plan, index)


def _group_totals(budget: BudgetPlan) -> Iterator[Finding]:
    for g, group in enumerate(budget.groups):
        if group.printed_total is None:
            continue
        mismatches = _column_mismatches(
            budget,
            group.printed_total,
            group.computed_total(),
            rule="sum.group",
            row=group.name,
            path=("budget", "groups", g, "printed_total"),
            message=f"Die Gruppensumme „{group.name}“ ist nicht die Summe ihrer Zeilen.",
        )
        yield from (finding for _, finding in mismatches)


def _total_rows(budget: BudgetPlan) -> Iterator[Finding]:
    for t, row in enumerate(budget.totals):
        mismatches = _column_mismatches(
            budget,
            row.printed,
            budget.computed_total(row.groups),
            rule="sum.total",
            row=row.label,
            path=("budget", "totals", t, "printed"),
            message=f"Die Summenzeile „{row.label}“ ist nicht die Summe ihrer Gruppen.",
        )
        for column, finding in mismatches:
            cause = _cause(budget, row, column)
            yield dataclasses.replace(finding, message=f"{finding.message} {cause}")


def _column_mismatches(
    budget: BudgetPlan,
    printed: Amounts,
    computed: Amounts,
    *,
    rule: str,
    row: str,
    path: ModelPath,
    message: str,
) -> Iterator[tuple[Column, Finding]]:
    """Each money column whose printed value is not the computed one, with its finding."""
    for column in Column:
        finding = mismatch(
            printed.get(column),
            computed.get(column) or ZERO,
            rule=rule,
            location=Location(
                Table.BUDGET, row, budget.column_label(column), (*path, column.value)
            ),
            message=message,
        )
        if finding:
            yield column, finding


def _cause(budget: BudgetPlan, row: BudgetTotal, column: Column) -> str:
    """Explain whether a wrong total row only repeats a deviation of the rows it builds on.

    A printed total is usually computed from the printed totals above it. If it adds those
    correctly, its deviation is inherited, and the reader wants to know from where.
    """
    blocks = _building_blocks(budget, row)
    printed_blocks: list[tuple[str, Amounts, Amounts]] = []  # label, printed, computed
    for block in blocks:
        if isinstance(block, BudgetTotal):
            printed_blocks.append(
                (f"„{block.label}“", block.printed, budget.computed_total(block.groups))
            )
        else:
            group = budget.group(block)
            computed = group.computed_total()
            printed_blocks.append((f"„{group.name}“", group.printed_total or computed, computed))
    rebuilt = total(printed.get(column) for _, printed, _ in printed_blocks)
    if rebuilt != row.printed.get(column):
        return "Sie stimmt auch nicht mit den gedruckten Teilsummen überein."
    sources = [
        label
        for label, printed, computed in printed_blocks
        if (printed.get(column) or ZERO) != (computed.get(column) or ZERO)
    ]
    return (
        "Sie addiert die gedruckten Teilsummen richtig; die Abweichung stammt aus "
        + ", ".join(sources)
        + "."
    )


def _building_blocks(budget: BudgetPlan, row: BudgetTotal) -> list[BudgetTotal | str]:
    """The largest printed total row inside `row`, plus the groups it does not cover."""
    inner = [
        other for other in budget.totals if other is not row and set(other.groups) < set(row.groups)
    ]
    largest = max(inner, key=lambda other: len(other.groups), default=None)
    covered = set(largest.groups) if largest else set()
    rest: list[BudgetTotal | str] = [g for g in row.groups if g not in covered]
    return ([largest] if largest else []) + rest


def _commitments_covered(budget: BudgetPlan) -> Iterator[Finding]:
    """Money already bound by running measures must be planned (plan ≥ commitments)."""
    for g, group in enumerate(budget.groups):
        for i, line in enumerate(group.lines):
            commitments, planned = line.amounts.commitments, line.amounts.plan or ZERO
            if commitments is not None and planned < commitments:
                yield Finding(
                    "budget.commitments",
                    Severity.ERROR,
                    Location(
                        Table.BUDGET,
                        line.name,
                        budget.column_label(Column.PLAN),
                        ("budget", "groups", g, "lines", i, "amounts", "plan"),
                    ),
                    "Die Planung liegt unter den bestehenden Verpflichtungen aus laufenden "
                    f"Maßnahmen ({budget.column_label(Column.COMMITMENTS)}).",
                    planned,
                    commitments,
                )


def _balance(plan: Plan, index: dict[str, Figure]) -> Iterator[Finding]:
    balance = plan.budget.balance
    if balance is None:
        return
    sides = (
        ("sources", "Einnahmen", balance.sources, balance.printed_sources_total),
        ("uses", "Ausgaben", balance.uses, balance.printed_uses_total),
    )
    sums = {}
    for side, label, items, printed_sum in sides:
        for i, item in enumerate(items):
            figure = index[item.refers_to]
            finding = mismatch(
                item.printed,
                figure.value,
                rule="balance.item",
                location=Location(
                    Table.BUDGET, item.label, label, ("budget", "balance", side, i, "printed")
                ),
                message=f"Die Zeile „{item.label}“ wiederholt „{figure.label}“ nicht richtig.",
            )
            if finding:
                yield finding
        sums[side] = total(index[item.refers_to].value for item in items)
        finding = mismatch(
            printed_sum,
            sums[side],
            rule="balance.sum",
            location=Location(
                Table.BUDGET,
                f"Summe {label}",
                label,
                ("budget", "balance", f"printed_{side}_total"),
            ),
            message=f"Die Summe der {label} ist nicht die Summe ihrer Zeilen.",
        )
        if finding:
            yield finding
    if sums["sources"] != sums["uses"]:
        yield Finding(
            "balance.sources_uses",
            Severity.ERROR,
            Location(Table.BUDGET, "Summe Ausgaben", "Ausgaben", ("budget", "balance", "uses")),
            "Einnahmen und Ausgaben der Eingliederungsmittel sind nicht ausgeglichen "
            "(gedruckt: Einnahmen, berechnet: Ausgaben).",
            sums["sources"],
            sums["uses"],
        )
