"""Scenarios: preview a Kürzung or Erhöhung in € or %, save it as a new draft version."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amp.core import formatting
from amp.core.scenarios import InsufficientHeadroom, ScenarioError, apply_scenario, describe
from amp.web.plans import selectors, services
from amp.web.plans.forms.scenario import ScenarioForm
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
    if not form.is_valid():
        context["error"] = form.error_text()
        return render(request, "plans/scenario.html", context, status=400)
    wanted = form.cleaned_data["request"]
    if wanted is None:
        if request.method == "POST":
            context["error"] = "Änderung: Pflichtangabe fehlt."
            return render(request, "plans/scenario.html", context, status=400)
        return render(request, "plans/scenario.html", context)
    label = describe(wanted)
    try:
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
        return render(request, "plans/scenario.html", context, status=400)
    context["label"] = label
    context["result"] = shown_result(result)
    return render(request, "plans/scenario.html", context)
