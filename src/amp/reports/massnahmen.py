"""Measure controlling as tables (terminal, screen, report) and the Eingliederungsbilanz as
HTML/PDF and XLSX: one set of table views for every output."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from html import escape
from io import BytesIO

from amp.core import formatting
from amp.core.money import round_half_up
from amp.core.occupancy.bilanz import Bilanz
from amp.core.occupancy.costs import LineCost
from amp.core.occupancy.model import PRICE_BASIS_LABELS, Contract
from amp.core.occupancy.occupancy import MonthOccupancy, UnderOccupancy, YearOccupancy
from amp.core.occupancy.tenders import TENDER_STATUS_LABELS, OptionDue, TenderItem
from amp.core.occupancy.vouchers import VoucherRow
from amp.core.periods import MONTH_NAMES
from amp.core.units import Unit
from amp.reports.tables import Cell, Row, RowKind, TableView
from amp.reports.vollzug import CSS, _table_html

EUR, PCT, COUNT = Unit.EUR, Unit.PERCENT, Unit.COUNT


def _eur(value: Decimal | None) -> Cell:
    return Cell(None if value is None else round_half_up(value), EUR)


def _pct(value: Decimal | None) -> Cell:
    return Cell(None if value is None else round_half_up(value), PCT)


def _num(value: Decimal | int | None, places: int = 0) -> Cell:
    if value is None:
        return Cell(None)
    return Cell(round_half_up(Decimal(value), places), COUNT)


def occupancy_view(
    years: Sequence[YearOccupancy], names: Mapping[str, str], title: str
) -> TableView:
    rows = []
    for y in years:
        last = y.months[-1] if y.months else None
        rows.append(
            Row(
                (
                    Cell(names.get(y.measure, y.measure)),
                    _num(last.places if last else None),
                    _num(y.average_stock, 1),
                    _pct(y.occupancy),
                    _num(y.assignments),
                    _num(y.entries),
                    _pct(y.no_show_rate),
                    _num(y.exits),
                    _pct(y.dropout_rate),
                    _eur(y.cost),
                    _eur(y.cost_per_occupied_place),
                )
            )
        )
    return TableView(
        "belegung",
        title,
        (
            "Maßnahme",
            "Plätze",
            "Ø Bestand",
            "Auslastung",
            "Zuweisungen",
            "Eintritte",
            "Nichtantrittsquote",
            "Austritte",
            "Abbruchquote",
            "Kosten",
            "Kosten je besetztem Platz und Monat",
        ),
        tuple(rows),
        (False, *([True] * 10)),
        give_way=(4, 7, 9, 8, 6, 1, 2),
    )


def month_view(months: Sequence[MonthOccupancy], title: str) -> TableView:
    rows = tuple(
        Row(
            (
                Cell(f"{MONTH_NAMES[m.month.month - 1]} {m.month.year}"),
                _num(m.places),
                _num(m.average_stock, 1),
                _num(m.flows.stock_end),
                _pct(m.occupancy),
                _num(m.flows.assignments),
                _num(m.flows.entries),
                _num(m.flows.no_shows),
                _num(m.flows.exits_regular),
                _num(m.flows.exits_dropout),
                _num(m.flows.exits_integration),
                _pct(m.no_show_rate),
                _pct(m.dropout_rate),
                _eur(m.cost),
                _eur(m.cost_per_occupied_place),
            )
        )
        for m in months
    )
    return TableView(
        "monate",
        title,
        (
            "Monat",
            "Plätze",
            "Ø Bestand",
            "Bestand am Monatsende",
            "Auslastung",
            "Zuweisungen",
            "Eintritte",
            "Nichtantritte",
            "Austritte regulär",
            "Abbrüche",
            "Integrationen",
            "Nichtantrittsquote",
            "Abbruchquote",
            "Kosten",
            "Kosten je besetztem Platz",
        ),
        rows,
        (False, *([True] * 14)),
        give_way=(3, 5, 7, 8, 9, 10, 13, 11, 12, 14, 2, 1),
    )


def contracts_view(contracts: Sequence[Contract], title: str) -> TableView:
    rows = []
    for c in contracts:
        options = "; ".join(
            f"bis {formatting.day(o.end)} (ziehen bis {formatting.day(o.draw_by)}"
            f"{', gezogen' if o.drawn else ''})"
            for o in c.options
        )
        rows.append(
            Row(
                (
                    Cell(c.id),
                    Cell(c.lot or ""),
                    Cell(c.provider or ""),
                    Cell(", ".join(c.sites)),
                    Cell(f"{formatting.day(c.start)} – {formatting.day(c.current_end)}"),
                    _num(c.places),
                    Cell(f"{formatting.money(c.price)} {PRICE_BASIS_LABELS[c.basis]}"),
                    _num(c.hours_per_month),
                    _eur(c.value),
                    Cell(options or "keine"),
                    Cell(formatting.day(c.awarded_on) if c.awarded_on else "nicht vergeben"),
                )
            )
        )
    return TableView(
        "vertraege",
        title,
        (
            "Vertrag",
            "Los",
            "Träger",
            "Standorte",
            "Laufzeit",
            "Plätze",
            "Preis",
            "Stunden je Monat",
            "Vertragswert",
            "Optionen",
            "Vergeben am",
        ),
        tuple(rows),
        (False, False, False, False, False, True, True, True, True, False, False),
        give_way=(3, 7, 1, 9, 2, 10, 8, 6),
    )


def tender_view(items: Sequence[TenderItem], names: Mapping[str, str], title: str) -> TableView:
    rows = tuple(
        Row(
            (
                Cell(formatting.day(i.due)),
                Cell(names.get(i.contract.measure, i.contract.measure)),
                Cell(i.contract.lot or ""),
                Cell(TENDER_STATUS_LABELS[i.status] + (" (Warnung)" if i.alert else "")),
                Cell(i.text),
            )
        )
        for i in items
    )
    return TableView(
        "ausschreibungen",
        title,
        ("Datum", "Maßnahme", "Los", "Stand", "Erläuterung"),
        rows,
        (False, False, False, False, False),
        give_way=(2,),
    )


def alerts_text(
    under: Sequence[UnderOccupancy],
    tenders: Sequence[TenderItem],
    options: Sequence[OptionDue],
    names: Mapping[str, str],
) -> list[str]:
    """The alerts as German sentences."""
    lines = []
    for u in under:
        rates = ", ".join(
            formatting.percent(round_half_up(m.occupancy or Decimal(0), 1), 1) for m in u.months
        )
        lines.append(
            f"{names.get(u.measure, u.measure)}: Auslastung unter "
            f"{formatting.percent(u.threshold, 0)} in {len(u.months)} Monaten in Folge ({rates})."
        )
    for t in tenders:
        lines.append(f"{names.get(t.contract.measure, t.contract.measure)}: {t.text}.")
    for o in options:
        lines.append(
            f"{names.get(o.contract.measure, o.contract.measure)}: Option bis "
            f"{formatting.day(o.option.end)} ist bis {formatting.day(o.option.draw_by)} zu "
            f"ziehen (noch {o.days_left} Tage)."
        )
    return lines


def voucher_view(rows: Sequence[VoucherRow], title: str, quarters: bool = True) -> TableView:
    out = []
    for r in rows:
        cells = [Cell(r.goal.name), Cell(r.goal.group or "")]
        if quarters:
            for q in r.quarters:
                planned = "" if q.planned is None else formatting.count(q.planned)
                cells.append(
                    Cell(
                        f"{formatting.count(q.issued)} / {planned}"
                        if planned
                        else formatting.count(q.issued)
                    )
                )
        y = r.year
        cells += [
            _num(y.planned),
            _num(y.issued),
            _pct(y.against_plan),
            _num(y.redeemed),
            _pct(y.redemption_rate),
            _num(y.mean_delay, 1),
            _num(y.expired),
            _num(y.open),
        ]
        out.append(Row(tuple(cells), RowKind.TOTAL if r.goal.name == "Summe" else RowKind.LINE))
    head = ["Ziel", "Art"]
    if quarters:
        head += [f"{q}. Quartal (ausgegeben / geplant)" for q in range(1, 5)]
    head += [
        "geplant",
        "ausgegeben",
        "ausgegeben in % des Plans",
        "eingelöst",
        "Einlösequote",
        "Ø Tage bis zur Einlösung",
        "verfallen",
        "offen",
    ]
    numeric = [False, False] + ([True] * 4 if quarters else []) + [True] * 8
    n = len(head)
    order = (1, *range(2, 6)) if quarters else (1,)
    order += (n - 3, n - 2, n - 1, n - 5)  # delay, expired, open, share of plan
    return TableView("gutscheine", title, tuple(head), tuple(out), tuple(numeric), give_way=order)


def costs_view(costs: Sequence[LineCost], title: str) -> TableView:
    rows = []
    for c in costs:
        places = (
            ""
            if c.line.places is None
            else ("ca. " if c.line.approximate else "") + formatting.count(c.line.places)
        )
        rows.append(
            Row(
                (
                    Cell(c.line.name),
                    Cell(places),
                    _num(c.contracted_places),
                    _eur(c.line.plan),
                    _eur(c.expected),
                    _eur(c.difference),
                    Cell(
                        "Plätze geplant, keine Maßnahme zugeordnet"
                        if c.places_without_measure
                        else ""
                    ),
                )
            )
        )
    return TableView(
        "kosten",
        title,
        (
            "Planzeile",
            "Plätze laut Plan",
            "Plätze in Verträgen",
            "Planung",
            "Erwartete Kosten (Plätze × Preis)",
            "Planung − erwartete Kosten",
            "Hinweis",
        ),
        tuple(rows),
        (False, True, True, True, True, True, False),
        give_way=(6, 2, 1),
    )


def bilanz_view(b: Bilanz, microdata: bool = False) -> TableView:
    rows = []
    for r in b.rows:
        rows.append(
            Row(
                (
                    Cell(r.name),
                    _eur(r.plan),
                    _eur(r.spending),
                    _pct(r.spending_share_of_plan),
                    _pct(b.share_of_spending(r)),
                    _num(r.entries),
                    _num(r.average_stock, 1),
                    _num(r.planned_places),
                    _pct(r.women.percent),
                    _pct(r.long_term.percent),
                    _pct(r.under_25.percent),
                    _num(r.observed_exits),
                    _pct(r.employed_after.percent),
                    _eur(r.cost_per_entry),
                    _eur(r.cost_per_integration),
                )
            )
        )
    rows.append(
        Row(
            (
                Cell("Summe"),
                _eur(b.total_plan),
                _eur(b.total_spending),
                _pct(b.total_spending * 100 / b.total_plan if b.total_plan else None),
                _pct(Decimal(100) if b.total_spending else None),
                _num(sum(r.entries for r in b.rows)),
                _num(sum((r.average_stock for r in b.rows), Decimal(0)), 1),
                _num(sum(r.planned_places or 0 for r in b.rows)),
                *(Cell(None) for _ in range(7)),
            ),
            RowKind.TOTAL,
        )
    )
    return TableView(
        "bilanz",
        f"Eingliederungsbilanz {b.year} (Stand {formatting.day(b.as_of)})",
        BILANZ_COLUMNS,
        tuple(rows),
        (False, *([True] * 14)),
        notes=(BILANZ_NOTES[0], MICRODATA_NOTE if microdata else BILANZ_NOTES[1], BILANZ_NOTES[2]),
        give_way=(4, 7, 11, 3, 9, 10, 14, 6, 8, 13, 1),
    )


BILANZ_COLUMNS = (
    "Instrument",
    "Planung",
    "Ausgaben (Ist)",
    "Ausgaben in % der Planung",
    "Anteil an den Ausgaben",
    "Eintritte",
    "Ø Bestand",
    "Plätze laut Plan",
    "Frauenanteil",
    "Anteil LZB",
    "Anteil unter 25",
    "Austritte mit Verbleib nach 6 Monaten",
    "Eingliederungsquote (SV-Beschäftigung 6 Monate nach Austritt)",
    "Ausgaben je Eintritt",
    "Ausgaben je Integration",
)
MICRODATA_NOTE = (
    "Der Verbleib in sozialversicherungspflichtiger Beschäftigung stammt aus den Mikrodaten "
    "der Kennzahlen (Tabelle beschaeftigung, dieselben Pseudonyme), wo sie die Person und den "
    "Monat kennen; sonst aus dem Feld der Teilnahmedaten."
)
BILANZ_NOTES = (
    "Definitionen und Rechtsgrundlagen: docs/massnahmen.md. Anteile unter den Eintritten "
    "des Jahres mit bekanntem Merkmal; Eingliederungsquote unter den Austritten des Jahres, "
    "deren sechs Monate bis zum Stand vorbei sind, mit bekanntem Verbleib.",
    "Der Verbleib in sozialversicherungspflichtiger Beschäftigung stammt aus dem Feld "
    "„SV-Beschäftigung nach 6 Monaten“ der Teilnahmedaten, nicht aus den Mikrodaten der "
    "Kennzahlen.",
    "Instrumente ohne Teilnahmedaten (z. B. Eingliederungszuschüsse) zeigen nur das Geld.",
)


def render_bilanz(
    b: Bilanz, jobcenter: str, created: date, synthetic: bool, microdata: bool = False
) -> str:
    """The Eingliederungsbilanz as one self-contained HTML document."""
    title = f"Eingliederungsbilanz {b.year}"
    view = bilanz_view(b, microdata)
    warning = (
        "<p><strong>Hinweis: Die Teilnahmedaten sind synthetische Demo-Daten.</strong></p>"
        if synthetic
        else ""
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="de"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f'<meta name="author" content="{escape(jobcenter)}">',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(jobcenter)} – Stand {formatting.day(b.as_of)} – erstellt am "
        f"{formatting.day(created)}</p>",
        warning,
        "<p>Nach § 54 SGB II a.F. i.V.m. § 11 Abs. 2 SGB III a.F. (für zugelassene kommunale "
        "Träger mit § 6b SGB II): Mitteleinsatz, geförderte Personengruppen und Wirkung der "
        "Förderung je Instrument.</p>",
        _table_html(view),
        "</body></html>",
    ]
    return "\n".join(parts)


def bilanz_xlsx(b: Bilanz, jobcenter: str, synthetic: bool, microdata: bool = False) -> bytes:
    """The Bilanz as a workbook: one sheet with the table (numbers as numbers), one with
    the definitions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Eingliederungsbilanz"
    ws.append([f"Eingliederungsbilanz {b.year} – {jobcenter} – Stand {formatting.day(b.as_of)}"])
    ws["A1"].font = Font(bold=True)
    if synthetic:
        ws.append(["Hinweis: Die Teilnahmedaten sind synthetische Demo-Daten."])
    ws.append(list(BILANZ_COLUMNS))
    header_row = ws.max_row
    for head in ws[header_row]:
        head.font = Font(bold=True)
    view = bilanz_view(b, microdata)
    for row in view.rows:
        values: list[object] = []
        for item in row.cells:
            v = item.value
            if isinstance(v, Decimal):
                values.append(float(v / 100) if item.unit is PCT else float(v))
            else:
                values.append(v)
        ws.append(values)
        for i, item in enumerate(row.cells):
            target = ws.cell(ws.max_row, i + 1)
            if item.unit is EUR:
                target.number_format = '#,##0.00 "€"'
            elif item.unit is PCT:
                target.number_format = "0.0 %"
            if row.kind is RowKind.TOTAL:
                target.font = Font(bold=True)
    ws.freeze_panes = f"B{header_row + 1}"
    ws.column_dimensions["A"].width = 48
    notes = wb.create_sheet("Definitionen")
    notes.append(["Begriff", "Definition", "Rechtsgrundlage"])
    for term, text, law in BILANZ_DEFINITIONS:
        notes.append([term, text, law])
    for note in view.notes:
        notes.append(["Hinweis", note, ""])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


