"""The plan's tables as views: rows of typed cells, with computed totals.

One builder per table of the Arbeitsmarktprogramm. Every renderer (terminal, HTML, PDF,
XLSX) draws these same views, so a total is computed in exactly one place. Where a
document printed something other than the computed value, the cell carries the printed
value beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from amp.core import formatting
from amp.core.budget import Amounts, Column, Quantity
from amp.core.claims import QUALIFIER_LABELS
from amp.core.figures import figures, target_group_amounts
from amp.core.money import percent, round_half_up, total
from amp.core.plan import STATUS_LABELS, Plan
from amp.core.units import Unit
from amp.core.vouchers import TRAINING_KIND_LABELS, TrainingKind

CellValue = Decimal | int | str | date | None


@dataclass(frozen=True, slots=True)
class Cell:
    value: CellValue = None
    unit: Unit | None = None
    printed: Decimal | None = None  # what the document printed, where it differs

    @property
    def deviates(self) -> bool:
        return self.printed is not None


class RowKind(StrEnum):
    LINE = "line"
    GROUP = "group"  # a group heading with its total
    TOTAL = "total"


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.LINE


@dataclass(frozen=True, slots=True)
class TableView:
    key: str  # the name a user types: `amp show PLAN finanzplanung`
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    numeric: tuple[bool, ...] = ()  # per column: right-aligned numbers
    notes: tuple[str, ...] = field(default_factory=tuple)
    # on a narrow screen, the columns that give way first (by default from the right)
    give_way: tuple[int, ...] = ()


def _text(value: CellValue) -> Cell:
    return Cell(value)


def _money(value: Decimal | None, printed: Decimal | None = None) -> Cell:
    shown_printed = printed if printed is not None and printed != value else None
    return Cell(value, Unit.EUR, shown_printed)


def _count(value: int | Decimal | None, printed: int | Decimal | None = None) -> Cell:
    differs = printed is not None and value is not None and Decimal(printed) != Decimal(value)
    return Cell(value, Unit.COUNT, Decimal(printed) if differs and printed is not None else None)


def _quantity(quantity: Quantity | None) -> Cell:
    if quantity is None:
        return Cell()
    if quantity.open:
        return Cell("offen")
    prefix = "~ " if quantity.approximate else ""
    unit = f" {quantity.unit.value}" if quantity.unit else ""
    return Cell(f"{prefix}{quantity.value}{unit}")


def funding_table(plan: Plan) -> TableView | None:
    funding = plan.funding
    if funding is None:
        return None
    years = funding.years
    rows: list[tuple[str, Callable[..., Cell], RowKind]] = []

    def row(label: str, pick: Callable[..., Cell], kind: RowKind = RowKind.LINE) -> None:
        rows.append((label, pick, kind))

    row(
        "Verwaltungsmittel – insgesamt",
        lambda y: _money(y.admin_total, y.printed.admin_total),
        RowKind.TOTAL,
    )
    row("Verwaltungsmittel – Bund (ohne kommunalen Anteil)", lambda y: _money(y.admin_federal))
    row(
        "zzgl. Umschichtung aus den Eingliederungsmitteln Bund",
        lambda y: _money(y.transfer_to_admin),
    )
    row("Verwaltungsmittel – kommunaler Anteil", lambda y: _money(y.admin_municipal))
    row(
        "Eingliederungsmittel – Bund",
        lambda y: _money(y.integration_federal_total, y.printed.integration_federal_total),
        RowKind.TOTAL,
    )
    if any(y.jobperspektive for y in years):  # funds of the former § 16e, not every Jobcenter's
        row("Eingliederungsmittel ohne „JobPerspektive“", lambda y: _money(y.integration_federal))
        row("„JobPerspektive“ § 16e SGB II a.F.", lambda y: _money(y.jobperspektive))
    row(
        "zzgl. Einnahmen aus Rückforderungen (nur nachrichtlich)",
        lambda y: _money(y.recoveries_memo),
    )
    row(
        "abzgl. Umschichtung aus den Eingliederungsmitteln Bund",
        lambda y: _money(-y.transfer_to_admin, y.printed.transfer_deducted),
    )
    row(
        "Eingliederungsmittel – Bund insgesamt zur Verfügung",
        lambda y: _money(y.integration_available, y.printed.integration_available),
        RowKind.TOTAL,
    )
    row("zusätzliche Mittel aus dem Passiv-Aktiv-Transfer (§ 16i SGB II)", lambda y: _money(y.pat))
    row("Kommunale Eingliederungsmittel (§ 16a SGB II)", lambda y: _money(y.municipal_integration))
    special = {fund.id: fund for y in years for fund in y.special_funds}
    for fund_id, fund in special.items():
        label = f"Sondermittel: {fund.name}" + (" (rd.)" if fund.approximate else "")
        row(
            label,
            lambda y, fund_id=fund_id: _money(
                next((f.amount for f in y.special_funds if f.id == fund_id), None)
            ),
        )
    view_rows = tuple(
        Row((_text(label), *(pick(y) for y in years)), kind)
        for label, pick, kind in rows
        if label not in OPTIONAL_FUNDING_ROWS or any(_filled(pick(y)) for y in years)
    )
    if len(years) == 2:  # this year against the previous one
        view_rows = tuple(_with_change(r) for r in view_rows)
        columns = ("", *(y.label or str(y.year) for y in years), "Δ €", "Δ %")
    else:
        columns = ("", *(y.label or str(y.year) for y in years))
    return TableView(
        "mittelausstattung",
        funding.title,
        columns,
        view_rows,
        (False, *[True] * (len(columns) - 1)),
    )


# rows not every Jobcenter has: shown only where a year holds an amount other than zero
OPTIONAL_FUNDING_ROWS = frozenset(
    {
        "zzgl. Umschichtung aus den Eingliederungsmitteln Bund",
        "abzgl. Umschichtung aus den Eingliederungsmitteln Bund",
        "„JobPerspektive“ § 16e SGB II a.F.",
        "zzgl. Einnahmen aus Rückforderungen (nur nachrichtlich)",
        "zusätzliche Mittel aus dem Passiv-Aktiv-Transfer (§ 16i SGB II)",
        "Kommunale Eingliederungsmittel (§ 16a SGB II)",
    }
)


def _filled(cell: Cell) -> bool:
    return cell.printed is not None or (cell.value is not None and cell.value != 0)


def _with_change(row: Row) -> Row:
    current, previous = row.cells[1].value, row.cells[2].value
    if not isinstance(current, Decimal) or not isinstance(previous, Decimal):
        return Row((*row.cells, Cell(), Cell()), row.kind)
    change = current - previous
    rate = percent(change, previous)
    return Row((*row.cells, Cell(change, Unit.EUR), Cell(rate, Unit.PERCENT)), row.kind)


def budget_columns(plan: Plan) -> tuple[Column, ...]:
    """The money columns the plan fills: a column no line and no printed total has (a
    Vorjahr never entered) is left out; the plan column always stands."""
    budget = plan.budget
    printed = [g.printed_total for g in budget.groups if g.printed_total is not None]
    printed += [t.printed for t in budget.totals]
    return tuple(
        c
        for c in Column
        if c is Column.PLAN
        or any(line.amounts.get(c) is not None for line in budget.lines())
        or any(p.get(c) is not None for p in printed)
    )


def grand_total_row(plan: Plan) -> bool:
    """Whether the table needs its own total: none of the plan's totals covers every group."""
    every = {g.id for g in plan.budget.groups}
    return bool(every) and not any(set(t.groups) >= every for t in plan.budget.totals)


