"""Measures as their screens show them: the list rows, one measure's details, and where a
measure stands in the plan and in the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404

from amp.core import formatting
from amp.core.findings import ModelPath
from amp.core.measure_costs import measure_costs
from amp.core.measures import Measure, MeasureTable
from amp.core.money import total
from amp.core.plan import Plan as CorePlan
from amp.reports.tables import measure_tables
from amp.web.plans.forms.measure import PARTS, period_text, places_text
from amp.web.plans.presenters.shown import shown_table
from amp.web.plans.presenters.sorting import SortColumn, sort_rows


def find_measure(
    core: CorePlan, table_id: str, measure_id: str
) -> tuple[int, int, MeasureTable, Measure]:
    for t, table in enumerate(core.measure_tables):
        if table.id != table_id:
            continue
        for i, measure in enumerate(table.measures):
            if measure.id == measure_id:
                return t, i, table, measure
    raise Http404("Diese Maßnahme gibt es in diesem Planstand nicht.")


def measure_path(t: int, i: int) -> ModelPath:
    return ("measure_tables", t, "measures", i)


def logged_path(table: MeasureTable, measure: Measure) -> ModelPath:
    """Where the audit log files a measure: by ids, which stay when others come or go."""
    return ("measure_tables", table.id, "measures", measure.id)


def measure_place(table: MeasureTable, measure: Measure) -> str:
    return f"Maßnahmen „{table.title}“ › {measure.name}"


MEASURE_COLUMNS = (
    SortColumn("name", "Maßnahme", lambda r: r["measure"].name),
    SortColumn("traeger", "Träger", lambda r: r["measure"].provider or None),
    SortColumn("rechtsgrundlage", "Rechtsgrundlage", lambda r: r["measure"].legal_basis or None),
    SortColumn("laufzeit", "Laufzeit", lambda r: r["start"]),
    SortColumn("plaetze", "Plätze", lambda r: r["measure"].places.value, numeric=True),
    SortColumn("kosten", "Kosten (rechnerisch)", lambda r: r["estimate"], numeric=True),
    SortColumn("zeile", "Budgetzeile", lambda r: r["line"] or None),
)


@dataclass(frozen=True)
class MeasureFilter:
    """What the list is narrowed to: words in name, Träger, Rechtsgrundlage or content; one
    Rechtsgrundlage; only measures running in the plan year."""

    text: str = ""
    legal_basis: str = ""
    running: bool = False

    def keeps(self, measure: Measure, year: int) -> bool:
        if self.legal_basis and measure.legal_basis != self.legal_basis:
            return False
        if self.running and not measure.runs_in(year):
            return False
        words = self.text.casefold().split()
        haystack = " ".join(
            filter(None, (measure.name, measure.provider, measure.legal_basis, measure.content))
        ).casefold()
        return all(word in haystack for word in words)


def measure_list_tables(
    core: CorePlan,
    wanted: MeasureFilter | None = None,
    sort: tuple[SortColumn | None, bool] = (None, False),
) -> list[dict[str, Any]]:
    """Each measure table with its rows (periods, places, costs as text), filtered and
    sorted as asked, and its table view (for the total row)."""
    wanted = wanted or MeasureFilter()
    costs = measure_costs(core)
    tables = []
    for table, view in zip(core.measure_tables, measure_tables(core), strict=True):
        rows: list[dict[str, Any]] = []
        estimates: list[Decimal] = []
        for m in table.measures:
            if not wanted.keeps(m, core.year):
                continue
            cost = costs.get(m.id)
            if cost is not None and cost.estimate is not None:
                estimates.append(cost.estimate)
            starts = [p.start for p in m.contract_periods]
            rows.append(
                {
                    "measure": m,
                    "periods": [period_text(p) for p in m.contract_periods],
                    "places": places_text(m.places, explain=False),
                    "start": min(starts) if starts else None,
                    "estimate": cost.estimate if cost else None,
                    "cost": formatting.money(cost.estimate) if cost else "",
                    "per_place": formatting.money(cost.per_place) if cost else "",
                    "line": cost.line_name if cost else "",
                }
            )
        tables.append(
            {
                "table": table,
                "rows": sort_rows(rows, *sort),
                "all": len(table.measures),
                "view": shown_table(view),
                "cost_total": formatting.money(total(estimates)) if estimates else "",
            }
        )
    return tables


def measure_details(table: MeasureTable, measure: Measure, core: CorePlan) -> list[tuple[str, str]]:
    categories = {c.id: c.name for c in table.categories}
    groups = {g.id: g.name for g in core.target_groups.groups} if core.target_groups else {}
    shown = {part.key: part.show(getattr(measure, part.key)) for part in PARTS}
    shown["category"] = categories.get(measure.category or "", shown["category"])
    shown["target_group"] = groups.get(measure.target_group or "", shown["target_group"])
    if measure.successor:
        successor = core.measures().get(measure.successor)
        shown["successor"] = successor.name if successor else measure.successor
    labels = [(part.key, part.label) for part in PARTS]
    labels.insert(-1, ("successor", "Übergang in"))
    return [(label, shown[key]) for key, label in labels if key in shown]
