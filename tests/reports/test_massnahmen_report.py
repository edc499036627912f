"""The Eingliederungsbilanz as PDF and XLSX: the tiny hand-made case's values arrive."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook
from pypdf import PdfReader

from amp.core.occupancy import ExitReason, FlowEvent, FlowKind
from amp.core.occupancy.bilanz import Bilanz, InstrumentPlan, bilanz
from amp.reports.massnahmen import BILANZ_COLUMNS, bilanz_xlsx, render_bilanz
from amp.reports.pdf import pdf_bytes


def _tiny() -> Bilanz:
    events = [
        FlowEvent("1", "A", "m1", FlowKind.ENTRY, date(2023, 1, 1), woman=True, long_term=True),
        FlowEvent(
            "2",
            "A",
            "m1",
            FlowKind.EXIT,
            date(2023, 6, 30),
            ExitReason.INTEGRATION,
            employed_after=True,
        ),
        FlowEvent("3", "B", "m1", FlowKind.ENTRY, date(2023, 7, 1), woman=False, long_term=False),
    ]
    plans = [
        InstrumentPlan("akt", "Aktivierung", Decimal(10000), 2),
        InstrumentPlan("egz", "EGZ", Decimal(5000)),
    ]
    return bilanz(2023, date(2024, 6, 30), plans, {"akt": Decimal(8000)}, events, {"m1": "akt"})


def test_bilanz_workbook_holds_numbers_and_definitions() -> None:
    wb = load_workbook(BytesIO(bilanz_xlsx(_tiny(), "Jobcenter Test", synthetic=True)))
    ws = wb["Eingliederungsbilanz"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][0] == "Hinweis: Die Teilnahmedaten sind synthetische Demo-Daten."
    header = rows[2]
    assert tuple(header) == BILANZ_COLUMNS
    akt = dict(zip(header, rows[3], strict=True))
    assert akt["Instrument"] == "Aktivierung"
    assert akt["Ausgaben (Ist)"] == 8000
    assert akt["Eintritte"] == 2
    assert akt["Frauenanteil"] == 0.5
    assert akt["Eingliederungsquote (SV-Beschäftigung 6 Monate nach Austritt)"] == 1.0
    assert akt["Ausgaben je Eintritt"] == 4000
    assert akt["Ausgaben je Integration"] == 8000
    total = dict(zip(header, rows[5], strict=True))
    assert (total["Instrument"], total["Planung"], total["Ausgaben (Ist)"]) == (
        "Summe",
        15000,
        8000,
    )
    definitions = [r[0] for r in wb["Definitionen"].iter_rows(values_only=True)]
    assert "Eingliederungsquote" in definitions


def test_bilanz_pdf_reads_as_german_table() -> None:
    html = render_bilanz(_tiny(), "Jobcenter Test", date(2024, 7, 1), synthetic=False)
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf_bytes(html))).pages)
    assert "Eingliederungsbilanz 2023" in text
    assert "4.000,00 €" in text  # Ausgaben je Eintritt
    assert "50,00 %" in text  # Frauenanteil
    assert "synthetisch" not in text