GRAND_TOTAL = "Insgesamt"


def budget_table(plan: Plan) -> TableView:
    budget = plan.budget
    shown = budget_columns(plan)
    with_quantity = any(line.quantity is not None for line in budget.lines())
    columns = (
        "Gruppe / Maßnahmeart",
        *(budget.column_label(c) for c in shown),
        *(("Menge",) if with_quantity else ()),
    )
    quantity_cells: Callable[[Quantity | None], tuple[Cell, ...]] = (
        (lambda q: (_quantity(q),)) if with_quantity else (lambda q: ())
    )

    def amounts(values: Amounts, printed: Amounts | None = None) -> tuple[Cell, ...]:
        return tuple(_money(values.get(c), printed.get(c) if printed else None) for c in shown)

    rows: list[Row] = []
    for group in budget.groups:
        rows.append(
            Row(
                (
                    _text(group.name),
                    *amounts(group.computed_total(), group.printed_total),
                    *quantity_cells(None),
                ),
                RowKind.GROUP,
            )
        )
        for line in group.lines:
            rows.append(
                Row((_text(line.name), *amounts(line.amounts), *quantity_cells(line.quantity)))
            )
    for budget_total in budget.totals:
        computed = budget.computed_total(budget_total.groups)
        rows.append(
            Row(
                (
                    _text(budget_total.label),
                    *amounts(computed, budget_total.printed),
                    *quantity_cells(None),
                ),
                RowKind.TOTAL,
            )
        )
    if grand_total_row(plan):
        rows.append(
            Row(
                (_text(GRAND_TOTAL), *amounts(budget.computed_total()), *quantity_cells(None)),
                RowKind.TOTAL,
            )
        )
    notes = (
        (
            "Mengen: P = Plätze pro Monat, F = Förderfälle im Jahr, E = Eintritte im Jahr; "
            "~ ungefähr.",
        )
        if with_quantity
        else ()
    )
    numeric = (False, *[True] * (len(columns) - 1))
    # the plan column stays longest: the other years, then the quantity give way
    give_way = (*(1 + shown.index(c) for c in shown if c is not Column.PLAN), len(columns) - 1)
    return TableView("finanzplanung", budget.title, columns, tuple(rows), numeric, notes, give_way)


