"""Present figure results as table rows, CSV or JSON (German labels, JSON keyed by figure
code). Plain text only: the command line draws the tables."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from amp.core import formatting
from amp.kpi.basesql import GROUPS, LOCAL_GROUPS
from amp.kpi.engines import Number
from amp.kpi.figures import FIGURE_BY_CODE, Kind, Result, round_percent

GROUP_LABELS = {
    "insgesamt": "Insgesamt",
    "maenner": "Männer",
    "frauen": "Frauen",
    "u25": "unter 25 (lokal)",
}

UNITS = {
    Kind.VORJAHR: "Veränderung gegenüber dem Vorjahresmonat in %",
    Kind.RATE: "durchschnittliche Monatsrate der letzten zwölf Monate in %",
    Kind.QUOTE: "Quote der letzten zwölf Monate in %",
    Kind.RATIO12: "Anteil an den Integrationen der letzten zwölf Monate in %",
    Kind.SHARE: "Anteil im Berichtsmonat in %",
}

LOCAL_NOTE = "unter 25: lokale Zusatzauswertung, nicht Teil der Verordnung nach § 48a SGB II"


def german_number(value: Decimal) -> str:
    """Indicator values are shown to one decimal place (they are rounded to it already)."""
    return formatting.fixed(value, 1)


def _plain(value: Number | Decimal | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        if value == value.to_integral():
            return str(int(value))
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= -2:
            return str(value)  # money keeps its cents
        return str(round_percent(value))  # average stock of a twelve-month quota
    return str(value)


@dataclass(frozen=True)
class FigureTable:
    """The figures of one Jobcenter as rows of text, for a table on screen."""

    jobcenter: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str]  # reasons under the table


def figure_tables(results: list[Result]) -> list[FigureTable]:
    """One table per Jobcenter: code, name and the value per group, plus the notes."""
    out = []
    for jc in dict.fromkeys(r.jobcenter for r in results):
        rows = [r for r in results if r.jobcenter == jc]
        month = rows[0].month
        title = f"Kennzahlen nach § 48a SGB II — Jobcenter {jc}, Berichtsmonat {month}"
        columns = ["Kennzahl", "Bezeichnung", *(GROUP_LABELS[g] for g in GROUPS)]
        lines: list[list[str]] = []
        notes: list[str] = []
        for code in dict.fromkeys(r.code for r in rows):
            cells = []
            for group in GROUPS:
                r = next(x for x in rows if x.code == code and x.group == group)
                if r.value is not None:
                    cells.append(german_number(r.value))
                else:
                    cells.append("gesperrt" if r.suppressed else "–")
                    note = f"{code}: {r.reason}"
                    if r.reason and not r.suppressed and note not in notes:
                        notes.append(note)
            lines.append([code, FIGURE_BY_CODE[code].name, *cells])
        notes.append(LOCAL_NOTE)
        notes.append("gesperrt: weniger als 3 Personen (statistische Geheimhaltung)")
        out.append(FigureTable(jc, title, columns, lines, notes))
    return out


CSV_COLUMNS = [
    "jobcenter",
    "berichtsmonat",
    "kennzahl",
    "gruppe",
    "wert",
    "zaehler",
    "nenner",
    "hinweis",
    "lokal",
]


def as_csv(results: list[Result]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in results:
        writer.writerow(
            [
                r.jobcenter,
                r.month,
                r.code,
                r.group,
                "" if r.value is None else str(r.value),
                _plain(r.numerator) or "",
                _plain(r.denominator) or "",
                r.reason or "",
                "ja" if r.group in LOCAL_GROUPS else "nein",
            ]
        )
    return buffer.getvalue()


def as_json(results: list[Result], meta: dict[str, Any]) -> str:
    figures: dict[str, Any] = {}
    for r in results:
        fig = FIGURE_BY_CODE[r.code]
        entry = figures.setdefault(
            r.code,
            {
                "name": fig.name,
                "vorschrift": f"{fig.paragraph} SGB2§48aFKV",
                "einheit": UNITS[fig.kind],
                "werte": [],
            },
        )
        entry["werte"].append(
            {
                "jobcenter": r.jobcenter,
                "gruppe": r.group,
                "lokal": r.group in LOCAL_GROUPS,
                "wert": None if r.value is None else float(r.value),
                "zaehler": _plain(r.numerator),
                "nenner": _plain(r.denominator),
                "hinweis": r.reason,
            }
        )
    return json.dumps({**meta, "kennzahlen": figures}, ensure_ascii=False, indent=2)
