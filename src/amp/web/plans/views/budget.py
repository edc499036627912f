"""The budget screen: the Eingliederungsplanung with inline edits of amounts and quantities.

Every edit is compare-and-set against the value the planner saw ("gesehen"). With htmx the
answer holds only what changed: the edited group, the sums, the shares, the findings and
the message; without JavaScript the form posts and the page comes back whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from amp import formatting
from amp.core.budget import Column, Quantity, QuantityUnit
from amp.core.plan import Plan as CorePlan
from amp.web.plans import services
from amp.web.plans.derived import derived
from amp.web.plans.models import PlanVersion
from amp.web.plans.views.budget_rows import (
    UNIT_CHOICES,
    FieldError,
    TableState,
    budget_group,
    budget_table,
    budget_totals,
    columns,
    quantity_from_token,
    quantity_input,
    quantity_text,
    shares,
)
from amp.web.plans.views.page import shown_findings, version_page

WHOLE_NUMBER = re.compile(r"\d{1,3}(\.\d{3})+|\d+")


def _all_columns(data: Any) -> bool:
    return data.get("alle", "") == "1"


def _budget_url(pk: int, all_columns: bool) -> str:
    url = reverse("plans:budget", args=[pk])
    return f"{url}?alle=1" if all_columns else url


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _screen(
    request: HttpRequest,
    version: PlanVersion,
    role: str,
    state: TableState,
    message: tuple[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    checked = derived(version)
    core = checked.plan
    context = {
        **version_page(version, role, "budget"),
        "table": budget_table(core, state),
        "shares": shares(core),
        "findings": shown_findings(version, list(checked.findings)),
        "message": message,
    }
    return render(request, "plans/budget.html", context, status=status)


def _fragments(
    request: HttpRequest,
    version: PlanVersion,
    group: int,
    state: TableState,
    message: tuple[str, str],
    with_sums: bool,
) -> HttpResponse:
    """The edited group; with a saved value also the sums, shares and findings."""
    version.refresh_from_db()
    checked = derived(version)
    core = checked.plan
    context: dict[str, Any] = {
        "version": version,
        "editable": True,
        "table": {
            "columns": columns(core),
            "all_columns": state.all_columns,
            "units": UNIT_CHOICES,
        },
        "group": budget_group(core, group, state),
        "message": message,
        "with_sums": with_sums,
    }
    if with_sums:
        context["totals"] = budget_totals(core)
        context["shares"] = shares(core)
        context["findings"] = shown_findings(version, list(checked.findings))
    return render(request, "plans/_budget_update.html", context)


@login_required
def budget_screen(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    state = TableState(all_columns=_all_columns(request.GET))
    return _screen(request, version, role, state)


def _editable(request: HttpRequest, pk: int) -> tuple[PlanVersion, str]:
    version, role = services.version_for(request.user, pk)
    if not services.can_edit(role, version):
        raise PermissionDenied("Sie dürfen diesen Planstand nicht ändern.")
    return version, role


def _line_name(core: CorePlan, group: int, line: int) -> str | None:
    if group < 0 or line < 0:
        return None
    try:
        return core.budget.groups[group].lines[line].name
    except IndexError:
        return None


def _stale_form(request: HttpRequest, pk: int, text: str, all_columns: bool) -> HttpResponse:
    if _is_htmx(request):
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    messages.error(request, text)
    return redirect(_budget_url(pk, all_columns))


def _rejected(
    request: HttpRequest, version: PlanVersion, role: str, error: FieldError, status: int
) -> HttpResponse:
    state = TableState(all_columns=_all_columns(request.POST), error=error)
    message = ("error", error.message)
    if _is_htmx(request):
        # after a conflict the stored plan differs from the page: send the new sums too
        conflict = status == 409
        return _fragments(request, version, error.group, state, message, with_sums=conflict)
    return _screen(request, version, role, state, message, status)


def _saved(
    request: HttpRequest, version: PlanVersion, place: tuple[int, int, str], text: str
) -> HttpResponse:
    all_columns = _all_columns(request.POST)
    if _is_htmx(request):
        state = TableState(all_columns=all_columns, saved={place})
        return _fragments(request, version, place[0], state, ("success", text), with_sums=True)
    messages.success(request, text)
    return redirect(_budget_url(version.pk, all_columns))


@dataclass(frozen=True)
class EditTarget:
    """The line an edit form names, with the value the planner saw there."""

    version: PlanVersion
    role: str
    group: int
    line: int
    name: str
    seen: Any

    def parts(self) -> tuple[PlanVersion, str, int, int, str, Any]:
        return self.version, self.role, self.group, self.line, self.name, self.seen


def _target(
    request: HttpRequest, pk: int, read_seen: Callable[[str], Any]
) -> EditTarget | HttpResponse:
    """The edited line, or the answer to a form that does not fit the plan (any more)."""
    version, role = _editable(request, pk)
    all_columns = _all_columns(request.POST)
    try:
        group = int(request.POST["gruppe"])
        line = int(request.POST["zeile"])
        seen = read_seen(request.POST.get("gesehen", ""))
    except (KeyError, ValueError, InvalidOperation):
        text = "Das Formular ist unvollständig. Bitte die Seite neu laden."
        return _stale_form(request, pk, text, all_columns)
    name = _line_name(version.core_plan(), group, line)
    if name is None:
        text = "Diese Zeile gibt es nicht (mehr). Bitte die Seite neu laden."
        return _stale_form(request, pk, text, all_columns)
    return EditTarget(version, role, group, line, name, seen)


def _amount_seen(raw: str) -> Decimal | None:
    return Decimal(raw) if raw else None


@login_required
@require_POST
def edit_amount(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request, pk, _amount_seen)
    if isinstance(target, HttpResponse):
        return target
    version, role, group, line, name, seen = target.parts()
    try:
        column = Column(request.POST.get("spalte", Column.PLAN.value))
    except ValueError:
        text = "Das Formular ist unvollständig. Bitte die Seite neu laden."
        return _stale_form(request, pk, text, _all_columns(request.POST))
    core = version.core_plan()
    what = "Betrag" if column is Column.PLAN else core.budget.column_label(column)
    field = f"{what} „{name}“"
    typed = request.POST.get("betrag", "")
    try:
        new = formatting.parse_amount(typed)
    except formatting.AmountInputError as exc:
        error = FieldError(
            group, line, column.value, typed, f"{field}: {exc}. Nichts wurde gespeichert."
        )
        return _rejected(request, version, role, error, 400)
    path = services.amount_path(group, line, column)
    try:
        services.set_value(version.pk, request.user, path, seen, new)
    except services.EditConflict as conflict:
        other = formatting.money(conflict.current) if conflict.current is not None else "(leer)"
        mine = formatting.money(new) if new is not None else "(leer)"
        text = (
            f"{field}: Konflikt – jemand anderes hat den Wert inzwischen auf {other} geändert. "
            f"Ihr Wert {mine} wurde nicht gespeichert. Bitte prüfen und erneut eingeben."
        )
        shown = formatting.amount_input(conflict.current)
        return _rejected(
            request, version, role, FieldError(group, line, column.value, shown, text), 409
        )
    except services.EditError as exc:
        error = FieldError(group, line, column.value, typed, f"{field}: {exc}")
        return _rejected(request, version, role, error, 400)
    shown = formatting.money(new) if new is not None else "(leer)"
    return _saved(request, version, (group, line, column.value), f"{field} gespeichert: {shown}.")


def parse_quantity(typed: str, unit: str, approximate: bool) -> Quantity | None:
    """The quantity typed into the budget table; raises ValueError with a German message."""
    text = typed.strip()
    if unit and unit not in {u.value for u in QuantityUnit}:
        raise ValueError("unbekannte Einheit")
    is_open = text.lower() == "offen"
    if text.startswith("-"):
        raise ValueError("darf nicht negativ sein")
    if text and not is_open and not WHOLE_NUMBER.fullmatch(text):
        raise ValueError("keine ganze Zahl (z. B. 120 oder 1.200, oder „offen“)")
    value = int(text.replace(".", "")) if text and not is_open else None
    if value is None and not is_open and not unit and not approximate:
        return None
    return Quantity(
        value=value,
        unit=QuantityUnit(unit) if unit else None,
        approximate=approximate,
        open=is_open,
    )


@login_required
@require_POST
def edit_quantity(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request, pk, quantity_from_token)
    if isinstance(target, HttpResponse):
        return target
    version, role, group, line, name, seen = target.parts()
    field = f"Menge „{name}“"
    typed = request.POST.get("menge", "")
    try:
        new = parse_quantity(
            typed, request.POST.get("einheit", ""), request.POST.get("ungefaehr") == "1"
        )
    except ValueError as exc:
        error = FieldError(
            group, line, "menge", typed, f"{field}: {exc}. Nichts wurde gespeichert."
        )
        return _rejected(request, version, role, error, 400)
    try:
        services.set_value(version.pk, request.user, services.quantity_path(group, line), seen, new)
    except services.EditConflict as conflict:
        other = quantity_text(conflict.current) or "(leer)"
        text = (
            f"{field}: Konflikt – jemand anderes hat die Menge inzwischen auf {other} geändert. "
            f"Ihre Eingabe wurde nicht gespeichert. Bitte prüfen und erneut eingeben."
        )
        error = FieldError(group, line, "menge", quantity_input(conflict.current), text)
        return _rejected(request, version, role, error, 409)
    except services.EditError as exc:
        error = FieldError(group, line, "menge", typed, f"{field}: {exc}")
        return _rejected(request, version, role, error, 400)
    shown = quantity_text(new) or "(leer)"
    return _saved(request, version, (group, line, "menge"), f"{field} gespeichert: {shown}.")