def balance_table(plan: Plan) -> TableView | None:
    balance = plan.budget.balance
    if balance is None:
        return None
    index = figures(plan)
    rows: list[Row] = []
    for label, items, printed in (
        ("Einnahmen", balance.sources, balance.printed_sources_total),
        ("Ausgaben", balance.uses, balance.printed_uses_total),
    ):
        for item in items:
            rows.append(Row((_text(item.label), _money(index[item.refers_to].value, item.printed))))
        computed = total(index[item.refers_to].value for item in items)
        rows.append(Row((_text(f"Summe {label}"), _money(computed, printed)), RowKind.TOTAL))
    return TableView("bilanz", "Einnahmen und Ausgaben", ("", "Betrag"), tuple(rows), (False, True))


def target_group_table(plan: Plan) -> TableView | None:
    table = plan.target_groups
    if table is None:
        return None
    amounts = target_group_amounts(plan, table)
    whole = total(line.amounts.get(table.column) for line in plan.budget.lines())
    rows = []
    for group in table.groups:
        share = percent(amounts[group.id], whole)
        rows.append(
            Row(
                (
                    _text(group.name),
                    _money(amounts[group.id], group.printed_amount),
                    _share(share, group.printed_share),
                )
            )
        )
    total_share = percent(total(amounts.values()), whole)
    rows.append(
        Row(
            (
                _text(table.base_label or "Gesamtsumme"),
                _money(whole, table.printed_total_amount),
                _share(total_share, table.printed_total_share),
            ),
            RowKind.TOTAL,
        )
    )
    columns = ("Zielgruppe / Zielsetzung", plan.budget.column_label(table.column), "Anteil")
    return TableView("zielgruppen", table.title, columns, tuple(rows), (False, True, True))


def _share(computed: Decimal | None, printed: Decimal | None) -> Cell:
    if computed is None:
        return Cell()
    shown = round_half_up(computed, 2)
    return Cell(shown, Unit.PERCENT, printed if printed is not None and printed != shown else None)


