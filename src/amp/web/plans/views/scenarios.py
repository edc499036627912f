"""Cut scenarios: preview a cut, save it as a new draft version."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amp import formatting
from amp.core.scenarios import ScenarioError, cut
from amp.core.units import Unit
from amp.web.plans import services
from amp.web.plans.views.shown import back_to_version


@login_required
def cut_scenario(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: preview a cut by a percentage; POST: save it as a new draft."""
    version, role = services.version_for(request.user, pk)
    if not services.can_branch(role):
        raise PermissionDenied("Nur die Planung kann Kürzungsszenarien anlegen.")
    data = request.POST if request.method == "POST" else request.GET
    typed = data.get("prozent", "")
    context: dict[str, Any] = {"version": version, "typed": typed, "error": "", "result": None}
    if typed:
        try:
            percent = formatting.parse_amount(typed.removesuffix("%"))
            if percent is None:
                raise formatting.AmountInputError("Pflichtangabe fehlt")
            result = cut(version.core_plan(), percent)
        except (formatting.AmountInputError, ScenarioError) as exc:
            context["error"] = f"Kürzung in %: {exc}."
        else:
            if request.method == "POST":
                created = services.create_cut_version(version.pk, request.user, percent)
                messages.success(
                    request,
                    f"Kürzungsszenario als neuer Entwurf (Version {created.number}) angelegt.",
                )
                return back_to_version(created.pk)
            context["result"] = {
                "percent": formatting.percent(percent),
                "value": formatting.amount_input(percent),
                "before": formatting.money(result.before_total),
                "after": formatting.money(result.after_total),
                "change": formatting.signed(result.after_total - result.before_total, Unit.EUR),
                "lines": [
                    {
                        "group": line.group,
                        "name": line.name,
                        "mandatory": line.mandatory,
                        "before": formatting.money(line.before),
                        "after": formatting.money(line.after),
                        "change": formatting.signed(line.change, Unit.EUR),
                    }
                    for line in result.lines
                ],
            }
    elif request.method == "POST":
        context["error"] = "Kürzung in %: Pflichtangabe fehlt."
    return render(request, "plans/cut.html", context, status=400 if context["error"] else 200)
