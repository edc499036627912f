"""Stored figures turned into what the Kennzahlen page shows: German text, notes, charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.safestring import mark_safe

from amp.core import formatting
from amp.core.claims import QUALIFIER_LABELS
from amp.core.periods import MONTH_NAMES
from amp.kpi.basesql import GROUPS, LOCAL_GROUPS
from amp.kpi.figures import FIGURES, Figure, Kind
from amp.kpi.params import Params
from amp.kpi.render import GROUP_LABELS, UNITS
from amp.kpi.schema import month_index
from amp.kpi.targets import Progress, Target, progress
from amp.web.kennzahlen.charts import Point, line_chart
from amp.web.kennzahlen.models import Calculation, MonthlyFigures
from amp.web.kennzahlen.stored import series_data
from amp.web.plans.approvals import in_force
from amp.web.plans.models import PUBLISHED, Jobcenter, PlanVersion

MONEY_FIGURES = frozenset({"K1", "K1E1"})
"""VORJAHR figures whose levels are sums in euro; the others count persons."""
INTEGRATIONS = "integrationen"


def month_words(month: str) -> str:
    """'2024-06' -> 'Juni 2024'."""
    index = month_index(month)
    return f"{MONTH_NAMES[index % 12]} {index // 12}"


def percent(value: Decimal, sign: bool = False) -> str:
    text = f"{formatting.fixed(value, 1)} %"
    return f"+{text}" if sign and value > 0 else text


def points(value: Decimal) -> str:
    """A difference of two percentages, in Prozentpunkten."""
    text = formatting.fixed(value, 1)
    return f"{'+' if value > 0 else ''}{text} Prozentpunkte"


@dataclass
class Notes:
    """The reasons shown under the tables, numbered once each."""

    texts: list[str] = field(default_factory=list)

    def number(self, text: str) -> int:
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1


@dataclass(frozen=True)
class Shown:
    text: str
    note: int | None = None
    strong: bool = False


def _missing(result: dict[str, Any], notes: Notes) -> Shown:
    label = "gesperrt" if result["gesperrt"] else "nicht berechenbar"
    return Shown(label, notes.number(result["hinweis"]) if result["hinweis"] else None)


def figure_value(fig: Figure, result: dict[str, Any], notes: Notes, strong: bool = False) -> Shown:
    if result["wert"] is None:
        return _missing(result, notes)
    return Shown(percent(Decimal(result["wert"]), fig.kind is Kind.VORJAHR), strong=strong)


def _level(fig: Figure, text: str | None) -> str:
    if text is None:
        return "–"
    value = Decimal(text)
    return formatting.money(value) if fig.code in MONEY_FIGURES else formatting.count(value)


def main_row(fig: Figure, result: dict[str, Any], notes: Notes) -> dict[str, Any]:
    """Insgesamt: the figure, its Vorjahresmonat and the change, as each kind defines them.

    VORJAHR figures are themselves the change: the row shows both levels and the change.
    All others: the value now and twelve months earlier, and the difference in points."""
    row: dict[str, Any] = {"figure": fig, "unit": UNITS[fig.kind]}
    if fig.kind is Kind.VORJAHR:
        if result["wert"] is None and result["gesperrt"]:
            gone = _missing(result, notes)
            row.update(current=gone, previous=Shown("–"), change=Shown("–"))
            return row
        row["current"] = Shown(_level(fig, result["zaehler"]))
        row["previous"] = Shown(_level(fig, result["nenner"]))
        row["change"] = figure_value(fig, result, notes, strong=True)
        return row
    before = result["vorjahr"]
    row["current"] = figure_value(fig, result, notes, strong=True)
    row["previous"] = figure_value(fig, before, notes)
    if result["wert"] is not None and before["wert"] is not None:
        row["change"] = Shown(points(Decimal(result["wert"]) - Decimal(before["wert"])))
    else:
        row["change"] = Shown("–")
    return row


def group_row(fig: Figure, groups: dict[str, Any], notes: Notes) -> dict[str, Any]:
    return {
        "figure": fig,
        "cells": [
            (figure_value(fig, groups[group], notes), group in LOCAL_GROUPS) for group in GROUPS
        ],
    }


def _axis_text(month: str) -> str:
    index = month_index(month)
    return f"{index % 12 + 1}/{index // 12}"


def trend(fig: Figure, months: list[MonthlyFigures], jobcenter: Jobcenter) -> dict[str, Any]:
    """Chart and value table of a figure (Insgesamt) over the stored months."""
    shown: list[tuple[str, Decimal | None, str]] = []
    for row in months:
        result = row.figures[fig.code]["insgesamt"]
        value = None if result["wert"] is None else Decimal(result["wert"])
        if value is not None:
            text = percent(value, fig.kind is Kind.VORJAHR)
        else:
            text = result["hinweis"] or "kein Wert"
        shown.append((row.month, value, text))
    chart_points = [
        Point(month_words(month), value, _axis_text(month), major=month.endswith("-01"))
        for month, value, _text in shown
    ]
    values = [v for _m, v, _t in shown if v is not None]
    span = f"{month_words(shown[0][0])} bis {month_words(shown[-1][0])}"
    if values:
        summary = (
            f"{span}: {len(values)} Werte zwischen {percent(min(values))} und "
            f"{percent(max(values))}"
        )
        last = next((m, v) for m, v, _t in reversed(shown) if v is not None)
        summary += f", zuletzt {percent(last[1])} im {month_words(last[0])}"
    else:
        summary = f"{span}: kein Monat mit Wert"
    gaps = len(shown) - len(values)
    if gaps:
        summary += f"; {gaps} Monate ohne Wert (×)"
    title = f"{fig.code} {fig.name}, {jobcenter.name}, Insgesamt"
    svg = line_chart(f"chart-{fig.code.lower()}", title, summary + ".", chart_points)
    return {
        "figure": fig,
        "svg": mark_safe(svg),
        "summary": summary,
        "rows": [(month_words(m), t) for m, _v, t in shown],
    }


def _plan_version(jobcenter: Jobcenter, year: int) -> PlanVersion | None:
    """The version of the year's plan in force (approved last): its targets are the valid ones."""
    return in_force(
        PlanVersion.objects.filter(plan__jobcenter=jobcenter, plan__year=year, status__in=PUBLISHED)
    )


