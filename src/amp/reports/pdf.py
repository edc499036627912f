"""The report as PDF: the HTML of `amp.reports.html`, laid out by WeasyPrint.

Paged media comes from the stylesheet (page numbers, landscape pages for wide tables,
table of contents with page numbers). Title and language of the PDF come from the HTML
(`<title>`, `<html lang="de">`). Nothing is fetched: every URL is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def pdf_bytes(html: str) -> bytes:
    """The PDF of a self-contained HTML document."""
    from weasyprint import HTML  # slow to import; only the PDF needs it
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"der Bericht lädt nichts nach ({url})")

    document: bytes = HTML(string=html, url_fetcher=NoFetching()).write_pdf()
    return document


def write_pdf(html: str, output: Path) -> None:
    output.write_bytes(pdf_bytes(html))
