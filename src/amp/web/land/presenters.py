"""What the Land screens show, prepared from the selectors' data (German text only here and
in amp.reports.agreements)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from amp.core import formatting
from amp.core.agreements import (
    INDICATORS,
    ComparisonEntry,
    Progress,
    QuarterStatus,
    Status,
    compare,
    follow_up,
    progress,
)
from amp.core.money import round_half_up
from amp.reports import agreements as words
from amp.reports.agreements import JobcenterFollowUp
from amp.web.land import selectors
from amp.web.land.models import Land, LandJobcenter
from amp.web.plans.models import Jobcenter

TOP_UNUSED = 3  # lines named per Jobcenter in the overview


def money(value: Decimal | None) -> str:
    """Whole euros, German; – for nothing."""
    return "–" if value is None else formatting.money(value, 0)


def _pct(value: Decimal | None) -> str:
    return "–" if value is None else formatting.percent(round_half_up(value, 1), 1)


@dataclass
class JobcenterYear:
    """Everything of one Jobcenter and year the Land screens show."""

    entry: LandJobcenter | None
    jobcenter: Jobcenter
    year: int
    progress: list[Progress]
    quarters: dict[str, tuple[QuarterStatus, ...]]
    execution: selectors.Execution | None
    plan_total: Decimal | None
    values: dict[str, dict[str, Decimal | None]]  # indicator → month → value


def jobcenter_year(
    jobcenter: Jobcenter, year: int, entry: LandJobcenter | None = None, with_execution: bool = True
) -> JobcenterYear:
    values = selectors.indicator_values(jobcenter, year)
    agreements = sorted(
        selectors.agreements(jobcenter, year), key=lambda a: list(INDICATORS).index(a.indicator)
    )
    return JobcenterYear(
        entry,
        jobcenter,
        year,
        [progress(a, values[a.indicator]) for a in agreements],
        {a.indicator: follow_up(a, values[a.indicator]) for a in agreements},
        selectors.execution(jobcenter, year) if with_execution else None,
        selectors.plan_total(selectors.approved_version(jobcenter, year)),
        values,
    )


def progress_rows(data: JobcenterYear) -> list[dict[str, Any]]:
    rows = []
    for p in data.progress:
        cells: dict[str, Any] = dict(words.progress_cells(p))
        cells["quartale"] = [
            {
                "name": words.QUARTER_NAMES[q.quarter],
                "ist": words.value(q.progress.actual),
                "hochrechnung": words.value(q.progress.projection),
                "status": words.status(q.progress.status),
                "css": words.STATUS_MARKS[q.progress.status][1],
            }
            for q in data.quarters[p.agreement.indicator]
        ]
        rows.append(cells)
    return rows


def execution_cells(data: JobcenterYear) -> dict[str, Any]:
    e = data.execution
    if e is None:
        return {"erfasst": False}
    return {
        "erfasst": True,
        "stand": formatting.day(e.stand),
        "planung": money(e.plan),
        "ist": money(e.actual),
        "ausschoepfung": _pct(e.exhaustion),
        "hochrechnung": money(e.forecast),
        "ungenutzt": money(e.unused.unused),
        "zeilen": [
            {
                "name": u.name,
                "planung": money(u.plan),
                "hochrechnung": money(u.forecast),
                "ungenutzt": money(u.unused),
                "auslastung": _pct(u.utilisation),
                "menge": (
                    f"{formatting.count(u.unused_quantity)} {u.unit}"
                    if u.unused_quantity is not None
                    else "–"
                ),
            }
            for u in e.unused.lines
        ],
    }


def counts(data: JobcenterYear) -> dict[str, int]:
    tally = dict.fromkeys(("gut", "gefaehrdet", "schlecht", "offen"), 0)
    for p in data.progress:
        if p.status in (Status.ON_COURSE, Status.REACHED):
            tally["gut"] += 1
        elif p.status is Status.AT_RISK:
            tally["gefaehrdet"] += 1
        elif p.status in (Status.OFF_COURSE, Status.MISSED):
            tally["schlecht"] += 1
        else:
            tally["offen"] += 1
    return tally


def overview_row(land: Land, data: JobcenterYear) -> dict[str, Any]:
    assert data.entry is not None
    execution = execution_cells(data)
    return {
        "code": data.jobcenter.code,
        "name": data.jobcenter.name,
        "hinweis": data.entry.note,
        "vergleichstyp": data.entry.comparison_type,
        "planung": money(data.plan_total),
        "vollzug": execution,
        "ungenutzte_zeilen": execution.get("zeilen", [])[:TOP_UNUSED],
        "ziele": progress_rows(data),
        "zaehler": counts(data),
    }


def comparison(indicator_id: str, rows: list[JobcenterYear]) -> list[dict[str, Any]]:
    """The Vergleichstypen of the Land's Jobcenters for one indicator: the newest value of the
    year, rank and distance to the type's mean, with the agreed target beside it."""
    item = INDICATORS[indicator_id]
    latest: dict[str, Progress | None] = {}
    entries = []
    for data in rows:
        assert data.entry is not None
        found = next((p for p in data.progress if p.agreement.indicator == indicator_id), None)
        latest[data.jobcenter.code] = found
        current = _latest_value(data, indicator_id)
        entries.append(
            ComparisonEntry(
                data.jobcenter.code, data.jobcenter.name, data.entry.comparison_type, current[1]
            )
        )
    months = {d.jobcenter.code: _latest_value(d, indicator_id)[0] for d in rows}
    out = []
    for kind in compare(item, entries):
        out.append(
            {
                "typ": kind.comparison_type,
                "mittel": words.value(kind.mean),
                "bester": words.value(kind.best),
                "schwaechster": words.value(kind.worst),
                "anzahl": kind.counted,
                "zeilen": [
                    {
                        "rang": r.rank if r.rank is not None else "–",
                        "code": r.entry.jobcenter,
                        "name": r.entry.name,
                        "wert": words.value(r.entry.value),
                        "monat": words.month(months[r.entry.jobcenter]),
                        "abstand": words.gap(r.deviation),
                        "ziel": (
                            words.value(latest[r.entry.jobcenter].agreement.target)  # type: ignore[union-attr]
                            if latest[r.entry.jobcenter] is not None
                            else "kein Ziel"
                        ),
                    }
                    for r in kind.rows
                ],
            }
        )
    return out


