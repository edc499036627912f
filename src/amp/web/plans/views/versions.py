"""The plans a user may see, one version's page, and the version steps (approve, branch)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from amp.core.budget import Column
from amp.web.plans import services
from amp.web.plans.derived import derived
from amp.web.plans.models import Role
from amp.web.plans.views.shown import (
    back_to_version,
    budget_lines,
    shown_finding,
    shown_table,
    value_text,
)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    versions = services.visible_versions(request.user).order_by(
        "plan__jobcenter__name", "-plan__year", "number"
    )
    return render(request, "plans/list.html", {"versions": versions})


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    shown = derived(version)
    core = shown.plan
    editable = services.can_edit(role, version)
    context = {
        "version": version,
        "role": Role(role).label,
        "overview": shown_table(shown.overview),
        "tables": [shown_table(v) for v in shown.tables],
        "findings": [shown_finding(f) for f in shown.findings],
        "editable": editable,
        "budget_lines": budget_lines(core) if editable else [],
        "plan_column": core.budget.column_label(Column.PLAN),
        "can_approve": services.can_approve(role, version),
        "can_branch": services.can_branch(role),
        "changes": [
            {"path": path, "old": value_text(old), "new": value_text(new)}
            for path, old, new in services.changes(version)
        ],
        "siblings": services.visible_versions(request.user)
        .filter(plan=version.plan)
        .order_by("number"),
        "audit": version.audit.select_related("user").order_by("-at", "-id")[:50],
    }
    return render(request, "plans/version.html", context)


@login_required
@require_POST
def approve_version(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    if not services.can_approve(role, version):
        raise PermissionDenied("Nur die Leitung kann einen Entwurf beschließen.")
    try:
        approved = services.approve(version.pk, request.user)
    except services.EditError as exc:
        messages.error(request, str(exc))
        return back_to_version(pk)
    messages.success(
        request, f"Version {approved.number} ist jetzt {approved.get_status_display()}."
    )
    return back_to_version(pk)


@login_required
@require_POST
def branch_version(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    if not services.can_branch(role):
        raise PermissionDenied("Nur die Planung kann einen neuen Stand anlegen.")
    created = services.branch(version.pk, request.user)
    messages.success(request, f"Neuer Entwurf (Version {created.number}) als Kopie angelegt.")
    return back_to_version(created.pk)
