"""The report "Tabellen und Übersichten" as HTML and PDF: figures, findings, no fetching."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from amp.cli import app
from amp.core import formatting
from amp.core.checks import check_plan
from amp.core.findings import Finding
from amp.core.plan import Plan
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.reports.html import render_html
from amp.reports.pdf import pdf_bytes
from amp.rules.legal_facts import legal_facts

EXAMPLE = DEMO_PLAN
runner = CliRunner()


@pytest.fixture(scope="module")
def example_findings() -> tuple[Plan, list[Finding]]:
    loaded = load_plan(EXAMPLE)
    return loaded.plan, check_plan(loaded.plan, legal_facts(loaded.plan.year, EXAMPLE))


@pytest.fixture(scope="module")
def html(example_findings: tuple[Plan, list[Finding]]) -> str:
    plan, findings = example_findings
    return render_html(plan, findings)


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory: pytest.TempPathFactory) -> tuple[PdfReader, str]:
    target = tmp_path_factory.mktemp("bericht") / "plan.pdf"
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "--format", "pdf", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(BytesIO(target.read_bytes()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_html_is_german_titled_and_self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="de">' in html
    assert "<title>Arbeitsmarktprogramm 2024 — Tabellen und Übersichten</title>" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", html, re.I)
    assert not re.search(r"url\(\s*[\"']?(?:https?:|//)", html, re.I)
    assert "<script" not in html
    assert "<link" not in html
    assert "@import" not in html


def test_every_chart_has_a_caption_and_its_data_as_text(html: str) -> None:
    figures = re.findall(r"<figure>(.*?)</figure>", html, re.DOTALL)
    assert len(figures) == 3
    for figure in figures:
        assert re.search(r'<svg [^>]*role="img" aria-label="[^"]+"', figure)
        assert "<figcaption>" in figure
        assert "Daten der Grafik:" in figure
    assert "18,64 %" in figures[1]  # the target groups: amount and share of each


def test_html_shows_computed_totals_and_what_was_printed(html: str) -> None:
    assert "19.368.174,00 €" in html  # Eingliederungsmittel planned, computed
    assert "18.336.016,90 €" in html  # Gesamtsummen Hochrechnung, computed
    assert "gedruckt: 18.282.016,90 €" in html  # … where the document printed another value
    assert "Stand</dt><dd>06.11.2023" in html


def test_table_of_contents_links_every_section(html: str) -> None:
    targets = re.findall(r'<a href="#([^"]+)">', html)
    assert targets
    for target in targets:
        assert f'id="{target}"' in html


def test_pdf_has_title_language_and_page_numbers(pdf_text: tuple[PdfReader, str]) -> None:
    reader, text = pdf_text
    assert reader.metadata is not None
    assert reader.metadata.title == "Arbeitsmarktprogramm 2024 — Tabellen und Übersichten"
    assert reader.trailer["/Root"].get("/Lang") == "de"
    pages = len(reader.pages)
    assert pages > 5
    assert f"Seite 3 von {pages}" in text


def test_pdf_text_carries_the_key_figures_german_formatted(
    pdf_text: tuple[PdfReader, str],
) -> None:
    _, text = pdf_text
    for figure in ("19.368.174,00 €", "18,64 %", "100,00 %", "7.601.544,82 €", "06.11.2023"):
        assert figure in text, figure
    for section in ("Mittelausstattung", "Finanzplanung der Eingliederungsmittel", "Förderketten"):
        assert section in text


def test_pdf_appendix_lists_printed_and_computed_values(
    pdf_text: tuple[PdfReader, str], example_findings: tuple[Plan, list[Finding]]
) -> None:
    _, text = pdf_text
    _, findings = example_findings
    appendix = text[text.index("Anhang: Befunde der Prüfung", text.index("Inhalt") + 10) :]
    compared = [f for f in findings if f.printed is not None and f.computed is not None]
    assert compared
    for finding in compared:
        assert formatting.number(finding.printed, finding.unit) in appendix
        assert formatting.number(finding.computed, finding.unit) in appendix
    assert "7.547.544,82 €" in appendix  # printed group sum
    assert "-54.000,00 €" in appendix  # its difference
    assert "Folgefehler von:" in appendix  # totals that only repeat a wrong group sum


def test_html_format_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "--format", "html", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert '<html lang="de">' in target.read_text("utf-8")


@pytest.mark.parametrize("output_format", ["pdf", "html"])
def test_bad_output_path_is_a_german_error(tmp_path: Path, output_format: str) -> None:
    target = tmp_path / "fehlt" / f"plan.{output_format}"
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "--format", output_format, "--output", str(target)]
    )
    assert result.exit_code == 2
    assert "Der Bericht kann nicht geschrieben werden" in result.output
    assert "gibt es nicht" in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


def test_output_directory_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "--format", "pdf", "--output", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "ist ein Verzeichnis" in result.output


def test_pdf_fetches_nothing() -> None:
    document = pdf_bytes(
        '<html lang="de"><title>t</title><img src="http://example.invalid/x.png">'
        '<p style="background: url(https://example.invalid/y.png)">x</p></html>'
    )
    assert document.startswith(b"%PDF")


def test_foerderketten_are_lists_of_stages_and_offers(html: str) -> None:
    chains = html[html.index('id="foerderketten"') : html.index('id="befunde"')]
    assert "<table" not in chains
    assert '<ol class="stages">' in chains
    for one in chains.split('<div class="chain">')[1:]:
        assert one.count('<span class="stage">begleitend</span>') <= 1  # one list per chain
    assert "Sprachförderung" in chains


def test_year_over_year_changes_carry_their_sign(html: str) -> None:
    funding = html[html.index('id="mittelausstattung"') : html.index('id="finanzplanung"')]
    assert "+815.174,00 €" in funding  # Verwaltungsmittel insgesamt 2024 against 2023
    assert "+2,59 %" in funding
    assert "-3.061.599,00 €" in funding
    assert "-13,65 %" in funding


def test_pdf_is_tagged_pdf_ua_1_with_headings_and_table_headers(
    pdf_text: tuple[PdfReader, str],
) -> None:
    """Every PDF amp writes through `amp.reports.pdf` is tagged (BITV 2.0): structure tree,
    marked content, PDF/UA-1 identifier, headings and table header cells."""
    reader, _ = pdf_text
    root: Any = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid" in xmp
    kinds: set[str] = set()

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "get") and "/S" in node:
            kinds.add(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    walk(root["/StructTreeRoot"]["/K"])
    assert {"/H1", "/Table", "/TH"} <= kinds, kinds
