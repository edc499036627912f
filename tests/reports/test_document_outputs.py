"""The whole Arbeitsmarktprogramm as tagged PDF (PDF/UA-1), HTML and DOCX.

What is validated of PDF/UA-1 here (veraPDF, the reference validator, is a Java program
that no package registry this project uses ships): the PDF/UA identification in the XMP
metadata (pdfuaid:part 1) and the title shown as window title; a tagged document
(MarkInfo /Marked, a structure tree whose every page content is reached through the
ParentTree); the language; bookmarks for every chapter; headings H1–H3 in order without
skipped levels; every table tagged as Table with header cells (TH) in a THead; every
Figure with a non-empty alternative text; the text in reading order containing the key
figures. Typst itself refuses to write a "ua-1" PDF that breaks the rules it checks
(e.g. an image without alt text, a missing title).
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from amp.core.checks import check_plan
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.reports.chapters import read_sources
from amp.reports.document import Document, build_document, render_document_html
from amp.reports.docx import docx_bytes
from amp.reports.typst_pdf import pdf_bytes
from amp.rules.legal_facts import legal_facts
from tests.support import system

EXAMPLE = DEMO_PLAN
KEY_FIGURES = [
    "Arbeitsmarktprogramm 2024",
    "deutlich um 9 % zurückgegangen",  # the seed said 10 %
    "290 Arbeitsgelegenheiten",  # the seed said knapp 285
    "rund 130.000 € für den Bürgergeldbonus",  # the seed said rund 100.000 €
    "20.368.174,00 €",  # Eingliederungsmittel Bund (table)
    "19.368.174,00 €",  # Gesamtsumme EgT (table)
    "18,64 %",  # share of the u25 target group (table)
]


def document(plan_dir: Path) -> Document:
    plan = load_plan(plan_dir).plan
    return build_document(
        plan, read_sources(plan_dir), check_plan(plan, legal_facts(plan.year, plan_dir))
    )


@pytest.fixture(scope="module")
def doc() -> Document:
    return document(EXAMPLE)


@pytest.fixture(scope="module")
def pdf(doc: Document) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes(doc)))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def elements(node: Any) -> list[dict[str, Any]]:
    """Every structure element below `node`, depth first (document order)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get") and "/S" in node:
            found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(node)
    return found


def structure(reader: PdfReader) -> list[dict[str, Any]]:
    root: Any = reader.trailer["/Root"]
    return elements(root["/StructTreeRoot"]["/K"])


def test_the_pdf_is_tagged_and_identifies_itself_as_pdf_ua_1(pdf: PdfReader) -> None:
    root: Any = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"].startswith("de")
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "Arbeitsmarktprogramm 2024" in xmp  # dc:title
    assert pdf.metadata is not None
    assert pdf.metadata.title == "Arbeitsmarktprogramm 2024"
    tree = root["/StructTreeRoot"]
    assert len(tree["/ParentTree"]["/Nums"]) // 2 >= len(pdf.pages)  # each page reaches its tags


def test_headings_bookmarks_tables_and_figures_are_tagged(pdf: PdfReader, doc: Document) -> None:
    elements = structure(pdf)
    kinds = [str(e["/S"]) for e in elements]
    headings = [int(k[2:]) for k in kinds if re.fullmatch(r"/H\d", k)]
    assert headings[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(headings))  # no skipping
    # Inhalt, the chapters, the tables annex, the findings
    assert headings.count(1) == 1 + len(doc.chapters) + 2
    assert {c.title for c in doc.chapters} <= {o.title for o in pdf.outline if hasattr(o, "title")}
    tables = [e for e in elements if e["/S"] == "/Table"]
    assert len(tables) >= 10
    for table in tables:
        inner = structure_below(table)
        assert "/THead" in inner, "jede Tabelle braucht einen Tabellenkopf"
        assert "/TH" in inner, "jede Tabelle braucht Kopfzellen (TH)"
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) == 3  # the three charts
    for figure in figures:
        assert len(str(figure.get("/Alt", "")).strip()) > 40, "jede Grafik braucht Alternativtext"


