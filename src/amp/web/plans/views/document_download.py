"""The whole Arbeitsmarktprogramm of a version as PDF (PDF/UA-1) or DOCX, from a cache.

The document is rendered once per content: the key is a digest of the plan document, the
chapter texts, the format and the day (the title page prints the creation date). An edit
makes a new plan document and so a new key; nothing is invalidated, nothing stale is
served. Results are kept per process (the last few documents); the first download after a
change renders (well under a second for the example's 38 pages), every further one is
served from memory.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from amp.core.problems import InputProblems
from amp.reports.chapters import Source
from amp.reports.document import build_document
from amp.reports.html import BERLIN
from amp.web.plans import selectors
from amp.web.plans.derived import derived, document_digest
from amp.web.plans.models import PlanVersion
from amp.web.plans.presenters.shown import back_to_version
from amp.web.plans.views.downloads import filename

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
KEPT = 16  # rendered documents per process (the example's PDF is about 300 KB)

_kept: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()


def sources(version: PlanVersion) -> list[Source]:
    return [Source(c.file, c.text) for c in selectors.chapters_of(version)]


def cache_key(version: PlanVersion, chapters: list[Source], output_format: str) -> str:
    digest = hashlib.sha256(document_digest(version.document).encode())
    for chapter in chapters:
        digest.update(b"\0" + chapter.file.encode() + b"\0" + chapter.text.encode())
    today = datetime.now(BERLIN).date().isoformat()
    digest.update(f"\0{output_format}\0{today}".encode())
    return digest.hexdigest()


def rendered(version: PlanVersion, output_format: str) -> bytes:
    """The document's bytes, from the cache or rendered now (raises InputProblems)."""
    chapters = sources(version)
    key = cache_key(version, chapters, output_format)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    checked = derived(version)  # the findings the screens show, from the same cache
    document = build_document(checked.plan, chapters, list(checked.findings))
    if output_format == "pdf":
        from amp.reports.typst_pdf import pdf_bytes

        data = pdf_bytes(document)
    else:
        from amp.reports.docx import docx_bytes

        data = docx_bytes(document)
    with _lock:
        _kept[key] = data
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return data


@login_required
@require_GET
def download_document(request: HttpRequest, pk: int, output_format: str) -> HttpResponse:
    if output_format not in CONTENT_TYPES:
        raise Http404
    version, _role = selectors.version_for(request.user, pk)
    try:
        data = rendered(version, output_format)
    except InputProblems as problems:
        messages.error(
            request,
            "Das Arbeitsmarktprogramm kann nicht erstellt werden: "
            + "; ".join(str(p) for p in problems.problems),
        )
        return back_to_version(pk)
    response = HttpResponse(data, content_type=CONTENT_TYPES[output_format])
    stem = filename(version, output_format).removesuffix(f".{output_format}")
    name = f"{stem}-gesamt.{output_format}"  # "-gesamt": the whole programme, with chapters
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
