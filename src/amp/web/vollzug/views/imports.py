"""Import of a finance system's export: upload, preview (new, changed, unchanged, refused
rows; the availability check of new commitments), then confirm. Nothing is saved before
the confirmation; with any refused row nothing can be confirmed. Between preview and
confirmation the read records wait in the session under a random token, never the file.
The upload size limit is the plans import's (installed before the body is read)."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from amp.core.findings import Severity
from amp.core.ledger.model import KIND_LABELS, Kind
from amp.core.problems import InputProblems
from amp.web.plans.views.imports import MAX_BYTES, limited_upload
from amp.web.vollzug import presenters, selectors, services
from amp.web.vollzug.forms.ledger import ImportForm
from amp.web.vollzug.selectors import Access

SESSION_KEY = "amp-vollzug-import"
SHOWN = 50  # rows of each kind listed in the preview


def _editor(request: HttpRequest, code: str, year: int) -> Access:
    access = selectors.access(request.user, code, year)
    if not access.can_edit:
        raise PermissionDenied("Nur Planung und Administration lesen Exporte ein.")
    return access


def _too_large(request: HttpRequest) -> bool:
    return any(getattr(h, "exceeded", False) for h in request.upload_handlers)


@login_required
@limited_upload
def upload(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = _editor(request, code, year)
    context = presenters.page(access, "import") | {"problems": [], "preview": None}
    if request.method != "POST":
        context["form"] = ImportForm()
        return render(request, "vollzug/import.html", context)
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if _too_large(request):
        context["problems"] = [f"Die Datei ist größer als {MAX_BYTES // (1024 * 1024)} MB."]
        return render(request, "vollzug/import.html", context, status=400)
    if not form.is_valid():
        return render(request, "vollzug/import.html", context, status=400)
    kind: Kind = form.cleaned_data["kind"]
    upload = form.cleaned_data["datei"]
    name = Path(upload.name or "export.csv").name
    try:
        with tempfile.TemporaryDirectory(prefix="amp-vollzug-") as directory:
            path = Path(directory) / name
            with path.open("wb") as target:
                for chunk in upload.chunks():
                    target.write(chunk)
            result = services.preview_upload(
                access.record,
                access.version,
                kind,
                path,
                form.cleaned_data["mapping"],
                form.cleaned_data["blatt"] or None,
            )
    except InputProblems as exc:
        context["problems"] = [str(p) for p in exc.problems]
        return render(request, "vollzug/import.html", context, status=400)
    blocked = bool(result.result.refused) or any(
        f.severity is Severity.ERROR for f in result.findings
    )
    token = None
    if not blocked:
        token = secrets.token_urlsafe(24)
        request.session[SESSION_KEY] = {
            "token": token,
            "target": [access.jobcenter.code, year],
            "kind": kind.value,
            "name": name,
            "records": result.incoming(),
            "columns": result.result.columns if form.cleaned_data["speichern"] else None,
        }
    else:
        request.session.pop(SESSION_KEY, None)
    context["preview"] = _shown(result) | {"token": token, "blocked": blocked}
    return render(request, "vollzug/import.html", context, status=400 if blocked else 200)


def _shown(upload: services.UploadPreview) -> dict[str, Any]:
    result = upload.result
    change: Any = result.bookings if result.bookings is not None else result.commitments
    return {
        "name": upload.name,
        "kind": KIND_LABELS[result.kind],
        "rows": result.rows,
        "counts": result.counts(),
        "new": [r.id for r in change.new[:SHOWN]],
        "changed": [new.id for _old, new in change.changed[:SHOWN]],
        "refused": [str(p) for p in result.refused],
        "findings": [{"severity": f.severity.value, "message": f.message} for f in upload.findings],
        "columns": sorted(result.columns.items()),
        "shown": SHOWN,
    }


@login_required
@require_POST
def confirm(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = _editor(request, code, year)
    pending = request.session.get(SESSION_KEY)
    if (
        not pending
        or pending.get("token") != request.POST.get("token", "")
        or pending.get("target") != [access.jobcenter.code, year]
    ):
        messages.error(
            request,
            "Diese Vorschau gibt es nicht mehr (abgelaufen oder ersetzt). Bitte die Datei "
            "erneut hochladen.",
        )
        return redirect("vollzug:import", code, year)
    record = access.record or services.record_for(access.jobcenter, year)
    kind = Kind(pending["kind"])
    written = services.apply_import(
        record, kind, pending["records"], pending["columns"], request.user, pending["name"]
    )
    del request.session[SESSION_KEY]
    messages.success(
        request,
        f"{KIND_LABELS[kind]} aus {pending['name']} übernommen: {written} neu oder geändert.",
    )
    return redirect("vollzug:overview", code, year)