def _progress_shown(result: Progress, params: Params) -> dict[str, Any]:
    if result.reason:
        return {"reason": result.reason}
    if 0 < result.achieved < params.min_cell:
        return {"reason": f"gesperrt: weniger als {params.min_cell} Integrationen"}
    return {
        "target": result.target,
        "achieved": formatting.count(result.achieved),
        "share": percent(result.progress) if result.progress is not None else "–",
        "meter": min(result.achieved, result.target),
        "jfw": percent(result.jfw) if result.jfw is not None else "–",
        "projection": formatting.count(result.projection),
        "method": result.projection_method,
        "gap": None
        if result.projection is None
        else formatting.count(abs(result.projection - result.target)),
        "reached": result.projection is not None and result.projection >= result.target,
    }


def targets(row: MonthlyFigures, jobcenter: Jobcenter) -> dict[str, Any]:
    """The plan's targets for the reporting year; integrations against the stored series."""
    calculation: Calculation = row.calculation
    year = month_index(row.month) // 12
    version = _plan_version(jobcenter, year)
    out: dict[str, Any] = {"year": year, "version": version, "measured": [], "other": []}
    if version is None:
        return out
    params = Params(
        waiting_months=calculation.parameters["wartezeit_monate"],
        denominator_offset=calculation.parameters["nenner_versatz_monate"],
        min_cell=calculation.parameters["mindestfallzahl"],
    )
    data = series_data(row.series, jobcenter.code, calculation.first_month, calculation.last_month)
    for target in version.core_plan().targets:
        if target.year != year:
            continue
        goal = " ".join(t for t in (QUALIFIER_LABELS[target.qualifier], _count(target.value)) if t)
        entry = {"label": target.label, "goal": goal, "statement": target.statement}
        if target.indicator == INTEGRATIONS and target.value is not None:
            wanted = Target(jobcenter.code, year, int(target.value))
            result = progress(data, wanted, month_index(row.month), params)
            out["measured"].append({**entry, **_progress_shown(result, params)})
        else:
            out["other"].append(entry)
    return out


def _count(value: Decimal | None) -> str:
    return "" if value is None else formatting.count(value)


def page(jobcenter: Jobcenter, row: MonthlyFigures, months: list[MonthlyFigures]) -> dict[str, Any]:
    notes = Notes()
    main = [main_row(fig, row.figures[fig.code]["insgesamt"], notes) for fig in FIGURES]
    by_group = [group_row(fig, row.figures[fig.code], notes) for fig in FIGURES]
    groups = [(GROUP_LABELS[g], g in LOCAL_GROUPS) for g in GROUPS]
    return {
        "jobcenter": jobcenter,
        "month": row.month,
        "month_words": month_words(row.month),
        "calculation": row.calculation,
        "main": main,
        "groups": groups,
        "by_group": by_group,
        "notes": notes.texts,
        "trends": [trend(fig, months, jobcenter) for fig in FIGURES],
        "targets": targets(row, jobcenter),
        "months": [(m.month, month_words(m.month)) for m in reversed(months)],
        "min_cell": row.calculation.parameters["mindestfallzahl"],
    }