BILANZ_DEFINITIONS = (
    (
        "Ausgaben (Ist)",
        "Buchungen des Jahres bis zum Stand auf die Planzeilen des Instruments",
        "§ 11 Abs. 2 Nr. 1 SGB III a.F. i.V.m. § 54 SGB II a.F.; § 6b Abs. 2 SGB II",
    ),
    (
        "Eintritte",
        "Eintritte des Jahres in Maßnahmen des Instruments",
        "§ 11 Abs. 2 Nr. 2 SGB III a.F.",
    ),
    (
        "Ø Bestand",
        "Teilnehmertage des Jahres bis zum Stand geteilt durch dessen Kalendertage",
        "§ 11 Abs. 2 SGB III a.F. (Teilnehmende)",
    ),
    (
        "Frauenanteil",
        "Frauen unter den Eintritten mit bekanntem Geschlecht",
        "§ 11 Abs. 2 Nr. 4 SGB III a.F.",
    ),
    (
        "Anteil LZB / unter 25",
        "Langzeitleistungsbeziehende bzw. unter 25-Jährige unter den Eintritten mit bekanntem "
        "Merkmal",
        "§ 11 Abs. 2 Nr. 3 SGB III a.F.; § 48a SGB II (LZB)",
    ),
    (
        "Eingliederungsquote",
        "Austritte, die sechs Monate danach sozialversicherungspflichtig beschäftigt sind, "
        "unter den Austritten des Jahres mit bekanntem Verbleib, deren sechs Monate bis zum "
        "Stand vorbei sind",
        "§ 11 Abs. 2 Nr. 6 Buchst. b SGB III a.F.",
    ),
    (
        "Ausgaben je Eintritt / je Integration",
        "Ausgaben geteilt durch die Eintritte bzw. die Austritte mit Grund „Integration“",
        "§ 11 Abs. 2 Nr. 2 SGB III a.F.",
    ),
)
