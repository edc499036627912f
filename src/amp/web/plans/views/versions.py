"""The plans a user may see; the versions ("Stände") of one plan, their steps and their diff."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from amp.core.diff import Change, ChangeKind, diff_plans, group_of
from amp.core.plan import Plan as CorePlan
from amp.reports.changes import delta_text, is_money, shown, where
from amp.web.plans import approvals, selectors, services
from amp.web.plans.models import PlanVersion
from amp.web.plans.presenters.chapters import chapter_changes
from amp.web.plans.presenters.net_change import net_of_plans
from amp.web.plans.presenters.page import version_page
from amp.web.plans.presenters.shown import back_to_version


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    versions = selectors.visible_versions(request.user).order_by(
        "plan__jobcenter__name", "-plan__year", "number"
    )
    return render(request, "plans/list.html", {"versions": versions})


@login_required
def version_list(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    versions = list(selectors.versions_of(request.user, version).select_related("created_by"))
    context = {
        **version_page(version, role, "versions"),
        "versions": versions,
        "in_force": approvals.in_force(versions),
        "default_old": version.parent_id or (versions[0].pk if versions else version.pk),
    }
    return render(request, "plans/versions.html", context)


def _chosen(request: HttpRequest, key: str, choices: dict[int, PlanVersion]) -> PlanVersion | None:
    try:
        return choices.get(int(request.GET.get(key, "")))
    except ValueError:
        return None


def change_rows(
    old_plan: CorePlan, new_plan: CorePlan, changes: list[Change]
) -> list[dict[str, Any]]:
    rows = []
    for change in changes:
        money = is_money(change)
        rows.append(
            {
                "where": where(change.path, (new_plan, old_plan)),
                "kind": change.kind.value,
                "old": "" if change.kind is ChangeKind.ADDED else shown(change.old, money),
                "new": "" if change.kind is ChangeKind.REMOVED else shown(change.new, money),
                "delta": delta_text(change),
                "group": group_of(change) or "",
            }
        )
    return rows


@login_required
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions of the same plan side by side, value by value: old → new, Δ."""
    version, role = selectors.version_for(request.user, pk)
    versions = list(selectors.versions_of(request.user, version))
    choices = {v.pk: v for v in versions}
    old = _chosen(request, "alt", choices) or choices.get(version.parent_id or 0) or versions[0]
    new = _chosen(request, "neu", choices) or version
    same = old.pk == new.pk
    old_plan, new_plan = old.core_plan(), new.core_plan()
    changes = [] if same else diff_plans(old_plan, new_plan)
    net = net_of_plans(old_plan, new_plan, changes) if changes else None
    known = {g["id"] for g in net["groups"]} if net else set()
    chosen = request.GET.get("gruppe", "")
    chosen = chosen if chosen in known else ""
    rows = change_rows(old_plan, new_plan, changes)
    context = {
        **version_page(version, role, "versions"),
        "versions": versions,
        "old": old,
        "new": new,
        "net": net,
        "group": chosen,
        "group_name": next((g["name"] for g in net["groups"] if g["id"] == chosen), "")
        if net
        else "",
        "all_rows": len(rows),
        "group_link": f"{reverse('plans:diff', args=[version.pk])}?alt={old.pk}&neu={new.pk}",
        "rows": [r for r in rows if not chosen or r["group"] == chosen],
        "chapter_changes": chapter_changes(old, new) if not same else [],
        "same": same,
    }
    return render(request, "plans/diff.html", context)


@login_required
@require_POST
def branch_version(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_branch(role):
        raise PermissionDenied("Nur die Planung kann einen neuen Stand anlegen.")
    created = services.branch(version.pk, request.user)
    messages.success(request, f"Neuer Entwurf (Version {created.number}) als Kopie angelegt.")
    return back_to_version(created.pk)
