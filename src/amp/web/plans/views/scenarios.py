"""Scenarios: preview a Kürzung or Erhöhung in € or %, save it as a new draft version.

The change is typed in one field and echoed in words before anything is computed: with
htmx while typing (the fragment `_scenario_reading.html`), without JavaScript on a confirm
step. The page's form always sends `gelesen`, the reading the user has seen; a request whose
reading differs from it (or is still empty) gets the confirm step instead of a result. A
link without `gelesen` (an address from before, the API-like query) is computed directly.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amp.core import formatting
from amp.core.scenarios import (
    Basis,
    InsufficientHeadroom,
    ScenarioError,
    ScenarioRequest,
    apply_scenario,
    describe,
    reading,
)
from amp.web.plans import selectors, services
from amp.web.plans.forms.scenario import ScenarioForm
from amp.web.plans.presenters.net_change import net_of_plans
from amp.web.plans.presenters.page import version_page
from amp.web.plans.presenters.scenario import form_lines, shown_result
from amp.web.plans.presenters.shown import back_to_version


def _refusal(exc: ScenarioError) -> str:
    if isinstance(exc, InsufficientHeadroom):
        return (
            f"Änderung: {exc}: verlangt {formatting.money(exc.requested)}, "
            f"möglich höchstens {formatting.money(exc.available)}."
        )
    return f"Änderung: {exc}."


def typed_text(request: ScenarioRequest) -> str:
    """The request as one field shows it, with its sign and unit: "-5 %", "+250.000,00 €"."""
    sign = "-" if request.amount < 0 else "+"
    size = abs(request.amount)
    if request.basis is Basis.PERCENT:
        return f"{sign}{formatting.percent(size)}"
    return f"{sign}{formatting.money(size)}"


def _reading_fragment(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "plans/_scenario_reading.html", context)


@login_required
def scenario(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: preview a scenario; POST: save it as a new draft."""
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_preview_scenario(role):
        raise PermissionDenied("Nur Planung und Leitung können Szenarien berechnen.")
    if request.method == "POST" and not selectors.can_branch(role):
        raise PermissionDenied("Nur die Planung kann Szenarien als Entwurf speichern.")
    core = version.core_plan()
    form = ScenarioForm(request.POST if request.method == "POST" else request.GET, core)
    context: dict[str, Any] = {
        **version_page(version, role, "scenario"),
        "form": form.shown(),
        "lines": form_lines(core, form.data),
        "error": "",
        "result": None,
    }
    live = request.headers.get("HX-Request") == "true" and request.method == "GET"
    context["live"] = live
    if not form.is_valid():
        context["error"] = form.error_text()
        if live:
            return _reading_fragment(request, context)
        return render(request, "plans/scenario.html", context, status=400)
    wanted = form.cleaned_data["request"]
    if wanted is None:
        if request.method == "POST":
            context["error"] = "Änderung: Pflichtangabe fehlt."
            return render(request, "plans/scenario.html", context, status=400)
        if live:
            return _reading_fragment(request, context)
        return render(request, "plans/scenario.html", context)
    label = describe(wanted)
    try:
        context["reading"] = reading(core, wanted)
        context["typed"] = typed_text(wanted)
        if live:
            return _reading_fragment(request, context)
        seen = (
            request.POST.get("gelesen") if request.method == "POST" else request.GET.get("gelesen")
        )
        if request.method == "GET" and seen is not None and seen != context["reading"]:
            context["confirm"] = True  # echo the reading first; the next submit computes
            return render(request, "plans/scenario.html", context)
        if request.method == "POST":
            created, _result = services.create_scenario_version(
                version.pk, request.user, wanted, label
            )
            messages.success(
                request,
                f"Szenario „{label}“ als neuer Entwurf (Version {created.number}) angelegt.",
            )
            return back_to_version(created.pk)
        result = apply_scenario(core, wanted)
    except ScenarioError as exc:
        context["error"] = _refusal(exc)
        if live:
            return _reading_fragment(request, context)
        return render(request, "plans/scenario.html", context, status=400)
    context["label"] = label
    context["result"] = shown_result(result)
    context["net"] = net_of_plans(core, result.plan)
    return render(request, "plans/scenario.html", context)
