"""What the measure screens show: the page head with its tabs, the figures as the tables of
amp.reports.massnahmen (shown like every other table), alerts as German sentences."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse

from amp.core import formatting
from amp.core.money import round_half_up
from amp.core.occupancy import free_places, occupancy, under_occupied
from amp.core.occupancy.occupancy import YearOccupancy
from amp.core.periods import Month
from amp.core.units import Unit
from amp.io.occupancy.context import Context
from amp.io.occupancy.planning import measure_names
from amp.web.massnahmen.selectors import Access
from amp.web.plans.models import Role


def page(
    access: Access, active: str, on: date | None = None, synthetic: bool = False
) -> dict[str, Any]:
    """The context every measure screen starts from: title, role, tabs."""
    args = [access.jobcenter.code, access.year]
    tabs = [
        ("overview", "Belegung", "massnahmen:overview", "steering"),
        ("tenders", "Ausschreibungen", "massnahmen:tenders", "steering"),
        ("vouchers", "Gutscheine", "massnahmen:vouchers", "steering"),
        ("bilanz", "Eingliederungsbilanz", "massnahmen:bilanz", "steering"),
        ("free", "Freie Plätze", "massnahmen:free", "all"),
        ("import", "Import", "massnahmen:import", "edit"),
    ]
    allowed = {"all": True, "steering": access.steering, "edit": access.can_edit}
    return {
        "access": access,
        "jobcenter": access.jobcenter,
        "year": access.year,
        "version": access.version,
        "role": Role(access.role).label,
        "can_edit": access.can_edit,
        "stand": on,
        "synthetic": synthetic,
        "nav": [
            {"label": label, "url": reverse(name, args=args), "current": key == active}
            for key, label, name, who in tabs
            if allowed[who]
        ],
    }


def names(ctx: Context) -> dict[str, str]:
    result = measure_names(ctx.plan)
    for c in ctx.data.contracts:
        if c.name:
            result.setdefault(c.measure, c.name)
    return result


def _pct(value: Any) -> str:
    return "" if value is None else formatting.percent(round_half_up(value), 1)


def _num(value: Any, places: int = 0) -> str:
    if value is None:
        return ""
    return formatting.number(round_half_up(Decimal(value), places), Unit.COUNT)


def overview(access: Access, ctx: Context, on: date) -> dict[str, Any]:
    """The measure list with the year's occupancy up to `on`, alerts, free places."""
    table = occupancy(ctx.data.contracts, ctx.data.events, Month(access.year, 1), Month.of(on))
    shown_names = names(ctx)
    free = free_places(ctx.data.contracts, ctx.data.events, on)
    under = {u.measure: u for u in under_occupied(table, on)}
    rows = []
    for measure, months in table.items():
        y = YearOccupancy(measure, months)
        f = free.get(measure)
        rows.append(
            {
                "name": shown_names.get(measure, measure),
                "url": reverse(
                    "massnahmen:measure", args=[access.jobcenter.code, access.year, measure]
                ),
                "places": _num(months[-1].places) if months else "",
                "stock": _num(y.average_stock, 1),
                "occupancy": _pct(y.occupancy),
                "entries": _num(y.entries),
                "no_show": _pct(y.no_show_rate),
                "dropout": _pct(y.dropout_rate),
                "cost_per_place": ""
                if y.cost_per_occupied_place is None
                else formatting.money(round_half_up(y.cost_per_occupied_place)),
                "free": ""
                if f is None
                else ("unbekannt" if f.free is None else formatting.count(f.free)),
                "under": measure in under,
            }
        )
    return {"rows": rows, "under": [shown_names.get(m, m) for m in under]}
