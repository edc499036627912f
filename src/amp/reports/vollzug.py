"""The Vollzug as tables and the monthly controlling report (HTML, PDF): one set of table
views for terminal, report and screen, and amp's own SVG chart beside its data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from amp.core import formatting
from amp.core.forecast import METHOD_LABELS
from amp.core.ledger.alerts import alerts
from amp.core.ledger.model import FUND_LABELS, Ledger
from amp.core.ledger.position import PACE_LABELS, Tolerance
from amp.core.ledger.series import cumulative, monthly_actuals
from amp.core.ledger.steering import LIGHT_LABELS, Steering
from amp.core.money import ZERO, round_half_up
from amp.core.periods import MONTH_NAMES
from amp.core.units import Unit
from amp.reports.charts import cumulative_chart
from amp.reports.tables import Cell, Row, RowKind, TableView

EUR, PCT = Unit.EUR, Unit.PERCENT


def _eur(value: Decimal | None) -> Cell:
    return Cell(value, EUR)


def _pct(value: Decimal | None) -> Cell:
    return Cell(None if value is None else round_half_up(value), PCT)


def lines_view(s: Steering) -> TableView:
    rows = []
    for line in s.position.lines:
        now = line.current
        forecast = s.forecasts[line.line]
        rows.append(
            Row(
                (
                    Cell(line.name),
                    _eur(now.plan),
                    _eur(now.actual),
                    _eur(now.open),
                    _eur(now.free),
                    _pct(now.exhaustion),
                    Cell(PACE_LABELS[line.pace]),
                    _eur(forecast.point),
                    _eur(s.deviation(line.line)),
                    Cell(LIGHT_LABELS[s.light(line.line)]),
                )
            )
        )
    t = s.position.totals[-1]
    rows.append(
        Row(
            (
                Cell("Summe"),
                _eur(t.plan),
                _eur(t.actual),
                _eur(t.open),
                _eur(t.free),
                _pct(t.exhaustion),
                Cell(""),
                _eur(s.total.point),
                _eur(s.total.point - t.plan),
                Cell(""),
            ),
            RowKind.TOTAL,
        )
    )
    return TableView(
        "vollzug",
        f"Vollzug je Planzeile, Stand {formatting.day(s.position.stand)}",
        (
            "Planzeile",
            "Planung",
            "Ist",
            "offene Bindungen",
            "frei",
            "Ausschöpfung",
            "Tempo",
            "Hochrechnung",
            "Hochrechnung − Planung",
            "Ampel",
        ),
        tuple(rows),
        (False, True, True, True, True, True, False, True, True, False),
        (
            "frei = Planung − Ist − offene Bindungen; Ausschöpfung = (Ist + offene Bindungen) "
            "÷ Planung. Ampel rot: die Hochrechnung übersteigt die Planung; gelb: weniger als "
            "5 % Luft oder mehr als ein Viertel bleibt übrig.",
        ),
    )


def forecast_view(s: Steering) -> TableView:
    rows = []
    names = {p.line: p.name for p in s.position.lines}
    for line_id, f in s.forecasts.items():
        chosen = next(b for b in f.backtests if b.method is f.method)
        mape = None if chosen.mape is None else Decimal(repr(chosen.mape * 100))
        i80, i95 = f.interval80, f.interval95
        rows.append(
            Row(
                (
                    Cell(names.get(line_id, line_id)),
                    Cell(METHOD_LABELS[f.method]),
                    _eur(f.point),
                    _eur(i80[0] if i80 else None),
                    _eur(i80[1] if i80 else None),
                    _eur(i95[0] if i95 else None),
                    _eur(i95[1] if i95 else None),
                    _pct(mape),
                    Cell(len(chosen.errors)),
                )
            )
        )
    t80, t95 = s.total.interval80, s.total.interval95
    rows.append(
        Row(
            (
                Cell("Summe"),
                Cell(""),
                _eur(s.total.point),
                _eur(t80[0] if t80 else None),
                _eur(t80[1] if t80 else None),
                _eur(t95[0] if t95 else None),
                _eur(t95[1] if t95 else None),
                Cell(None),
                Cell(None),
            ),
            RowKind.TOTAL,
        )
    )
    return TableView(
        "hochrechnung",
        f"Hochrechnung zum Jahresende, Stand {formatting.day(s.position.stand)}",
        (
            "Planzeile",
            "Methode",
            "Hochrechnung",
            "80 % von",
            "80 % bis",
            "95 % von",
            "95 % bis",
            "mittlerer Fehler im Rückblick",
            "Vergleichspunkte",
        ),
        tuple(rows),
        (False, False, True, True, True, True, True, True, True),
        (
            "Die Summe der Intervalle nimmt unabhängige Fehler der Zeilen an; sind die Fehler "
            "gleichgerichtet, ist das Intervall der Summe zu eng.",
        ),
    )


def funds_view(s: Steering) -> TableView:
    rows = tuple(
        Row(
            (
                Cell(FUND_LABELS[f.fund]),
                _eur(f.available),
                _eur(f.planned),
                _eur(f.actual),
                _eur(f.open),
                _eur(f.free),
            )
        )
        for f in s.position.funds
    )
    return TableView(
        "mittel",
        "Mittel im Jahr",
        ("Topf", "verfügbar", "verplant", "Ist", "offene Bindungen", "frei"),
        rows,
        (False, True, True, True, True, True),
        (
            "verfügbar = Zuweisung und ihre Änderungen − Umschichtung in die Verwaltung "
            "+ PAT-Einnahmen + Einnahmen aus Rückforderungen, bis zum Stand.",
        ),
    )


def proposals_view(s: Steering) -> TableView:
    names = {p.line: p.name for p in s.position.lines}
    rows = tuple(
        Row(
            (
                Cell(names.get(p.source, p.source)),
                Cell(names.get(p.target, p.target)),
                _eur(p.amount),
                Cell(p.reason),
            )
        )
        for p in s.reallocation.proposals
    )
    return TableView(
        "umschichtung",
        "Vorschläge zur Umschichtung",
        ("von", "nach", "Betrag", "Begründung"),
        rows,
        (False, False, True, False),
        (s.reallocation.rule,),
    )


def preload_view(s: Steering) -> TableView:
    rows = tuple(
        Row(
            (
                Cell(str(load.year)),
                _eur(load.total),
                _eur(load.authority),
                _eur(load.margin),
            )
        )
        for load in s.preloads
    )
    return TableView(
        "vorbelastungen",
        "Vorbelastungen der Folgejahre aus laufenden Bindungen",
        ("Jahr", "Vorbelastung", "Verpflichtungsermächtigung", "Spielraum für Neueintritte"),
        rows,
        (False, True, True, True),
    )


def month_view(s: Steering, line_id: str) -> TableView:
    line = s.position.line(line_id)
    rows = tuple(
        Row(
            (
                Cell(MONTH_NAMES[m.month.month - 1]),
                _eur(m.plan),
                _eur(m.actual),
                _eur(m.open),
                _eur(m.free),
                _pct(m.exhaustion),
            )
        )
        for m in line.months
    )
    return TableView(
        f"monate-{line_id}",
        f"{line.name}: Monat für Monat",
        ("Monat", "Planung", "Ist kumuliert", "offene Bindungen", "frei", "Ausschöpfung"),
        rows,
        (False, True, True, True, True, True),
    )


def curve(s: Steering, ledger: Ledger) -> tuple[str, TableView]:
    """The cumulative curve of the total and its data as a table."""
    year = s.position.year
    actual = [t.actual for t in s.position.totals]
    previous_months = monthly_actuals(ledger, year - 1)
    previous = (
        cumulative([sum((m[i] for m in previous_months.values()), ZERO) for i in range(12)])
        if previous_months
        else None
    )
    plan = s.position.totals[-1].plan
    svg = cumulative_chart(
        plan,
        actual,
        previous,
        s.total.point,
        s.total.interval80,
        f"Mittelabfluss {year} kumuliert gegen Planung und Vorjahr",
    )
    rows = tuple(
        Row(
            (
                Cell(MONTH_NAMES[i]),
                _eur(plan),
                _eur(actual[i] if i < len(actual) else None),
                _eur(previous[i] if previous else None),
            )
        )
        for i in range(12)
    )
    table = TableView(
        "kurve",
        "Daten der Grafik: Mittelabfluss kumuliert",
        ("Monat", "Planung", f"Ist {year}", f"Ist {year - 1}"),
        rows,
        (False, True, True, True),
        (f"Hochrechnung zum Jahresende: {formatting.money(s.total.point)}",),
    )
    return svg, table


def _table_html(view: TableView) -> str:
    head = "".join(
        f'<th scope="col" class="{"num" if view.numeric[i] else "text"}">{escape(c)}</th>'
        for i, c in enumerate(view.columns)
    )
    body = []
    for row in view.rows:
        cells = []
        for i, cell in enumerate(row.cells):
            text = _cell_text(cell)
            tag = 'th scope="row"' if i == 0 else "td"
            css = "num" if view.numeric[i] else "text"
            cells.append(f'<{tag} class="{css}">{escape(text)}</{tag.split()[0]}>')
        body.append(f'<tr class="{row.kind.value}">{"".join(cells)}</tr>')
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in view.notes)
    return (
        f"<table><caption>{escape(view.title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>{notes}"
    )


def _cell_text(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, Decimal) and cell.unit is not None:
        return formatting.number(value, cell.unit)
    return "" if value is None else str(value)


CSS = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #222; margin: 1.5em; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 1.4em; }
table { border-collapse: collapse; margin: 0.6em 0; width: 100%; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.3em; }
th, td { border-bottom: 1px solid #ccc; padding: 2px 4px; vertical-align: top; }
.num { text-align: right; white-space: nowrap; } .text { text-align: left; }
tr.total th, tr.total td { font-weight: bold; border-top: 1.5px solid #222; }
.note { font-size: 8pt; color: #444; margin: 0.2em 0 0.8em; }
@page { size: A4 landscape; margin: 14mm; }
"""


