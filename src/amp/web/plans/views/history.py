"""The Verlauf of a version: who changed what when, in German, old → new."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amp.core import formatting
from amp.core.edit import parse_path
from amp.core.plan import STATUS_LABELS, PlanStatus
from amp.core.plan import Plan as CorePlan
from amp.reports.changes import MONEY_FIELDS, where
from amp.web.plans import selectors
from amp.web.plans.models import AuditEntry
from amp.web.plans.presenters.budget_rows import quantity_from_token, quantity_text
from amp.web.plans.presenters.page import version_page


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
        return {"at": entry.at, "who": who, "place": "Planstand", "old": "", "new": str(entry.new)}
    return {
        "at": entry.at,
        "who": who,
        "place": place(core, entry.path),
        "old": value_shown(entry.path, entry.old),
        "new": value_shown(entry.path, entry.new),
    }


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    core = version.core_plan()
    entries = version.audit.select_related("user").order_by("-at", "-id")
    context = {
        **version_page(version, role, "history"),
        "entries": [shown_entry(core, e) for e in entries],
    }
    return render(request, "plans/history.html", context)