def municipal_table(plan: Plan) -> TableView | None:
    services = plan.municipal_services
    if services is None:
        return None
    rows = [
        Row(
            (
                _text(f"{s.name} (restliche Mittel)" if s.remainder else s.name),
                _money(services.amount_of(s)),
            )
        )
        for s in services.services
    ]
    rows.append(
        Row((_text(f"Insgesamt ({services.legal_basis})"), _money(services.total)), RowKind.TOTAL)
    )
    return TableView("kommunal", services.title, ("Leistung", "Betrag"), tuple(rows), (False, True))


def measure_tables(plan: Plan) -> list[TableView]:
    views = []
    for table in plan.measure_tables:
        rows = []
        for measure in table.measures:
            places = measure.places
            mark = "~ " if places.approximate else ""
            hours = " (stundenbasiert)" if places.hour_based else ""
            inferred = " (erschlossen)" if places.inferred_from else ""
            periods = "; ".join(
                f"{p.lot + ': ' if p.lot else ''}{_day(p.start)} – "
                f"{_day(p.end) if p.end else p.open_end or 'offen'}"
                + (f" bzw. {_day(p.end_alternative)}" if p.end_alternative else "")
                for p in measure.contract_periods
            )
            rows.append(
                Row(
                    (
                        _text(measure.name),
                        _text(measure.legal_basis),
                        _text(measure.duration),
                        _text(periods),
                        _text(f"{mark}{_plain_count(places.value)}{hours}{inferred}"),
                    )
                )
            )
        counted = sum(m.places.value or 0 for m in table.counted())
        rows.append(
            Row(
                (
                    _text(table.total_label or "Gesamtsumme"),
                    Cell(),
                    Cell(),
                    Cell(),
                    _count(counted, table.printed_total_places),
                ),
                RowKind.TOTAL,
            )
        )
        columns = ("Maßnahme", "Rechtsgrundlage", "Dauer", "Laufzeit", "Plätze")
        notes = (f"Stand: {_day(table.as_of)}",) if table.as_of else ()
        views.append(
            TableView(
                f"massnahmen-{table.id}",
                table.title,
                columns,
                tuple(rows),
                (False, False, False, False, True),
                notes,
            )
        )
    return views


