"""Target agreements in words and the quarterly Zielnachhaltung report (HTML → PDF).

One text form for every place that shows an agreement: the web screens, the API's labels,
the CLI and the PDF (German numbers with one decimal, the gap in Prozentpunkten, the status
as a word and a symbol, never colour alone)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from amp.core import formatting
from amp.core.agreements import (
    INDICATORS,
    STATUS_LABELS,
    Agreement,
    Progress,
    QuarterStatus,
    Status,
)
from amp.core.agreements.progress import METHOD_LABELS
from amp.core.periods import MONTH_NAMES
from amp.reports.vollzug import CSS

STATUS_MARKS = {  # symbol, css class of amp.css
    Status.NO_DATA: ("–", ""),
    Status.ON_COURSE: ("●", "ok"),
    Status.REACHED: ("●", "ok"),
    Status.AT_RISK: ("▲", "warn"),
    Status.OFF_COURSE: ("■", "error"),
    Status.MISSED: ("■", "error"),
}
QUARTER_NAMES = {1: "1. Quartal", 2: "2. Quartal", 3: "3. Quartal", 4: "4. Quartal"}


def value(v: Decimal | None) -> str:
    return "–" if v is None else formatting.percent(v, 1)


def gap(v: Decimal | None) -> str:
    """A signed distance in Prozentpunkten, positive = better than agreed."""
    if v is None:
        return "–"
    return f"{'+' if v > 0 else ''}{formatting.fixed(v, 1)} Pp"


def month(text: str | None) -> str:
    if not text:
        return "–"
    year, number = text.split("-")
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


def status(s: Status) -> str:
    return f"{STATUS_MARKS[s][0]} {STATUS_LABELS[s]}"


def progress_cells(p: Progress) -> dict[str, str]:
    """The words of one agreement's progress, keyed for templates and the API."""
    item = INDICATORS[p.agreement.indicator]
    return {
        "kennzahl": item.id,
        "name": item.name,
        "thema": item.theme,
        "richtung": item.better,
        "ziel": value(p.agreement.target),
        "ist": value(p.actual),
        "monat": month(p.month),
        "hochrechnung": value(p.projection),
        "abstand": gap(p.gap),
        "status": STATUS_LABELS[p.status],
        "symbol": STATUS_MARKS[p.status][0],
        "css": STATUS_MARKS[p.status][1],
        "methode": METHOD_LABELS[p.method] if p.method else "",
        "anmerkung": p.agreement.note,
    }


@dataclass(frozen=True)
class JobcenterFollowUp:
    """One Jobcenter's part of the report."""

    name: str
    comparison_type: str
    note: str  # e.g. "synthetisches Demo-Jobcenter"
    agreements: Sequence[tuple[Agreement, Sequence[QuarterStatus]]]
    priorities: str = ""
    measures: str = ""


def quarter_of(follow_ups: Sequence[JobcenterFollowUp]) -> int | None:
    """The newest quarter reported for any agreement of the report."""
    quarters = [q.quarter for f in follow_ups for _a, qs in f.agreements for q in qs]
    return max(quarters) if quarters else None


def _row(agreement: Agreement, quarters: Sequence[QuarterStatus], quarter: int) -> str:
    item = INDICATORS[agreement.indicator]
    chosen = next((q for q in quarters if q.quarter == quarter), None)
    earlier = ", ".join(
        f"Q{q.quarter}: {STATUS_LABELS[q.progress.status]}" for q in quarters if q.quarter < quarter
    )
    if chosen is None:
        cells = [item.name, value(agreement.target), "–", "–", "–", "–", status(Status.NO_DATA)]
    else:
        p = chosen.progress
        cells = [
            item.name,
            value(agreement.target),
            value(p.actual),
            month(p.month),
            value(p.projection),
            gap(p.gap),
            status(p.status),
        ]
    cells.append(earlier or "–")
    body = f'<th scope="row" class="text">{escape(cells[0])}</th>' + "".join(
        f'<td class="{"text" if i >= 6 else "num"}">{escape(c)}</td>'
        for i, c in enumerate(cells[1:], start=1)
    )
    return f"<tr>{body}</tr>"


HEAD = (
    "Kennzahl",
    "Ziel",
    "Ist",
    "Monat",
    "Hochrechnung Dezember",
    "Abstand zum Ziel",
    "Stand",
    "frühere Quartale",
)


def render_follow_up(
    land: str,
    year: int,
    quarter: int,
    follow_ups: Sequence[JobcenterFollowUp],
    created: date,
) -> str:
    """The quarterly Zielnachhaltung of a Land: per Jobcenter its agreements, the value at
    the quarter's end, the projection to December and the status, with its planning document."""
    title = f"Zielnachhaltung {year}, {QUARTER_NAMES[quarter]} – {land}"
    counts = dict.fromkeys(Status, 0)
    for f in follow_ups:
        for _a, quarters in f.agreements:
            chosen = next((q for q in quarters if q.quarter == quarter), None)
            counts[chosen.progress.status if chosen else Status.NO_DATA] += 1
    summary = (
        "; ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in counts.items() if n)
        or "keine Zielvereinbarungen"
    )
    head = "".join(
        f'<th scope="col" class="{"text" if i in (0, 6, 7) else "num"}">{escape(h)}</th>'
        for i, h in enumerate(HEAD)
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f'<meta name="author" content="{escape(land)}">',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>Zielvereinbarungen nach § 48b SGB II – erstellt am {formatting.day(created)}. "
        f"Stand der Ziele: {escape(summary)}.</p>",
        '<p class="note">Ist: der Wert der Kennzahl nach § 48a SGB II im letzten Monat des '
        "Quartals (nach der Wartezeit von drei Monaten). Hochrechnung: Veränderung seit "
        "Dezember des Vorjahres linear bis Dezember fortgeschrieben. Abstand in "
        "Prozentpunkten, positiv = besser als vereinbart. gefährdet: die Hochrechnung "
        "verfehlt das Ziel um höchstens die Toleranz der Kennzahl.</p>",
    ]
    for f in follow_ups:
        heading = f"{f.name} (Vergleichstyp {f.comparison_type})"
        parts.append(f"<h2>{escape(heading)}</h2>")
        if f.note:
            parts.append(f'<p class="note">{escape(f.note)}</p>')
        if f.agreements:
            rows = "".join(_row(a, qs, quarter) for a, qs in f.agreements)
            parts.append(
                f"<table><caption>Ziele {year} von {escape(f.name)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            )
        else:
            parts.append(f"<p>Für {year} sind keine Ziele vereinbart.</p>")
        for label, text in (
            ("Lokale Schwerpunkte", f.priorities),
            ("Geplante Maßnahmen zur Zielerreichung", f.measures),
        ):
            if text.strip():
                paragraphs = "".join(
                    f"<p>{escape(p)}</p>" for p in text.strip().split("\n\n") if p.strip()
                )
                parts.append(f"<h3>{escape(label)}</h3>{paragraphs}")
    parts.append("</body></html>")
    return "".join(parts)
