"""PDFs from HTML, laid out by WeasyPrint: the report, the controlling report, the
Eingliederungsbilanz, the Zielnachhaltung, offer sheets and clearing letters.

Every PDF amp writes is tagged (PDF/UA-1: structure tree with headings, tables and lists,
reading order, marked content), so a screen reader can read it (BITV 2.0). Paged media
comes from the stylesheet (page numbers, landscape pages for wide tables, table of
contents with page numbers). Title and language of the PDF come from the HTML (`<title>`,
`<html lang="de">`). Nothing is fetched: every URL is refused.
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

    document: bytes = HTML(string=html, url_fetcher=NoFetching()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
    return document


def write_pdf(html: str, output: Path) -> None:
    output.write_bytes(pdf_bytes(html))
