"""The Eingliederungsplanung: groups of budget lines with four money columns and a quantity.

Lines are the data. Group totals, subtotal rows and the balance as a document printed them
are kept beside the data as *printed* values, which the checks recompute and compare.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from amp.core.money import Money, NonNegativeMoney, total


class Column(StrEnum):
    """The money columns of a budget plan for plan year Y."""

    PLAN_PREV = "plan_prev"  # Eingliederungsplanung Y-1
    FORECAST_PREV = "forecast_prev"  # Hochrechnung Y-1 zum Jahresende
    COMMITMENTS = "commitments"  # Verpflichtungen für Y aus laufenden Maßnahmen
    PLAN = "plan"  # Eingliederungsplanung Y


COLUMN_LABELS: dict[Column, str] = {
    Column.PLAN_PREV: "Planung Vorjahr",
    Column.FORECAST_PREV: "Hochrechnung Vorjahr",
    Column.COMMITMENTS: "Verpflichtungen",
    Column.PLAN: "Planung",
}


class QuantityUnit(StrEnum):
    PLACES = "P"  # Plätze pro Monat
    CASES = "F"  # Förderfälle im Jahr
    ENTRIES = "E"  # Eintritte im Jahr


QUANTITY_UNIT_LABELS: dict[QuantityUnit, str] = {
    QuantityUnit.PLACES: "Plätze",
    QuantityUnit.CASES: "Förderfälle",
    QuantityUnit.ENTRIES: "Eintritte",
}


@dataclass(frozen=True, slots=True)
class Amounts:
    """One row's money columns; None is an empty cell, which sums as nothing."""

    plan_prev: NonNegativeMoney | None = None
    forecast_prev: NonNegativeMoney | None = None
    commitments: NonNegativeMoney | None = None
    plan: NonNegativeMoney | None = None

    def get(self, column: Column) -> Money | None:
        value: Money | None = getattr(self, column.value)
        return value

    @classmethod
    def summed(cls, rows: list[Amounts]) -> Amounts:
        return cls(**{c.value: total(r.get(c) for r in rows) for c in Column})


@dataclass(frozen=True, slots=True)
class Quantity:
    """Planned places, cases or entries; `open` is the document's "offen"."""

    value: int | None = None
    unit: QuantityUnit | None = None
    approximate: bool = False
    open: bool = False

    def __post_init__(self) -> None:
        if self.open and self.value is not None:
            raise ValueError("eine offene Menge ('offen') hat keinen Wert")
        if self.value is not None and self.value < 0:
            raise ValueError("die Menge darf nicht negativ sein")


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    column: Column
    label: str
    as_of: date | None = None


@dataclass(frozen=True, slots=True)
class RelatedFigures:
    """Figures whose sum counts nearly what a line's quantity counts: entries against places,
    Förderfälle against Bildungsgutscheine. A cross-check, not an identity."""

    figures: tuple[str, ...]
    note: str  # how the two counts differ, in German


@dataclass(frozen=True, slots=True)
class BudgetLine:
    id: str
    name: str
    instrument: str
    amounts: Amounts
    target_group: str | None = None
    quantity: Quantity | None = None
    # measures whose places together make up this line's planned quantity
    measures: tuple[str, ...] = ()
    reading: str | None = None
    # figures that count something close to the planned quantity (not the same thing)
    related: RelatedFigures | None = None


@dataclass(frozen=True, slots=True)
class BudgetGroup:
    id: str
    name: str
    lines: tuple[BudgetLine, ...]
    printed_total: Amounts | None = None

    def computed_total(self) -> Amounts:
        return Amounts.summed([line.amounts for line in self.lines])


@dataclass(frozen=True, slots=True)
class BudgetTotal:
    """A printed subtotal or grand-total row over a set of groups."""

    id: str
    label: str
    groups: tuple[str, ...]
    printed: Amounts


@dataclass(frozen=True, slots=True)
class BalanceItem:
    """One row of the sources/uses balance, pointing at the figure it restates."""

    id: str
    label: str
    printed: Money
    refers_to: str


@dataclass(frozen=True, slots=True)
class Balance:
    sources: tuple[BalanceItem, ...]
    uses: tuple[BalanceItem, ...]
    printed_sources_total: Money | None = None
    printed_uses_total: Money | None = None


@dataclass(frozen=True, slots=True)
class BudgetPlan:
    title: str
    groups: tuple[BudgetGroup, ...]
    columns: tuple[ColumnInfo, ...] = ()
    totals: tuple[BudgetTotal, ...] = ()
    balance: Balance | None = None
    as_of: date | None = None

    def lines(self) -> Iterator[BudgetLine]:
        for group in self.groups:
            yield from group.lines

    def group(self, group_id: str) -> BudgetGroup:
        return next(g for g in self.groups if g.id == group_id)

    def computed_total(self, group_ids: tuple[str, ...] | None = None) -> Amounts:
        """The sum over the given groups, or over all groups."""
        chosen = [g for g in self.groups if group_ids is None or g.id in group_ids]
        return Amounts.summed([line.amounts for g in chosen for line in g.lines])

    def column_label(self, column: Column) -> str:
        info = next((c for c in self.columns if c.column is column), None)
        return info.label if info else COLUMN_LABELS[column]


@dataclass(frozen=True, slots=True)
class Instrument:
    """A legal instrument (Maßnahmeart) as this Jobcenter's plan names it."""

    id: str
    name: str
    legal_basis: str
    mandatory: bool = False  # Pflichtleistung: cannot be cut by planning
    note: str | None = None
    # the legal parameter that decides when the instrument is in force, e.g.
    # "sgb2_16j_buergergeldbonus.betrag" (see docs/recht.md)
    rule: str | None = None
    # the subsidy rate in percent the plan assumes, checked against the legal maximum
    planned_rate: Decimal | None = None


__all__ = [
    "COLUMN_LABELS",
    "QUANTITY_UNIT_LABELS",
    "Amounts",
    "Balance",
    "BalanceItem",
    "BudgetGroup",
    "BudgetLine",
    "BudgetPlan",
    "BudgetTotal",
    "Column",
    "ColumnInfo",
    "Instrument",
    "Quantity",
    "QuantityUnit",
]
