"""The Verlauf of a version: who changed what when, in German, old → new; filtered by a
budget line; one change of an amount or a quantity taken back as a new, audited edit."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from amp.core import formatting
from amp.core.edit import parse_path
from amp.core.plan import STATUS_LABELS, PlanStatus
from amp.core.plan import Plan as CorePlan
from amp.reports.changes import MONEY_FIELDS, where
from amp.web.plans import selectors
from amp.web.plans.models import AuditEntry
from amp.web.plans.plan_edits import EditConflicts, revert_entry, revertible
from amp.web.plans.presenters.budget_rows import quantity_from_token, quantity_text
from amp.web.plans.presenters.page import version_page
from amp.web.plans.services import EditError
from amp.web.plans.services import audited as services_audited


def place(core: CorePlan, text: str) -> str:
    """A stored path in German: "Finanzplanung › <Gruppe> › <Zeile> › Planung"."""
    if text == "status":
        return "Status"
    try:
        return where(parse_path(text), (core,))
    except ValueError:
        return text


def value_shown(entry_path: str, value: Any) -> str:
    if value is None:
        return "leer"
    if isinstance(value, dict):
        token = "|".join(
            (
                "" if value.get("value") is None else str(value["value"]),
                value.get("unit") or "",
                "1" if value.get("approximate") else "0",
                "1" if value.get("open") else "0",
            )
        )
        return quantity_text(quantity_from_token(token)) or "leer"
    if entry_path == "status" and value in {s.value for s in PlanStatus}:
        return STATUS_LABELS[PlanStatus(value)]
    if entry_path.rsplit(".", 1)[-1] in MONEY_FIELDS:
        try:
            return formatting.money(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)


def shown_entry(core: CorePlan, entry: AuditEntry) -> dict[str, Any]:
    who = entry.user.get_username() if entry.user else "System"
    if not entry.path:  # a step of the version as a whole, described in `new`
        return {
            "id": entry.pk,
            "at": entry.at,
            "who": who,
            "place": "Planstand",
            "old": "",
            "new": str(entry.new),
            "revertible": False,
        }
    return {
        "id": entry.pk,
        "at": entry.at,
        "who": who,
        "place": place(core, entry.path),
        "old": value_shown(entry.path, entry.old),
        "new": value_shown(entry.path, entry.new),
        "revertible": revertible(entry),
    }


def line_choices(core: CorePlan) -> list[dict[str, str]]:
    """Every budget line with the prefix of its stored paths ("budget.groups[0].lines[1].")."""
    return [
        {
            "id": line.id,
            "name": f"{group.name} › {line.name}",
            "prefix": f"budget.groups[{g}].lines[{i}].",
        }
        for g, group in enumerate(core.budget.groups)
        for i, line in enumerate(group.lines)
    ]


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    core = version.core_plan()
    lines = line_choices(core)
    chosen = next((line for line in lines if line["id"] == request.GET.get("zeile")), None)
    entries = version.audit.select_related("user").order_by("-at", "-id")
    if chosen is not None:
        entries = entries.filter(path__startswith=chosen["prefix"])
    context = {
        **version_page(version, role, "history"),
        "entries": [shown_entry(core, e) for e in entries],
        "lines": lines,
        "line": chosen,
        "can_revert": selectors.can_edit(role, version),
    }
    return render(request, "plans/history.html", context)


@login_required
@require_POST
def revert(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    """Take one change back; refused in German when the place has changed since."""
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_edit(role, version):
        raise PermissionDenied("Nur die Planung kann Änderungen eines Entwurfs zurücknehmen.")
    entry = get_object_or_404(AuditEntry, pk=entry_id, version=version)
    core = version.core_plan()
    where_ = place(core, entry.path) if entry.path else "Planstand"
    try:
        revert_entry(version.pk, request.user, entry, where_)
    except EditConflicts as conflict:
        now = next(iter(conflict.current.values()), None)
        messages.error(
            request,
            f"Nicht zurückgenommen: „{where_}“ wurde seit dieser Änderung noch einmal geändert "
            f"(jetzt {value_shown(entry.path, services_audited(now))}). Nichts wurde gespeichert.",
        )
    except EditError as exc:
        messages.error(request, f"Nicht zurückgenommen: {exc}")
    else:
        messages.success(
            request,
            f"Zurückgenommen: „{where_}“ steht wieder auf {value_shown(entry.path, entry.old)}.",
        )
    target = reverse("plans:history", args=[version.pk])
    line = request.POST.get("zeile", "")
    return redirect(f"{target}?zeile={line}" if line else target)
