"""Checks of the Finanzplanung: group totals, subtotal rows, commitments, the balance.

A wrong total row is told apart from one that only repeats a wrong block above it: the
printed group sums and the printed total rows inside it are tried as building blocks. If
the row adds printed blocks correctly, its deviation is a consequence of theirs and it names
their findings as causes (`Finding.consequence_of`); if no set of printed blocks gives the
printed value, the row is a root cause of its own, compared with its printed group sums.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from amp.core.budget import Amounts, BalanceItem, BudgetPlan, BudgetTotal, Column
from amp.core.checks.base import CheckInput, Table, mismatch, rule
from amp.core.findings import Cause, Finding, Location, Severity
from amp.core.money import ZERO, total


@rule(
    "sum.group",
    Severity.ERROR,
    "Jede gedruckte Gruppensumme der Finanzplanung ist in jeder Geldspalte die Summe ihrer Zeilen.",
)
def group_totals(given: CheckInput) -> Iterator[Finding]:
    budget = given.plan.budget
    for g, group in enumerate(budget.groups):
        if group.printed_total is None:
            continue
        computed = group.computed_total()
        for column in Column:
            printed = group.printed_total.get(column)
            missing = (computed.get(column) or ZERO) - (printed or ZERO)
            lines = [
                line.name for line in group.lines if missing and line.amounts.get(column) == missing
            ]
            explained = (
                f" Die Abweichung ist genau der Betrag der Zeile „{lines[0]}“: er fehlt in der "
                "Gruppensumme."
                if lines
                else ""
            )
            yield from mismatch(
                printed,
                computed.get(column) or ZERO,
                rule=group_totals,
                location=_group_location(budget, g, column),
                message=f"Die Gruppensumme „{group.name}“ ist nicht die Summe ihrer Zeilen."
                + explained,
            )


def _group_location(budget: BudgetPlan, g: int, column: Column) -> Location:
    return Location(
        Table.BUDGET,
        budget.groups[g].name,
        budget.column_label(column),
        ("budget", "groups", g, "printed_total", column.value),
    )


def _total_location(budget: BudgetPlan, t: int, column: Column) -> Location:
    return Location(
        Table.BUDGET,
        budget.totals[t].label,
        budget.column_label(column),
        ("budget", "totals", t, "printed", column.value),
    )


@dataclass(frozen=True, slots=True)
class _Block:
    """A printed building block of a total row: a group (kind "group") or a total row."""

    kind: str
    index: int


class _Blocks:
    """Printed and computed values of the groups and total rows of one budget column."""

    def __init__(self, budget: BudgetPlan, column: Column) -> None:
        self.budget = budget
        self.column = column

    def computed(self, block: _Block) -> Decimal:
        if block.kind == "group":
            amounts: Amounts = self.budget.groups[block.index].computed_total()
        else:
            amounts = self.budget.computed_total(self.budget.totals[block.index].groups)
        return amounts.get(self.column) or ZERO

    def printed(self, block: _Block) -> Decimal:
        if block.kind == "group":
            printed = self.budget.groups[block.index].printed_total
            value = printed.get(self.column) if printed is not None else None
        else:
            value = self.budget.totals[block.index].printed.get(self.column)
        return self.computed(block) if value is None else value

    def deviates(self, block: _Block) -> bool:
        return self.printed(block) != self.computed(block)

    def label(self, block: _Block) -> str:
        if block.kind == "group":
            return f"„{self.budget.groups[block.index].name}“"
        return f"„{self.budget.totals[block.index].label}“"

    def cause(self, block: _Block) -> Cause:
        if block.kind == "group":
            return group_totals.cause(_group_location(self.budget, block.index, self.column))
        return total_rows.cause(_total_location(self.budget, block.index, self.column))

    def groups(self, row: BudgetTotal) -> list[_Block]:
        ids = [group.id for group in self.budget.groups]
        return [_Block("group", ids.index(g)) for g in row.groups]

    def decompositions(self, row: BudgetTotal) -> list[list[_Block]]:
        """Ways to build `row` from printed blocks: the largest printed total row inside it
        plus the groups it leaves out, then the groups alone."""
        inner = [
            t
            for t, other in enumerate(self.budget.totals)
            if other is not row and set(other.groups) < set(row.groups)
        ]
        groups = self.groups(row)
        if not inner:
            return [groups]
        largest = max(inner, key=lambda t: len(self.budget.totals[t].groups))
        covered = set(self.budget.totals[largest].groups)
        rest = [b for b, g in zip(groups, row.groups, strict=True) if g not in covered]
        return [[_Block("total", largest), *rest], groups]

    def analyse(self, row: BudgetTotal) -> tuple[list[_Block], bool]:
        """The blocks the printed row adds up, and whether it is a root cause of its own
        (no set of printed blocks gives its printed value; then the groups are returned)."""
        printed = row.printed.get(self.column)
        options = self.decompositions(row)
        for blocks in options:
            if total(self.printed(b) for b in blocks) == printed:
                return blocks, False
        return options[-1], True

    def roots(self, block: _Block) -> list[Cause]:
        """The root causes of a deviating block, in order, without repetition."""
        if block.kind == "group":
            return [self.cause(block)]
        blocks, own = self.analyse(self.budget.totals[block.index])
        found = [self.cause(block)] if own else []
        for inner in blocks:
            if self.deviates(inner):
                found += [c for c in self.roots(inner) if c not in found]
        return found


@rule(
    "sum.total",
    Severity.ERROR,
    "Jede Zwischen- und Gesamtsumme der Finanzplanung ist in jeder Geldspalte die Summe ihrer "
    "Gruppen; addiert sie die gedruckten Teilsummen richtig, ist sie als Folgefehler der "
    "abweichenden Teilsumme markiert, sonst ist sie eine eigene Ursache und wird mit der Summe "
    "der gedruckten Gruppensummen verglichen.",
)
def total_rows(given: CheckInput) -> Iterator[Finding]:
    budget = given.plan.budget
    for t, row in enumerate(budget.totals):
        for column in Column:
            printed = row.printed.get(column)
            computed = budget.computed_total(row.groups).get(column) or ZERO
            if printed is None or printed == computed:
                continue
            blocks = _Blocks(budget, column)
            used, own = blocks.analyse(row)
            deviating = [b for b in used if blocks.deviates(b)]
            names = ", ".join(blocks.label(b) for b in deviating)
            location = _total_location(budget, t, column)
            message = f"Die Summenzeile „{row.label}“ ist nicht die Summe ihrer Gruppen."
            if own:
                extra = (
                    f" Dazu kommt die Abweichung von {names} (eigener Befund)." if deviating else ""
                )
                yield total_rows.finding(
                    location,
                    f"Die Summenzeile „{row.label}“ ist nicht die Summe ihrer gedruckten "
                    "Gruppensummen: ein eigener Fehler dieser Zeile." + extra,
                    printed,
                    total(blocks.printed(b) for b in used),
                )
                continue
            causes: list[Cause] = []
            for block in deviating:
                causes += [c for c in blocks.roots(block) if c not in causes]
            yield total_rows.finding(
                location,
                f"{message} Sie addiert die gedruckten Teilsummen richtig; die Abweichung "
                f"stammt aus {names}.",
                printed,
                computed,
                consequence_of=tuple(causes),
            )


@rule(
    "budget.commitments",
    Severity.ERROR,
    "In jeder Zeile der Finanzplanung deckt die Planung die Verpflichtungen aus laufenden "
    "Maßnahmen.",
)
def commitments_covered(given: CheckInput) -> Iterator[Finding]:
    """Money already bound by running measures must be planned (plan ≥ commitments)."""
    budget = given.plan.budget
    for g, group in enumerate(budget.groups):
        for i, line in enumerate(group.lines):
            commitments, planned = line.amounts.commitments, line.amounts.plan or ZERO
            if commitments is not None and planned < commitments:
                yield commitments_covered.finding(
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


def _sides(given: CheckInput) -> Iterator[tuple[str, str, tuple[BalanceItem, ...], Decimal | None]]:
    balance = given.plan.budget.balance
    if balance is None:
        return
    yield "sources", "Einnahmen", balance.sources, balance.printed_sources_total
    yield "uses", "Ausgaben", balance.uses, balance.printed_uses_total


@rule(
    "balance.item",
    Severity.ERROR,
    "Jede Zeile der Einnahmen- und Ausgabenrechnung unter der Finanzplanung wiederholt die Zahl, "
    "auf die sie verweist.",
)
def balance_items(given: CheckInput) -> Iterator[Finding]:
    for side, label, items, _printed_sum in _sides(given):
        for i, item in enumerate(items):
            figure = given.index[item.refers_to]
            yield from mismatch(
                item.printed,
                figure.value,
                rule=balance_items,
                location=Location(
                    Table.BUDGET, item.label, label, ("budget", "balance", side, i, "printed")
                ),
                message=f"Die Zeile „{item.label}“ wiederholt „{figure.label}“ nicht richtig.",
            )


@rule(
    "balance.sum",
    Severity.ERROR,
    "Die gedruckten Summen der Einnahmen und der Ausgaben sind die Summen ihrer Zeilen.",
)
def balance_sums(given: CheckInput) -> Iterator[Finding]:
    for side, label, items, printed_sum in _sides(given):
        yield from mismatch(
            printed_sum,
            total(given.index[item.refers_to].value for item in items),
            rule=balance_sums,
            location=Location(
                Table.BUDGET,
                f"Summe {label}",
                label,
                ("budget", "balance", f"printed_{side}_total"),
            ),
            message=f"Die Summe der {label} ist nicht die Summe ihrer Zeilen.",
        )


@rule(
    "balance.sources_uses",
    Severity.ERROR,
    "Einnahmen und Ausgaben der Eingliederungsmittel sind ausgeglichen.",
)
def sources_equal_uses(given: CheckInput) -> Iterator[Finding]:
    sums = {
        side: total(given.index[item.refers_to].value for item in items)
        for side, _, items, _ in _sides(given)
    }
    if sums and sums["sources"] != sums["uses"]:
        yield sources_equal_uses.finding(
            Location(Table.BUDGET, "Summe Ausgaben", "Ausgaben", ("budget", "balance", "uses")),
            "Einnahmen und Ausgaben der Eingliederungsmittel sind nicht ausgeglichen "
            "(gedruckt: Einnahmen, berechnet: Ausgaben).",
            sums["sources"],
            sums["uses"],
        )
