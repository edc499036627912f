"""The monthly controlling report as PDF: the demo's Vollzug, its chart and tables."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from pypdf import PdfReader

from amp.core.ledger.alerts import alerts
from amp.core.ledger.steering import steer
from amp.example import DEMO_PLAN
from amp.io.ledger.store import load_ledger
from amp.io.plan_dir import load_plan
from amp.reports.pdf import write_pdf
from amp.reports.vollzug import render_report

EXAMPLE = DEMO_PLAN


def test_report_pdf_has_chart_tables_and_explanations(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE).plan
    data = load_ledger(EXAMPLE / "vollzug", plan)
    result = steer(data.ledger, 2024, date(2024, 10, 31))
    html = render_report(
        result, data.ledger, plan.jobcenter.name, date(2024, 11, 4), data.config.tolerance
    )
    assert html.count("<svg") == 1
    assert "<caption>Daten der Grafik: Mittelabfluss kumuliert</caption>" in html
    write_pdf(html, tmp_path / "bericht.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "bericht.pdf").pages)
    assert "Controllingbericht Eingliederungsmittel 2024, Stand 31.10.2024" in text
    assert "erstellt am 04.11.2024" in text
    assert "Vorschläge zur Umschichtung" in text
    assert "Das Konto 68511.999 ist keiner Planzeile zugeordnet" in text
    # the Warnungen of the screen: lines running short or staying over
    for alert in alerts(result, data.config.tolerance):
        assert escape(alert.message) in html
