"""The letter to an applicant with the personal link and its QR code, as PDF.

The QR code is drawn by segno as inline SVG; WeasyPrint lays the letter out and fetches
nothing. The token appears only inside the PDF, never in a URL the server logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import segno
from django.template.loader import render_to_string
from django.utils import timezone

from amp.core.formatting import day


@dataclass(frozen=True)
class Letter:
    reference: str
    url: str
    expires: datetime


def qr_svg(url: str) -> str:
    return str(
        segno.make(url, error="m").svg_inline(scale=4, border=2, title="QR-Code mit dem Link")
    )


def letters_pdf(jobcenter_name: str, letters: list[Letter]) -> bytes:
    from amp.reports.pdf import pdf_bytes

    pages = [
        {
            "reference": x.reference,
            "url": x.url,
            "qr": qr_svg(x.url),
            "expires": day(timezone.localtime(x.expires).date()),
        }
        for x in letters
    ]
    html = render_to_string(
        "fallclearing/staff/letter.html", {"jobcenter": jobcenter_name, "pages": pages}
    )
    return pdf_bytes(html)
