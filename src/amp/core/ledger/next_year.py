"""Next year's draft plan from the ledger at a Stand: Planung Vorjahr = this year's plan
(with its Fortschreibungen), Hochrechnung = the forecast, Verpflichtungen = what running
commitments bind in the next year. The Planung column stays empty for the planner. Every
cell carries the sources it was computed from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from amp.core.budget import Amounts, Column, ColumnInfo
from amp.core.ledger.model import Ledger
from amp.core.ledger.text import eur
from amp.core.money import ZERO, Money
from amp.core.plan import Plan, PlanStatus, Version


@dataclass(frozen=True, slots=True)
class DraftCell:
    line: str
    column: Column
    value: Money
    sources: tuple[str, ...]


def next_year_draft(
    plan: Plan,
    ledger: Ledger,
    stand: date,
    forecasts: Mapping[str, tuple[Money, str]],  # line → (point, how it was computed)
    next_year_load: Mapping[str, Money],  # line → open commitments in the next year
) -> tuple[Plan, tuple[DraftCell, ...]]:
    year = plan.year
    cells: list[DraftCell] = []
    groups = []
    commitments_by_line: dict[str, list[str]] = {}
    for commitment in ledger.commitments:
        if commitment.binds_at(stand) and commitment.amount_in_year(year + 1) > ZERO:
            commitments_by_line.setdefault(commitment.line, []).append(
                f"Bindung {commitment.id}: {eur(commitment.amount_in_year(year + 1))} in {year + 1}"
            )
    for group in plan.budget.groups:
        lines = []
        for line in group.lines:
            plan_prev = ledger.plan_of(year, line.id, stand)
            changes = [
                f"Fortschreibung {c.id} vom {c.day:%d.%m.%Y}: {eur(c.amount)}"
                for c in ledger.plan_changes
                if c.line == line.id and c.day.year == year and c.day <= stand
            ]
            point, how = forecasts.get(line.id, (ZERO, "keine Hochrechnung"))
            load = next_year_load.get(line.id, ZERO)
            cells += [
                DraftCell(
                    line.id,
                    Column.PLAN_PREV,
                    plan_prev,
                    (f"Planung {year}: {eur(line.amounts.plan or ZERO)}", *changes),
                ),
                DraftCell(line.id, Column.FORECAST_PREV, point, (how,)),
                DraftCell(
                    line.id,
                    Column.COMMITMENTS,
                    load,
                    tuple(commitments_by_line.get(line.id, ["keine laufende Bindung"])),
                ),
            ]
            lines.append(
                replace(
                    line,
                    amounts=Amounts(plan_prev=plan_prev, forecast_prev=point, commitments=load),
                    reading=None,
                    related=None,  # last year's printed quantities belong to last year's text
                )
            )
        groups.append(replace(group, lines=tuple(lines), printed_total=None))
    as_of = f"{stand:%d.%m.%Y}"
    budget = replace(
        plan.budget,
        title=f"Übersicht Finanzplanung Eingliederungsmittel {year + 1} (Entwurf)",
        groups=tuple(groups),
        columns=(
            ColumnInfo(Column.PLAN_PREV, f"Eingliederungsplanung {year}", stand),
            ColumnInfo(Column.FORECAST_PREV, f"Ausgaben {year} Hochrechnung zum Jahresende", stand),
            ColumnInfo(Column.COMMITMENTS, f"Verpflichtungen {year + 1} aus lfd. Maßnahmen", stand),
            ColumnInfo(Column.PLAN, f"Eingliederungsplanung {year + 1}", None),
        ),
        totals=(),
        balance=None,
        as_of=stand,
    )
    groups_table = plan.target_groups
    if groups_table is not None:  # the groups stay, their printed figures were last year's
        groups_table = replace(
            groups_table,
            groups=tuple(
                replace(g, printed_amount=None, printed_share=None) for g in groups_table.groups
            ),
            printed_total_amount=None,
            printed_total_share=None,
        )
    offers = plan.offers
    if offers is not None:  # voucher offers come back with next year's voucher plan
        kept = tuple(e for e in offers.offers if e.avgs is None and e.training_goal is None)
        offers = replace(offers, offers=kept)
    draft = replace(
        plan,
        year=year + 1,
        offers=offers,
        version=Version(stand, f"Entwurf aus dem Vollzug, Stand {as_of}"),
        status=PlanStatus.ENTWURF,
        budget=budget,
        source=None,
        funding=None,
        claims=(),
        prose=None,
        targets=(),
        target_groups=groups_table,
        municipal_services=None,
        training_vouchers=None,
        avgs=None,
    )
    return draft, tuple(cells)
