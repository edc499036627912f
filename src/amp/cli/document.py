"""`amp report --gesamt` and `--format docx`: the whole Arbeitsmarktprogramm.

The chapters in the plan's folder `kapitel/`, their figures bound to the data, then the
tables and charts, then the findings (of the check and of the chapters' text), as tagged
PDF (PDF/UA-1, Typst), HTML or DOCX. Without chapters (or for a workbook) the same
document holds the tables alone. Errors as in the other commands: German, naming file and
line, exit code 2, nothing written. Part of the `excel` group (`amp report`); the
rendering libraries are imported only when a document is written.
"""

from __future__ import annotations

from pathlib import Path

import typer

from amp.cli.common import fail, fail_problems, output_problem, read_plan

DOCUMENT_FORMATS = ("pdf", "html", "docx")


def write_document(path: Path, output_format: str, output: Path) -> None:
    from amp.core.checks import check_plan
    from amp.core.problems import InputProblems
    from amp.reports.chapters import read_sources
    from amp.reports.document import build_document, render_document_html
    from amp.rules.legal_facts import legal_facts

    if output_format not in DOCUMENT_FORMATS:
        raise fail(
            "Das Dokument kann nicht erstellt werden: "
            f"unbekanntes Format '{output_format}' (erlaubt: {', '.join(DOCUMENT_FORMATS)})"
        )
    problem = output_problem(output)
    if problem:
        raise fail("Das Dokument kann nicht geschrieben werden:", [problem])
    plan = read_plan(path)
    directory = path if path.is_dir() else None
    sources = read_sources(directory) if directory else []
    try:
        doc = build_document(plan, sources, check_plan(plan, legal_facts(plan.year, directory)))
    except InputProblems as exc:
        raise fail_problems(exc.problems, "Die Kapitel können nicht gelesen werden") from None
    if output_format == "pdf":
        from amp.reports.typst_pdf import pdf_bytes

        data = pdf_bytes(doc)
    elif output_format == "docx":
        from amp.reports.docx import docx_bytes

        data = docx_bytes(doc)
    else:
        data = render_document_html(doc).encode("utf-8")
    try:
        output.write_bytes(data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise fail("Das Dokument kann nicht geschrieben werden:", [f"{output}: {reason}"]) from None
    typer.echo(f"geschrieben: {output}")