def structure_below(element: dict[str, Any]) -> set[str]:
    return {str(e["/S"]) for e in elements(element["/K"])}


def test_the_pdf_text_contains_the_key_figures(pdf: PdfReader) -> None:
    text = text_of(pdf)
    for figure in KEY_FIGURES:
        assert figure in text, figure
    prose, annex = text.rsplit("Anhang: Befunde der Prüfung", 1)
    assert "können 290 Arbeitsgelegenheiten" in prose
    assert "knapp 285" not in prose
    # the findings annex says what changed
    assert "„knapp 285“ passt nicht zu den Daten" in annex


def test_the_html_is_accessible_and_self_contained(doc: Document) -> None:
    html = render_document_html(doc)
    assert html.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert "<title>Arbeitsmarktprogramm 2024</title>" in html
    assert html.count("<svg") == 3
    assert html.count('role="img"') >= 3
    assert '<th scope="col"' in html
    assert "<caption>" in html
    assert 'src="http' not in html
    assert "<script" not in html
    assert "<h2>3 Finanzielle Eckpunkte" in html
    assert '<span class="bound changed" title="aus den Daten: budget.line.agh_projekt' in html
    words = re.sub(r"<[^>]+>", "", html)
    for figure in ("290 Arbeitsgelegenheiten", "rund 130.000 € für den Bürgergeldbonus"):
        assert figure in words


@pytest.fixture(scope="module")
def docx_file(doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "arbeitsmarktprogramm-2024.docx"
    path.write_bytes(docx_bytes(doc))
    return path


def test_the_docx_has_headings_tables_with_header_rows_and_alt_text(
    docx_file: Path, doc: Document
) -> None:
    word = open_docx(str(docx_file))
    headings = [
        p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings[: len(doc.chapters)] == [c.title for c in doc.chapters]
    assert len(word.tables) >= 10
    for table in word.tables:
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader"), "Kopfzeile wiederholt sich"
    descriptions = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert len(descriptions) == 3
    assert all(d and len(d) > 40 for d in descriptions)
    assert word.core_properties.language == "de-DE"
    assert word.core_properties.title == "Arbeitsmarktprogramm 2024"


@pytest.fixture(scope="module")
def soffice() -> str:
    return system.soffice()


def test_libreoffice_opens_the_docx_and_shows_the_key_figures(
    soffice: str, docx_file: Path, tmp_path: Path
) -> None:
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx_file),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = tmp_path / "arbeitsmarktprogramm-2024.pdf"
    assert converted.is_file(), "LibreOffice hat die DOCX-Datei nicht geöffnet"
    reader = PdfReader(converted)
    assert len(reader.pages) > 20
    text = text_of(reader)
    for figure in KEY_FIGURES:
        assert figure in text, figure


def test_one_changed_amount_shows_in_prose_tables_and_charts_of_every_output(
    tmp_path: Path,
) -> None:
    changed = tmp_path / "plan"
    shutil.copytree(EXAMPLE, changed)
    budget = changed / "budget.yaml"
    old = "commitments: 46595.00, plan: 126000.00}"
    assert old in budget.read_text()
    budget.write_text(budget.read_text().replace(old, "commitments: 46595.00, plan: 226000.00}"))
    new = document(changed)
    text = text_of(PdfReader(io.BytesIO(pdf_bytes(new))))
    assert "rund 230.000 € für den Bürgergeldbonus" in text  # prose, chapter 5.3
    assert "Bürgergeldbonus rund 370.000 Euro" in text  # prose, chapter 5.1 (with WBG)
    assert "226.000,00 €" in text  # the Finanzplanung table
    assert "19.468.174,00 €" in text  # its total, one hundred thousand more
    # the chart of the changes by group (its bar and its text alternative)
    assert "8.671.500,30 € → 8.119.600,45 €" in new.charts["veraenderung"].alt
    word = open_docx(io.BytesIO(docx_bytes(new)))
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    assert "rund 230.000 € für den Bürgergeldbonus" in paragraphs
    cells = {c.text for t in word.tables for r in t.rows for c in r.cells}
    assert "226.000,00 €" in cells
