"""Measures as their screens show them: the list rows, one measure's details, and where a
measure stands in the plan and in the audit log."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from amp.core.findings import ModelPath
from amp.core.measures import Measure, MeasureTable
from amp.core.plan import Plan as CorePlan
from amp.reports.tables import measure_tables
from amp.web.plans.forms.measure import PARTS, period_text, places_text
from amp.web.plans.presenters.shown import shown_table


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


def measure_list_tables(core: CorePlan) -> list[dict[str, Any]]:
    """Each measure table with its rows (periods and places as text) and its table view."""
    return [
        {
            "table": table,
            "rows": [
                {
                    "measure": m,
                    "periods": [period_text(p) for p in m.contract_periods],
                    "places": places_text(m.places, explain=False),
                }
                for m in table.measures
            ],
            "view": shown_table(view),
        }
        for table, view in zip(core.measure_tables, measure_tables(core), strict=True)
    ]


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