def _day(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def voucher_table(plan: Plan) -> TableView | None:
    vouchers = plan.training_vouchers
    if vouchers is None:
        return None
    rows: list[Row] = []
    for kind in TrainingKind:
        goals = vouchers.goals_of(kind)
        if not goals:
            continue
        rows.append(Row((_text(TRAINING_KIND_LABELS[kind]), *[Cell()] * 6), RowKind.GROUP))
        for goal in goals:
            rows.append(
                Row(
                    (
                        _text(goal.name),
                        Cell(goal.duration_months, Unit.COUNT),
                        *(_count(q) for q in goal.quarters),
                        _count(goal.total, goal.printed_total),
                    )
                )
            )
        printed = next((t for t in vouchers.printed_totals if t.kind is kind), None)
        sums = [sum(g.quarters[q] or 0 for g in goals) for q in range(4)]
        rows.append(
            Row(
                (
                    _text(f"Summe {TRAINING_KIND_LABELS[kind]}"),
                    Cell(),
                    *(
                        _count(s, printed.quarters[q] if printed else None)
                        for q, s in enumerate(sums)
                    ),
                    _count(sum(sums), printed.total if printed else None),
                ),
                RowKind.TOTAL,
            )
        )
    columns = (
        "Bildungsziel",
        "Dauer (Monate)",
        "1. Quartal",
        "2. Quartal",
        "3. Quartal",
        "4. Quartal",
        "Gesamt",
    )
    return TableView("bildungsziele", vouchers.title, columns, tuple(rows), (False, *[True] * 6))


def avgs_table(plan: Plan) -> TableView | None:
    avgs = plan.avgs
    if avgs is None:
        return None
    rows: list[Row] = []
    for category in avgs.categories:
        rows.append(
            Row(
                (
                    _text(f"{category.name} ({category.legal_reference})"),
                    Cell(),
                    _count(category.count, category.printed_count),
                ),
                RowKind.GROUP,
            )
        )
        for item in category.items:
            rows.append(Row((_text(item.name), _text(item.teaching_units), _count(item.count))))
    computed = sum(c.count for c in avgs.categories)
    rows.append(
        Row(
            (_text("Gesamtsumme AVGS"), Cell(), _count(computed, avgs.printed_total)), RowKind.TOTAL
        )
    )
    return TableView(
        "avgs", avgs.title, ("Maßnahme", "Dauer", "Anzahl"), tuple(rows), (False, False, True)
    )


def targets_table(plan: Plan) -> TableView | None:
    if not plan.targets:
        return None
    rows = []
    for target in plan.targets:
        value = (
            f"{QUALIFIER_LABELS[target.qualifier]} {_plain(target.value)}".strip()
            if target.value is not None
            else "qualitativ"
        )
        baseline = target.baseline
        before = (
            f"{baseline.year}: "
            + f"{QUALIFIER_LABELS[baseline.qualifier]} {_plain(baseline.value)}".strip()
            if baseline
            else ""
        )
        rows.append(
            Row((_text(target.label), _text(str(target.year)), _text(value), _text(before)))
        )
    return TableView("ziele", "Ziele", ("Ziel", "Jahr", "Zielwert", "Ausgangswert"), tuple(rows))


def _plain_count(value: int | None) -> str:
    return "" if value is None else str(value)


def _plain(value: Decimal) -> str:
    return formatting.number(value, Unit.COUNT)


def pathway_tables(plan: Plan) -> list[TableView]:
    views = []
    for pathway in plan.pathways:
        rows = []
        for stage in pathway.stages:
            for number, offer in enumerate(stage.offers):
                validity = " ".join(
                    part
                    for part in (
                        f"ab {_day(offer.valid_from)}" if offer.valid_from else "",
                        f"bis {_day(offer.valid_until)}" if offer.valid_until else "",
                    )
                    if part
                )
                detail = ", ".join(offer.items)
                rows.append(
                    Row(
                        (
                            _text(stage.name if number == 0 else ""),
                            _text(offer.name + (f": {detail}" if detail else "")),
                            _text(validity),
                        )
                    )
                )
        for offer in pathway.accompanying:
            rows.append(Row((_text("begleitend"), _text(offer.name), Cell())))
        views.append(
            TableView(
                f"foerderkette-{pathway.id}",
                pathway.name,
                ("Stufe", "Angebot", "Gültigkeit"),
                tuple(rows),
            )
        )
    return views


def claims_table(plan: Plan) -> TableView | None:
    if not plan.claims:
        return None
    rows = [
        Row(
            (
                _text(c.section),
                _text(c.quote),
                _text(f"{QUALIFIER_LABELS[c.qualifier]} {c.value} ({c.unit.value})".strip()),
            )
        )
        for c in plan.claims
    ]
    return TableView("aussagen", "Zahlen im Text", ("Abschnitt", "Aussage", "Wert"), tuple(rows))


def overview(plan: Plan) -> TableView:
    rows = (
        Row((_text("Jobcenter"), _text(plan.jobcenter.name))),
        Row((_text("Planjahr"), _text(str(plan.year)))),
        Row((_text("Stand"), Cell(plan.version.as_of))),
        Row((_text("Status"), _text(STATUS_LABELS[plan.status]))),
        Row((_text("Eingliederungsmittel geplant"), _money(plan.budget.computed_total().plan))),
    )
    return TableView("ueberblick", f"Arbeitsmarktprogramm {plan.year}", ("", ""), rows)


def all_tables(plan: Plan) -> list[TableView]:
    views: list[TableView | None] = [
        funding_table(plan),
        budget_table(plan),
        balance_table(plan),
        target_group_table(plan),
        municipal_table(plan),
        *measure_tables(plan),
        voucher_table(plan),
        avgs_table(plan),
        targets_table(plan),
        *pathway_tables(plan),
        claims_table(plan),
    ]
    return [v for v in views if v is not None]
