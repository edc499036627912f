"""Inline edits of the budget table, compare-and-set against what the planner saw."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from amp import formatting
from amp.core.budget import Column
from amp.web.plans import services
from amp.web.plans.views.shown import back_to_version


@login_required
@require_POST
def edit_amount(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    if not services.can_edit(role, version):
        raise PermissionDenied("Sie dürfen diesen Planstand nicht ändern.")
    try:
        group = int(request.POST["gruppe"])
        line = int(request.POST["zeile"])
        raw_seen = request.POST.get("gesehen", "")
        seen = Decimal(raw_seen) if raw_seen else None
    except (KeyError, ValueError, InvalidOperation):
        messages.error(request, "Das Formular ist unvollständig. Bitte die Seite neu laden.")
        return back_to_version(pk)
    core = version.core_plan()
    try:
        name = core.budget.groups[group].lines[line].name
    except IndexError:
        messages.error(request, "Diese Zeile gibt es nicht (mehr). Bitte die Seite neu laden.")
        return back_to_version(pk)
    field = f"Betrag „{name}“"
    try:
        new = formatting.parse_amount(request.POST.get("betrag", ""))
    except formatting.AmountInputError as exc:
        messages.error(request, f"{field}: {exc}. Nichts wurde gespeichert.")
        return back_to_version(pk)
    path = services.amount_path(group, line, Column.PLAN)
    try:
        services.set_value(version.pk, request.user, path, seen, new)
    except services.EditConflict as conflict:
        other = formatting.money(conflict.current) if conflict.current is not None else "(leer)"
        mine = formatting.money(new) if new is not None else "(leer)"
        messages.error(
            request,
            f"{field}: Konflikt – jemand anderes hat den Wert inzwischen auf {other} geändert. "
            f"Ihr Wert {mine} wurde nicht gespeichert. Bitte prüfen und erneut eingeben.",
        )
        return back_to_version(pk)
    except services.EditError as exc:
        messages.error(request, f"{field}: {exc}")
        return back_to_version(pk)
    shown = formatting.money(new) if new is not None else "(leer)"
    messages.success(request, f"{field} gespeichert: {shown}.")
    return back_to_version(pk)