def render_report(
    s: Steering,
    ledger: Ledger,
    jobcenter: str,
    created: date,
    tolerance: Tolerance | None = None,
) -> str:
    """The monthly controlling report for Leitung and Beirat, as one HTML document. Its
    Warnungen are those of the Warnungen screen (amp.core.ledger.alerts), judged with the
    availability check's `tolerance`."""
    year, stand = s.position.year, formatting.day(s.position.stand)
    title = f"Controllingbericht Eingliederungsmittel {year}, Stand {stand}"
    svg, data = curve(s, ledger)
    short = [p for p in s.position.lines if s.forecasts[p.line].point > p.current.plan]
    summary = (
        f"Hochrechnung zum Jahresende {formatting.money(s.total.point)} bei einer Planung von "
        f"{formatting.money(s.position.totals[-1].plan)}"
        + (
            f" (80 %-Intervall {formatting.money(s.total.interval80[0])} bis "
            f"{formatting.money(s.total.interval80[1])})"
            if s.total.interval80
            else ""
        )
        + f". {len(short)} Planzeile(n) reichen voraussichtlich nicht."
    )
    findings = "".join(
        f"<li><strong>{escape(a.severity.value)}:</strong> {escape(a.message)}</li>"
        for a in alerts(s, tolerance)
    )
    explanations = "".join(
        f"<h3>{escape(p.name)}</h3><ul>"
        + "".join(f"<li>{escape(e)}</li>" for e in s.forecasts[p.line].explanation)
        + "</ul>"
        for p in s.position.lines
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f'<meta name="author" content="{escape(jobcenter)}">',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(jobcenter)} – erstellt am {formatting.day(created)}</p>",
        f"<p>{escape(summary)}</p>",
        f"<figure>{svg}<figcaption>Mittelabfluss kumuliert; Daten in der Tabelle darunter."
        "</figcaption></figure>",
        _table_html(data),
        "<h2>Vollzug je Planzeile</h2>",
        _table_html(lines_view(s)),
        "<h2>Hochrechnung</h2>",
        _table_html(forecast_view(s)),
        "<h2>Mittel</h2>",
        _table_html(funds_view(s)),
        "<h2>Umschichtung</h2>",
        _table_html(proposals_view(s))
        if s.reallocation.proposals
        else "<p>Keine Umschichtung nötig oder möglich.</p>",
        "<h2>Vorbelastungen</h2>",
        _table_html(preload_view(s)),
        "<h2>Warnungen</h2>",
        f"<ul>{findings}</ul>" if findings else "<p>Keine.</p>",
        "<h2>Wie die Hochrechnungen entstehen</h2>",
        explanations,
        "</body></html>",
    ]
    return "\n".join(parts)


