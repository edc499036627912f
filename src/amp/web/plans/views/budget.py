"""The budget screen: the Eingliederungsplanung with inline edits of amounts and quantities.

Every edit is compare-and-set against the value the planner saw ("gesehen"). With htmx the
answer holds only what changed: the edited group, the sums, the shares, the findings and
the message; without JavaScript the form posts and the page comes back whole.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from amp.core import formatting
from amp.core.budget import Column
from amp.core.plan import Plan as CorePlan
from amp.web.plans import approvals, grid_edits, selectors, services
from amp.web.plans.derived import derived
from amp.web.plans.forms.budget import STALE, AmountEditForm, BudgetViewForm, QuantityEditForm
from amp.web.plans.models import PlanVersion
from amp.web.plans.plan_edits import EditConflicts, set_value
from amp.web.plans.presenters.budget_rows import (
    UNIT_CHOICES,
    FieldError,
    TableState,
    budget_group,
    budget_table,
    budget_totals,
    columns,
    paste_starts,
    quantity_input,
    quantity_text,
    reference_values,
    shares,
)
from amp.web.plans.presenters.page import shown_findings, version_page


def with_reference(version: PlanVersion, state: TableState) -> TableState:
    """The state with the lines' comments and the values of the version in force (to mark
    what differs from it)."""
    comments = {
        line_id: {
            "text": c.text,
            "who": c.author.get_username() if c.author else "System",
            "when": formatting.day(timezone.localtime(c.at).date()),
        }
        for line_id, c in grid_edits.comments_of(version).items()
    }
    state = dataclasses.replace(state, comments=comments)
    current = approvals.in_force_of(version.plan_id)
    if current is None or current.pk == version.pk:
        return state
    reference = _published_values(current.pk, current.created_at.isoformat(), current.status)
    return dataclasses.replace(state, reference=reference, reference_number=current.number)


@functools.lru_cache(maxsize=16)
def _published_values(pk: int, created: str, status: str) -> dict[tuple[str, str], Any]:
    """The cells of a published version (its document never changes again), kept for the
    next save; `created` and `status` make a restored database or a new status miss."""
    return reference_values(PlanVersion.objects.get(pk=pk).core_plan())


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
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    checked = derived(version)
    core = checked.plan
    state = with_reference(version, state)
    context = {
        **version_page(version, role, "budget"),
        "table": budget_table(core, state),
        "shares": shares(core),
        "findings": shown_findings(version, list(checked.findings)),
        "message": message,
        "paste_starts": paste_starts(core, state.all_columns),
        "has_comments": bool(state.comments),
        **(extra or {}),
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
    state = with_reference(version, state)
    context: dict[str, Any] = {
        "version": version,
        "editable": True,
        "table": {
            "columns": columns(core, state.all_columns),
            "all_columns": state.all_columns,
            "units": UNIT_CHOICES,
        },
        "group": budget_group(core, group, state),
        "message": message,
        "with_sums": with_sums,
    }
    if with_sums:
        context["totals"] = budget_totals(core, state.all_columns)
        context["shares"] = shares(core)
        context["findings"] = shown_findings(version, list(checked.findings))
    return render(request, "plans/_budget_update.html", context)


@login_required
def budget_screen(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    state = TableState(all_columns=BudgetViewForm(request.GET).all_columns())
    return _screen(request, version, role, state)


def _editable(request: HttpRequest, pk: int) -> tuple[PlanVersion, str]:
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_edit(role, version):
        raise PermissionDenied("Sie dürfen diesen Planstand nicht ändern.")
    return version, role


def _line_name(core: CorePlan, group: int, line: int) -> str | None:
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
    request: HttpRequest,
    version: PlanVersion,
    role: str,
    error: FieldError,
    status: int,
    all_columns: bool,
) -> HttpResponse:
    state = TableState(all_columns=all_columns, error=error)
    message = ("error", error.message)
    if _is_htmx(request):
        # after a conflict the stored plan differs from the page: send the new sums too
        conflict = status == 409
        return _fragments(request, version, error.group, state, message, with_sums=conflict)
    return _screen(request, version, role, state, message, status)


def _saved(
    request: HttpRequest,
    version: PlanVersion,
    place: tuple[int, int, str],
    text: str,
    all_columns: bool,
) -> HttpResponse:
    if _is_htmx(request):
        state = TableState(all_columns=all_columns, saved={place})
        return _fragments(request, version, place[0], state, ("success", text), with_sums=True)
    messages.success(request, text)
    return redirect(_budget_url(version.pk, all_columns))


def _line(
    request: HttpRequest, pk: int, form: AmountEditForm | QuantityEditForm
) -> tuple[PlanVersion, str, str] | HttpResponse:
    """The version, role and line name of a valid form, or the answer to a stale form."""
    version, role = _editable(request, pk)
    all_columns = form.all_columns()
    if form.stale():
        return _stale_form(request, pk, STALE, all_columns)
    group, line = form.place()
    name = _line_name(version.core_plan(), group, line)
    if name is None:
        text = "Diese Zeile gibt es nicht (mehr). Bitte die Seite neu laden."
        return _stale_form(request, pk, text, all_columns)
    return version, role, name


@login_required
@require_POST
def edit_amount(request: HttpRequest, pk: int) -> HttpResponse:
    form = AmountEditForm(request.POST)
    form.is_valid()
    found = _line(request, pk, form)
    if isinstance(found, HttpResponse):
        return found
    version, role, name = found
    (group, line), column = form.place(), form.cleaned_data["spalte"]
    core = version.core_plan()
    what = "Betrag" if column is Column.PLAN else core.budget.column_label(column)
    field = f"{what} „{name}“"
    typed, wide = form.typed("betrag"), form.all_columns()
    if "betrag" in form.errors:
        text = f"{field}: {form.value_error('betrag')}. Nichts wurde gespeichert."
        error = FieldError(group, line, column.value, typed, text)
        return _rejected(request, version, role, error, 400, wide)
    new = form.cleaned_data["betrag"]
    path = services.amount_path(group, line, column)
    try:
        set_value(version.pk, request.user, path, form.cleaned_data["gesehen"], new)
    except EditConflicts as conflict:
        current = conflict.current[path]
        other = formatting.money(current) if current is not None else "(leer)"
        mine = formatting.money(new) if new is not None else "(leer)"
        text = (
            f"{field}: Konflikt – jemand anderes hat den Wert inzwischen auf {other} geändert. "
            f"Ihr Wert {mine} wurde nicht gespeichert. Bitte prüfen und erneut eingeben."
        )
        shown = formatting.amount_input(current)
        error = FieldError(group, line, column.value, shown, text)
        return _rejected(request, version, role, error, 409, wide)
    except services.EditError as exc:
        error = FieldError(group, line, column.value, typed, f"{field}: {exc}")
        return _rejected(request, version, role, error, 400, wide)
    shown = formatting.money(new) if new is not None else "(leer)"
    return _saved(
        request, version, (group, line, column.value), f"{field} gespeichert: {shown}.", wide
    )


@login_required
@require_POST
def edit_quantity(request: HttpRequest, pk: int) -> HttpResponse:
    form = QuantityEditForm(request.POST)
    form.is_valid()
    found = _line(request, pk, form)
    if isinstance(found, HttpResponse):
        return found
    version, role, name = found
    group, line = form.place()
    field = f"Menge „{name}“"
    typed, wide = form.typed("menge"), form.all_columns()
    if "menge" in form.errors:
        text = f"{field}: {form.value_error('menge')}. Nichts wurde gespeichert."
        return _rejected(
            request, version, role, FieldError(group, line, "menge", typed, text), 400, wide
        )
    new = form.cleaned_data["neu"]
    path = services.quantity_path(group, line)
    try:
        set_value(version.pk, request.user, path, form.cleaned_data["gesehen"], new)
    except EditConflicts as conflict:
        current = conflict.current[path]
        other = quantity_text(current) or "(leer)"
        text = (
            f"{field}: Konflikt – jemand anderes hat die Menge inzwischen auf {other} geändert. "
            f"Ihre Eingabe wurde nicht gespeichert. Bitte prüfen und erneut eingeben."
        )
        error = FieldError(group, line, "menge", quantity_input(current), text)
        return _rejected(request, version, role, error, 409, wide)
    except services.EditError as exc:
        error = FieldError(group, line, "menge", typed, f"{field}: {exc}")
        return _rejected(request, version, role, error, 400, wide)
    shown = quantity_text(new) or "(leer)"
    return _saved(request, version, (group, line, "menge"), f"{field} gespeichert: {shown}.", wide)
