"""The Land and the agreements in the JSON API (the endpoints are in amp.web.plans.api, the
one API): numbers as text (exact), status as its key and its German label."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from amp.core.agreements import STATUS_LABELS, Progress
from amp.web.land import presenters, selectors
from amp.web.plans.selectors import AnyUser


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def progress_json(p: Progress, quarters: Any) -> dict[str, Any]:
    return {
        "kennzahl": p.agreement.indicator,
        "ziel": _text(p.agreement.target),
        "anmerkung": p.agreement.note,
        "monat": p.month,
        "ist": _text(p.actual),
        "hochrechnung": _text(p.projection),
        "abstand": _text(p.gap),
        "status": p.status.value,
        "status_text": STATUS_LABELS[p.status],
        "quartale": [
            {
                "quartal": q.quarter,
                "monat": q.month,
                "ist": _text(q.progress.actual),
                "hochrechnung": _text(q.progress.projection),
                "status": q.progress.status.value,
            }
            for q in quarters
        ],
    }


def _year_json(data: presenters.JobcenterYear) -> dict[str, Any]:
    e = data.execution
    execution = None
    if e is not None:
        execution = {
            "stand": e.stand.isoformat(),
            "planung": _text(e.plan),
            "ist": _text(e.actual),
            "offen": _text(e.open),
            "ausschoepfung": _text(e.exhaustion),
            "hochrechnung": _text(e.forecast),
            "ungenutzt": _text(e.unused.unused),
            "ungenutzte_zeilen": [
                {
                    "zeile": u.line,
                    "name": u.name,
                    "planung": _text(u.plan),
                    "hochrechnung": _text(u.forecast),
                    "ungenutzt": _text(u.unused),
                    "menge": u.unused_quantity,
                    "einheit": u.unit,
                }
                for u in e.unused.lines
            ],
        }
    return {
        "jobcenter": data.jobcenter.code,
        "name": data.jobcenter.name,
        "planung_beschlossen": _text(data.plan_total),
        "vollzug": execution,
        "ziele": [progress_json(p, data.quarters[p.agreement.indicator]) for p in data.progress],
    }


def land_document(user: AnyUser, code: str, year: int) -> dict[str, Any]:
    land = selectors.land(user, code)
    out = []
    for entry in selectors.members(land):
        data = presenters.jobcenter_year(entry.jobcenter, year, entry)
        out.append(
            {"vergleichstyp": entry.comparison_type, "hinweis": entry.note} | _year_json(data)
        )
    return {"land": land.code, "name": land.name, "jahr": year, "jobcenter": out}


def own_document(user: AnyUser, code: str, year: int) -> dict[str, Any]:
    access = selectors.staff(user, code)
    data = presenters.jobcenter_year(access.jobcenter, year, with_execution=False)
    document = selectors.planning_document(access.jobcenter, year)
    return {
        "jobcenter": code,
        "jahr": year,
        "ziele": [progress_json(p, data.quarters[p.agreement.indicator]) for p in data.progress],
        "planungsdokument": {
            "schwerpunkte": document.priorities if document else "",
            "massnahmen": document.measures if document else "",
        },
    }