def columns(view: TableView, chosen: tuple[int, ...]) -> TableView:
    """The view with only the chosen columns (for a narrow terminal)."""
    return TableView(
        view.key,
        view.title,
        tuple(view.columns[i] for i in chosen),
        tuple(Row(tuple(row.cells[i] for i in chosen), row.kind) for row in view.rows),
        tuple(view.numeric[i] for i in chosen),
        view.notes,
    )


def _money(value: Any) -> str | None:
    return None if value is None else str(value)


def position_data(s: Steering) -> dict[str, Any]:
    """The position, funds, Vorbelastungen and findings as JSON values (amounts as text):
    `amp vollzug stand --format json` and the JSON API."""
    return {
        "jahr": s.position.year,
        "stand": s.position.stand.isoformat(),
        "zeilen": [
            {
                "zeile": p.line,
                "name": p.name,
                "topf": p.fund.value,
                "tempo": p.pace.value,
                "ampel": s.light(p.line).value,
                "monate": [
                    {
                        "monat": str(m.month),
                        "planung": str(m.plan),
                        "ist": str(m.actual),
                        "offen": str(m.open),
                        "frei": str(m.free),
                        "ausschoepfung": _money(m.exhaustion),
                    }
                    for m in p.months
                ],
            }
            for p in s.position.lines
        ],
        "mittel": [
            {
                "topf": f.fund.value,
                "verfuegbar": str(f.available),
                "verplant": str(f.planned),
                "ist": str(f.actual),
                "offen": str(f.open),
                "frei": str(f.free),
            }
            for f in s.position.funds
        ],
        "vorbelastungen": [
            {
                "jahr": load.year,
                "summe": str(load.total),
                "je_instrument": {k: str(v) for k, v in load.by_instrument.items()},
                "verpflichtungsermaechtigung": _money(load.authority),
                "spielraum": _money(load.margin),
            }
            for load in s.preloads
        ],
        "hinweise": [
            {"regel": f.rule, "schwere": f.severity.value, "meldung": f.message}
            for f in s.position.findings
        ],
    }


