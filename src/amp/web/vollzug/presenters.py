"""What the Vollzug screens show, in German formatting: the lines with their figures and
traffic light (a word and a symbol beside the colour), the curve with its data, a line's
bookings, commitments and how its forecast came about. The tables are reports/vollzug's."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from amp.core import formatting
from amp.core.forecast import METHOD_LABELS
from amp.core.ledger.alerts import ALERT_LABELS, AlertKind, alerts
from amp.core.ledger.model import STATUS_LABELS, Ledger
from amp.core.ledger.position import PACE_LABELS, Tolerance, check_availability
from amp.core.ledger.steering import LIGHT_LABELS, Light, Steering
from amp.core.money import round_half_up
from amp.core.units import Unit
from amp.io.ledger.store import LedgerDirectory
from amp.reports.vollzug import curve, funds_view, month_view, preload_view, proposals_view
from amp.web.plans.models import Role
from amp.web.plans.presenters.shown import shown_table
from amp.web.vollzug.selectors import Access

LIGHTS = {
    Light.GREEN: ("●", "Grün", "ok"),
    Light.AMBER: ("▲", "Gelb", "warn"),
    Light.RED: ("■", "Rot", "error"),
}


def _money(value: Decimal | None) -> str:
    return "" if value is None else formatting.money(value)


def _pct(value: Decimal | None) -> str:
    return "" if value is None else formatting.percent(round_half_up(value), 0)


def light(s: Steering, line: str) -> dict[str, str]:
    state = s.light(line)
    symbol, word, css = LIGHTS[state]
    return {"symbol": symbol, "word": word, "label": LIGHT_LABELS[state], "css": css}


def page(access: Access, active: str) -> dict[str, Any]:
    """The context every Vollzug screen starts from: title, role, tabs."""
    args = [access.jobcenter.code, access.year]
    tabs = [
        ("overview", "Überblick", reverse("vollzug:overview", args=args), False),
        ("import", "Import", reverse("vollzug:import", args=args), True),
        ("alerts", "Warnungen", reverse("vollzug:alerts", args=args), False),
        ("funds", "Mittel und Fortschreibungen", reverse("vollzug:funds", args=args), False),
        ("reallocation", "Umschichtung", reverse("vollzug:reallocation", args=args), False),
        ("next-year", "Folgejahr", reverse("vollzug:next-year", args=args), False),
        ("mapping", "Kontenzuordnung", reverse("vollzug:mapping", args=args), False),
    ]
    return {
        "access": access,
        "jobcenter": access.jobcenter,
        "year": access.year,
        "role": Role(access.role).label,
        "can_edit": access.can_edit,
        "version": access.version,
        "nav": [
            {"label": label, "url": url, "current": key == active}
            for key, label, url, edit_only in tabs
            if access.can_edit or not edit_only
        ],
    }


def overview(access: Access, data: LedgerDirectory, s: Steering) -> dict[str, Any]:
    code, year = access.jobcenter.code, access.year
    lines = []
    for p in s.position.lines:
        now, f = p.current, s.forecasts[p.line]
        lines.append(
            {
                "id": p.line,
                "name": p.name,
                "url": reverse("vollzug:line", args=[code, year, p.line]),
                "plan": _money(now.plan),
                "actual": _money(now.actual),
                "open": _money(now.open),
                "free": _money(now.free),
                "forecast": _money(f.point),
                "low": _money(f.interval80[0]) if f.interval80 else "",
                "high": _money(f.interval80[1]) if f.interval80 else "",
                "exhaustion": _pct(now.exhaustion),
                "pace": PACE_LABELS[p.pace],
                "deviation": formatting.signed(s.deviation(p.line), Unit.EUR),
                "light": light(s, p.line),
            }
        )
    total = s.position.totals[-1]
    svg, data_table = curve(s, data.ledger)
    t80 = s.total.interval80
    return {
        "stand": s.position.stand,
        "lines": lines,
        "total": {
            "plan": _money(total.plan),
            "actual": _money(total.actual),
            "open": _money(total.open),
            "free": _money(total.free),
            "forecast": _money(s.total.point),
            "low": _money(t80[0]) if t80 else "",
            "high": _money(t80[1]) if t80 else "",
            "exhaustion": _pct(total.exhaustion),
        },
        "short": sum(1 for p in s.position.lines if s.light(p.line) is Light.RED),
        "alert_count": len(alerts(s, data.config.tolerance)),
        "alerts_url": reverse("vollzug:alerts", args=[code, year]),
        "svg": svg,
        "curve_table": shown_table(data_table),
        "tables": [
            shown_table(view) for view in (funds_view(s), proposals_view(s), preload_view(s))
        ],
        "findings": [
            {"severity": f.severity.value, "message": f.message} for f in s.position.findings
        ],
        "legend": [
            {"symbol": symbol, "word": word, "label": LIGHT_LABELS[state], "css": css}
            for state, (symbol, word, css) in LIGHTS.items()
        ],
    }


def line_detail(data: LedgerDirectory, s: Steering, line_id: str) -> dict[str, Any]:
    ledger: Ledger = data.ledger
    p = s.position.line(line_id)
    f = s.forecasts[line_id]
    year = s.position.year
    bookings = sorted(
        (
            b
            for b in ledger.bookings
            if b.day.year == year
            and b.day <= s.position.stand
            and ledger.line_of_booking(b) == line_id
        ),
        key=lambda b: (b.day, b.id),
    )
    commitments = sorted(
        (c for c in ledger.commitments if c.line == line_id and c.amount_in_year(year)),
        key=lambda c: (c.day, c.id),
    )
    backtests = []
    for b in f.backtests:
        point = f.alternatives.get(b.method)
        backtests.append(
            {
                "method": METHOD_LABELS[b.method],
                "chosen": b.method is f.method,
                "point": _money(point) if point is not None else "nicht anwendbar",
                "error": "kein Rückblick"
                if b.mape is None
                else formatting.percent(Decimal(repr(round(b.mape * 100, 1))), 1),
                "points": len(b.errors),
            }
        )
    return {
        "line": p,
        "light": light(s, line_id),
        "months": shown_table(month_view(s, line_id)),
        "bookings": [
            {
                "id": b.id,
                "day": b.day,
                "amount": _money(b.amount),
                "account": b.account,
                "commitment": b.commitment or "",
                "one_off": b.one_off,
                "text": b.text or "",
            }
            for b in bookings
        ],
        "commitments": [
            {
                "id": c.id,
                "day": c.day,
                "status": STATUS_LABELS[c.status],
                "measure": c.measure or "",
                "amount": _money(c.amount),
                "this_year": _money(c.amount_in_year(year)),
                "months": f"{min(c.payments)} bis {max(c.payments)}" if c.payments else "",
            }
            for c in commitments
        ],
        "forecast": {
            "method": METHOD_LABELS[f.method],
            "point": _money(f.point),
            "i80": f"{_money(f.interval80[0])} bis {_money(f.interval80[1])}"
            if f.interval80
            else "",
            "i95": f"{_money(f.interval95[0])} bis {_money(f.interval95[1])}"
            if f.interval95
            else "",
            "explanation": f.explanation,
            "one_off_effect": _money(f.one_off_effect) if f.one_off_effect else "",
        },
        "backtests": backtests,
    }


# amp.css colours .warn red and .note muted; the word says the severity in any case
SEVERITY_CSS = {"Fehler": "warn", "Warnung": "", "Hinweis": "note"}


def alert_list(access: Access, data: LedgerDirectory, s: Steering) -> dict[str, Any]:
    """The alerts of the Stand, each with a link to where it is resolved: the line detail,
    or the account mapping for an account without a line."""
    code, year = access.jobcenter.code, access.year
    names = {p.line: p.name for p in s.position.lines}
    rows = []
    for a in alerts(s, data.config.tolerance):
        if a.line is not None:
            link = (reverse("vollzug:line", args=[code, year, a.line]), names[a.line])
        elif a.kind is AlertKind.UNMAPPED:
            link = (reverse("vollzug:mapping", args=[code, year]), "Kontenzuordnung")
        else:
            link = None
        rows.append(
            {
                "severity": a.severity.value,
                "css": SEVERITY_CSS[a.severity.value],
                "kind": ALERT_LABELS[a.kind],
                "message": a.message,
                "url": link[0] if link else "",
                "target": link[1] if link else "",
            }
        )
    counts = {
        severity: sum(1 for r in rows if r["severity"] == severity)
        for severity in ("Fehler", "Warnung", "Hinweis")
    }
    return {"stand": s.position.stand, "alerts": rows, "counts": counts}


def tolerance_text(tolerance: Tolerance) -> str:
    parts = []
    if tolerance.percent is not None:
        parts.append(f"{formatting.percent(tolerance.percent)} der Planung")
    if tolerance.absolute is not None:
        parts.append(formatting.money(tolerance.absolute))
    if not parts:
        return "keine Toleranz"
    return " oder ".join(parts) + (", die kleinere Grenze gilt" if len(parts) > 1 else "")


def availability(
    s: Steering, line_id: str, tolerance: Tolerance, form: Any
) -> dict[str, str] | None:
    """The result of the availability check for the amount in a valid form (SAP-like:
    within the free amount ok, beyond it a warning within the tolerance, else an error)."""
    if not form.is_bound or not form.is_valid():
        return None
    amount = form.cleaned_data["betrag"]
    p = s.position.line(line_id)
    finding = check_availability(p, amount, tolerance, "(neu)")
    if finding is None:
        rest = p.current.free - amount
        return {
            "css": "ok",
            "word": "Passt",
            "message": f"{formatting.money(amount)} sind frei; danach bleiben "
            f"{formatting.money(rest)} frei.",
        }
    return {
        "css": SEVERITY_CSS[finding.severity.value],
        "word": finding.severity.value,
        "message": finding.message,
    }
