"""A version as a file: the report as PDF, the plan as an Excel workbook (as `amp report`)."""

from __future__ import annotations

import hashlib
import io
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render as render_page
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET
from openpyxl.utils.exceptions import IllegalCharacterError

from amp.core import formatting
from amp.io.xlsx.export import build_workbook
from amp.reports.html import LineComment, render_html
from amp.reports.pdf import pdf_bytes
from amp.web.plans import grid_edits, report_files, selectors
from amp.web.plans.derived import derived
from amp.web.plans.models import PlanVersion
from amp.web.plans.presenters.page import version_page
from amp.web.plans.presenters.shown import back_to_version

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def filename(version: PlanVersion, extension: str) -> str:
    """E.g. Arbeitsmarktprogramm-2024-EN-V3.pdf: year, Jobcenter (without "Jobcenter"), version."""
    jobcenter = version.plan.jobcenter
    name = jobcenter.name.removeprefix("Jobcenter").strip() or jobcenter.code
    short = re.sub(r"[^A-Za-z0-9]+", "-", name.translate(_UMLAUTS)).strip("-") or "Jobcenter"
    return f"Arbeitsmarktprogramm-{version.plan.year}-{short}-V{version.number}.{extension}"


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def line_comments(version: PlanVersion) -> list[LineComment]:
    """The comments on the version's budget lines, in the order of the lines."""
    stored = grid_edits.comments_of(version)
    return [
        LineComment(
            line=line.name,
            text=stored[line.id].text,
            who=stored[line.id].author.get_username() if stored[line.id].author else "System",
            when=formatting.day(timezone.localtime(stored[line.id].at).date()),
        )
        for line in version.core_plan().budget.lines()
        if line.id in stored
    ]


@login_required
@require_GET
def download_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    # ?kommentare=1: with the comments on budget lines (a section before the annex)
    comments = line_comments(version) if request.GET.get("kommentare") == "1" else []
    variant = ""
    if comments:
        text = "\n".join(f"{c.line}\t{c.text}\t{c.who}\t{c.when}" for c in comments)
        variant = "k" + hashlib.sha256(text.encode()).hexdigest()[:16]

    def render() -> bytes:
        checked = derived(version)  # the findings the screens show, from the same cache
        return pdf_bytes(render_html(checked.plan, list(checked.findings), line_comments=comments))

    try:
        content = report_files.report_pdf(version, render, variant=variant)
    except report_files.StillRendering:
        context = version_page(version, role, "overview")
        response = render_page(request, "plans/report_pending.html", context, status=202)
        response["Refresh"] = "10"
        return response
    return _attachment(content, PDF, filename(version, "pdf"))


@login_required
@require_GET
def download_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    version, _role = selectors.version_for(request.user, pk)
    try:
        book = build_workbook(version.core_plan())
    except IllegalCharacterError:
        messages.error(
            request,
            "Die Arbeitsmappe kann nicht erstellt werden: ein Text enthält Steuerzeichen, "
            "die Excel nicht speichern kann.",
        )
        return back_to_version(pk)
    buffer = io.BytesIO()
    book.save(buffer)
    return _attachment(buffer.getvalue(), XLSX, filename(version, "xlsx"))