def forecast_data(s: Steering) -> dict[str, Any]:
    """The forecasts with intervals, backtests and explanations and the Umschichtung as
    JSON values: `amp vollzug hochrechnung --format json` and the JSON API."""

    def interval(pair: tuple[Any, Any] | None) -> list[str] | None:
        return None if pair is None else [str(pair[0]), str(pair[1])]

    return {
        "stand": s.position.stand.isoformat(),
        "summe": {
            "hochrechnung": str(s.total.point),
            "intervall80": interval(s.total.interval80),
            "intervall95": interval(s.total.interval95),
        },
        "zeilen": [
            {
                "zeile": line,
                "methode": f.method.value,
                "hochrechnung": str(f.point),
                "ist": str(f.actual),
                "intervall80": interval(f.interval80),
                "intervall95": interval(f.interval95),
                "alternativen": {m.value: str(v) for m, v in f.alternatives.items()},
                "rueckblick": [
                    {"methode": b.method.value, "fehler": list(b.errors), "punkte": list(b.points)}
                    for b in f.backtests
                ],
                "erklaerung": list(f.explanation),
                "einmalig_effekt": _money(f.one_off_effect),
            }
            for line, f in s.forecasts.items()
        ],
        "umschichtung": {
            "regel": s.reallocation.rule,
            "vorschlaege": [
                {"von": p.source, "nach": p.target, "betrag": str(p.amount), "grund": p.reason}
                for p in s.reallocation.proposals
            ],
            "ungedeckt": {k: str(v) for k, v in s.reallocation.uncovered.items()},
            "ausgeschlossen": s.reallocation.excluded,
        },
    }
