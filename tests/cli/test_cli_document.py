"""`amp report --gesamt` and `--format docx`: the whole Arbeitsmarktprogramm from the CLI."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from docx import Document as open_docx
from typer.testing import CliRunner

from amp.cli import app
from amp.example import DEMO_PLAN

runner = CliRunner()


def test_gesamt_html_holds_the_chapters_with_their_bound_figures(tmp_path: Path) -> None:
    target = tmp_path / "amp.html"
    result = runner.invoke(
        app, ["report", str(DEMO_PLAN), "--gesamt", "--format", "html", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"geschrieben: {target}"
    page = target.read_text("utf-8")
    assert "Anhang: Befunde der Prüfung" in page
    assert (
        '<span class="bound" title="aus den Daten: funding.2024.pat">rd. 2,1 Mio. Euro</span>'
        in page
    )


def test_docx_is_always_the_whole_programme(tmp_path: Path) -> None:
    target = tmp_path / "amp.docx"
    result = runner.invoke(
        app, ["report", str(DEMO_PLAN), "--format", "docx", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    word = open_docx(io.BytesIO(target.read_bytes()))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Anhang: Befunde der Prüfung" in headings


def test_an_unreadable_chapter_names_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(DEMO_PLAN, plan)
    chapter = plan / "kapitel" / "07-rehapro.md"
    chapter.write_text("# Test\n\nEs sind [1]{funding.2024.gibtsnicht} Euro.\n", "utf-8")
    target = tmp_path / "amp.pdf"
    result = runner.invoke(
        app, ["report", str(plan), "--gesamt", "--format", "pdf", "--output", str(target)]
    )
    assert result.exit_code == 2
    assert "Die Kapitel können nicht gelesen werden" in result.output
    assert "kapitel/07-rehapro.md:3: unbekannte Kennziffer „funding.2024.gibtsnicht“" in (
        result.output
    )
    assert not target.exists()


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "amp.odt"
    result = runner.invoke(
        app, ["report", str(DEMO_PLAN), "--gesamt", "--format", "odt", "--output", str(target)]
    )
    assert result.exit_code == 2
    assert "unbekanntes Format 'odt' (erlaubt: pdf, html, docx)" in result.output
    assert not target.exists()