def _latest_value(data: JobcenterYear, indicator_id: str) -> tuple[str | None, Decimal | None]:
    values = data.values[indicator_id]
    for number in range(12, 0, -1):
        month = f"{data.year}-{number:02d}"
        if values.get(month) is not None:
            return month, values[month]
    return None, None


def follow_ups(rows: list[JobcenterYear]) -> list[JobcenterFollowUp]:
    out = []
    for data in rows:
        assert data.entry is not None
        document = selectors.planning_document(data.jobcenter, data.year)
        out.append(
            JobcenterFollowUp(
                data.jobcenter.name,
                data.entry.comparison_type,
                data.entry.note,
                [(p.agreement, data.quarters[p.agreement.indicator]) for p in data.progress],
                document.priorities if document else "",
                document.measures if document else "",
            )
        )
    return out


def _months(year: int) -> list[str]:
    return [f"{year - 1}-12"] + [f"{year}-{m:02d}" for m in range(1, 13)]


def charts(data: JobcenterYear) -> dict[str, Any]:
    """One line chart per agreement (December of the year before to December, the target as
    a dashed line) and the monthly values of all of them as one table beside the charts."""
    from django.utils.safestring import mark_safe

    from amp.web.kennzahlen.charts import Point, line_chart

    months = _months(data.year)
    figures = []
    for p in data.progress:
        item = INDICATORS[p.agreement.indicator]
        series = data.values[item.id]
        points = [
            Point(
                words.month(m),
                series.get(m),
                f"{int(m[5:])}/{m[:4]}",
                major=m.endswith(("-12", "-03", "-06", "-09")),
            )
            for m in months
        ]
        description = (
            f"Ziel {words.value(p.agreement.target)} (gestrichelte Linie); "
            f"Ist {words.value(p.actual)} im {words.month(p.month)}; "
            f"Hochrechnung Dezember {words.value(p.projection)}: {words.status(p.status)}."
        )
        title = f"{item.id} {item.name}, {data.jobcenter.name} {data.year}"
        ident = f"verlauf-{item.id.lower().replace('.', '-')}"
        figures.append(
            {
                "id": ident,
                "svg": mark_safe(  # every text in the chart is escaped
                    line_chart(ident, title, description, points, reference=p.agreement.target)
                ),
                "caption": f"{item.id} – {item.name}: {description}",
            }
        )
    table = [
        {
            "monat": words.month(m),
            "werte": [
                words.value(data.values[p.agreement.indicator].get(m)) for p in data.progress
            ],
        }
        for m in months
    ]
    return {
        "figures": figures,
        "columns": [p.agreement.indicator for p in data.progress],
        "rows": table,
    }


def land_totals(rows: list[JobcenterYear]) -> dict[str, Any]:
    """The Land's sums over its Jobcenters: approved plans, and of those with a Vollzug the
    ledger plan, forecast and money left unused."""
    plans = [r.plan_total for r in rows if r.plan_total is not None]
    executed = [r.execution for r in rows if r.execution is not None]
    plan = sum((e.plan for e in executed), Decimal(0))
    spent = sum((e.actual + e.open for e in executed), Decimal(0))
    return {
        "planung": money(sum(plans, Decimal(0))) if plans else "–",
        "mit_vollzug": len(executed),
        "ausschoepfung": _pct(spent * 100 / plan) if plan > 0 else "–",
        "hochrechnung": money(sum((e.forecast for e in executed), Decimal(0))) if executed else "–",
        "ungenutzt": money(sum((e.unused.unused for e in executed), Decimal(0)))
        if executed
        else "–",
    }
