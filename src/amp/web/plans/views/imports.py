"""Importing an Excel workbook: upload, preview (changes and findings), then confirm.

Nothing is saved before the planner confirms. Between preview and confirmation the
parsed plan waits in the session (as its JSON document, never the uploaded file), under a
random token that the confirmation must name; one pending import per session.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from amp.core.checks import check_plan
from amp.core.diff import diff_plans
from amp.core.plan import Plan as CorePlan
from amp.io.document import plan_to_document
from amp.reports.changes import change_parts
from amp.rules.legal_facts import legal_facts
from amp.web.plans import plan_edits, selectors, services
from amp.web.plans.forms.workbook import MAX_BYTES as MAX_BYTES  # the limit of every upload view
from amp.web.plans.forms.workbook import WorkbookForm
from amp.web.plans.models import PlanVersion
from amp.web.plans.presenters.page import version_page
from amp.web.plans.presenters.shown import shown_finding

SESSION_KEY = "amp-import"


class UploadError(Exception):
    """German messages for an upload that cannot become a plan."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class _SizeLimit(FileUploadHandler):
    """Stops storing an upload beyond MAX_BYTES, so that no larger file reaches disk."""

    exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > MAX_BYTES:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers build the file


def limited_upload(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Install the size limit before the body is read (which the CSRF check would do first)."""
    protected = csrf_protect(view)

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.upload_handlers.insert(0, _SizeLimit(request))
        return protected(request, *args, **kwargs)

    return wrapper


def _workbook(request: HttpRequest) -> WorkbookForm:
    """The uploaded workbook, read and checked (see `form.is_valid()`)."""
    files = request.FILES  # reads the body: the size limit strikes here, if at all
    too_large = any(isinstance(h, _SizeLimit) and h.exceeded for h in request.upload_handlers)
    return WorkbookForm(request.POST, files, too_large=too_large)


def _pending(request: HttpRequest, token: str, target: dict[str, Any]) -> dict[str, Any]:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("token") != token or pending.get("target") != target:
        raise UploadError(
            [
                "Diese Vorschau gibt es nicht mehr (abgelaufen oder ersetzt). Bitte die "
                "Arbeitsmappe erneut hochladen."
            ]
        )
    return dict(pending)


def _keep(request: HttpRequest, target: dict[str, Any], core: CorePlan, name: str) -> str:
    token = secrets.token_urlsafe(24)
    request.session[SESSION_KEY] = {
        "token": token,
        "target": target,
        "name": name,
        "document": plan_to_document(core),
    }
    return token


def _confirm(
    request: HttpRequest,
    target: dict[str, Any],
    create: Callable[[dict[str, Any], str], tuple[PlanVersion, str]],
    back: str,
) -> HttpResponse:
    """Save the pending import of this session for `target`; `create` says as what."""
    try:
        pending = _pending(request, request.POST.get("token", ""), target)
        created, what = create(pending["document"], pending["name"])
    except UploadError as exc:
        messages.error(request, exc.problems[0])
        return redirect(back)
    except services.EditError as exc:
        messages.error(request, f"{exc} Nichts wurde gespeichert.")
        return redirect(back)
    del request.session[SESSION_KEY]
    messages.success(request, f"Arbeitsmappe {pending['name']} {what} übernommen.")
    return redirect("plans:version", created.pk)


def _findings(core: CorePlan) -> list[dict[str, str]]:
    return [shown_finding(f) for f in check_plan(core, legal_facts(core.year))]


# ---------------------------------------------------------------- a new version


@login_required
@limited_upload
def import_version(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the upload form; POST: read the workbook and preview it against this version."""
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_branch(role):
        raise PermissionDenied("Nur die Planung kann Arbeitsmappen importieren.")
    context = version_page(version, role, "versions") | {"problems": [], "preview": None}
    if request.method != "POST":
        return render(request, "plans/import.html", context)
    form = _workbook(request)
    if not form.is_valid():
        context["problems"] = form.problems()
        return render(request, "plans/import.html", context, status=400)
    core, notes, name = form.plan, form.notes, form.name
    assert core is not None  # a valid form has read its plan
    mismatch = plan_edits.belongs_to(core, version.plan)
    if mismatch:
        context["problems"] = [f"{mismatch} Nichts wurde gespeichert."]
        return render(request, "plans/import.html", context, status=400)
    current = version.core_plan()
    context["preview"] = {
        "name": name,
        "token": _keep(request, {"version": version.pk}, core, name),
        "changes": [change_parts(c, (core, current)) for c in diff_plans(current, core)],
        "findings": _findings(core),
        "notes": notes,
        "plan": core,
    }
    return render(request, "plans/import.html", context)


@login_required
@require_POST
def import_version_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_branch(role):
        raise PermissionDenied("Nur die Planung kann Arbeitsmappen importieren.")
    target = {"version": version.pk}

    def create(document: dict[str, Any], name: str) -> tuple[PlanVersion, str]:
        created = plan_edits.import_as_version(version.pk, request.user, document, name)
        return created, f"als neuer Entwurf (Version {created.number})"

    return _confirm(request, target, create, reverse("plans:import", args=[version.pk]))


# ---------------------------------------------------------------- a new plan


@login_required
@limited_upload
def import_plan(request: HttpRequest) -> HttpResponse:
    """A whole plan from a workbook as a new plan of one of the user's Jobcenters."""
    jobcenters = selectors.import_jobcenters(request.user)
    if not jobcenters:
        raise PermissionDenied("Nur die Planung kann Pläne importieren.")
    context: dict[str, Any] = {
        "jobcenters": jobcenters,
        "problems": [],
        "preview": None,
        "next_year": timezone.localdate().year + 1,
    }
    if request.method != "POST":
        return render(request, "plans/import_plan.html", context)
    chosen = next((j for j in jobcenters if str(j.pk) == request.POST.get("jobcenter")), None)
    context["chosen"] = chosen
    try:
        if chosen is None:
            raise UploadError(["Bitte ein Jobcenter auswählen."])
        form = _workbook(request)
        if not form.is_valid():
            raise UploadError(form.problems())
        core, notes, name = form.plan, form.notes, form.name
        assert core is not None  # a valid form has read its plan
        problem = plan_edits.new_plan_problem(core, chosen)
        if problem:
            raise UploadError([problem])
    except UploadError as exc:
        context["problems"] = exc.problems
        return render(request, "plans/import_plan.html", context, status=400)
    context["preview"] = {
        "name": name,
        "token": _keep(request, {"jobcenter": chosen.pk}, core, name),
        "findings": _findings(core),
        "notes": notes,
        "plan": core,
        "lines": sum(len(g.lines) for g in core.budget.groups),
        "measures": sum(len(t.measures) for t in core.measure_tables),
    }
    return render(request, "plans/import_plan.html", context)


@login_required
@require_POST
def import_plan_confirm(request: HttpRequest) -> HttpResponse:
    jobcenters = selectors.import_jobcenters(request.user)
    chosen = next((j for j in jobcenters if str(j.pk) == request.POST.get("jobcenter")), None)
    if chosen is None:
        raise Http404("Dieses Jobcenter gibt es nicht.")

    def create(document: dict[str, Any], name: str) -> tuple[PlanVersion, str]:
        created = plan_edits.import_as_plan(chosen.pk, request.user, document, name)
        return created, f"als neuer Plan {created.plan.year} von {chosen.name} (Version 1, Entwurf)"

    return _confirm(request, {"jobcenter": chosen.pk}, create, reverse("plans:import-plan"))
