"""Scenarios: preview a Kürzung or Erhöhung in € or %, save it as a new draft version."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from amp import formatting
from amp.core.plan import Plan as CorePlan
from amp.core.scenarios import (
    Basis,
    InsufficientHeadroom,
    ScenarioError,
    ScenarioRequest,
    ScenarioResult,
    Spread,
    apply_scenario,
)
from amp.core.units import Unit
from amp.scenario_text import describe, effect
from amp.web.plans import services
from amp.web.plans.views.page import version_page
from amp.web.plans.views.shown import back_to_version


class FormError(ValueError):
    """A German message naming the field of the scenario form."""


def _priorities(data: QueryDict, core: CorePlan) -> dict[str, int]:
    found: dict[str, int] = {}
    for line in core.budget.lines():
        typed = data.get(f"prio-{line.id}", "").strip()
        if not typed:
            continue
        if not typed.isdigit() or int(typed) < 1:
            raise FormError(f"Priorität „{line.name}“: eine ganze Zahl ab 1 eingeben")
        found[line.id] = int(typed)
    return found


def read_request(data: QueryDict, core: CorePlan) -> ScenarioRequest | None:
    """The scenario the form asks for; None when nothing was entered yet."""
    typed = data.get("aenderung", "")
    if not typed and data.get("prozent"):  # the former cut form: a Kürzung in percent
        typed, basis, direction = data["prozent"], Basis.PERCENT, "kuerzung"
    else:
        basis = Basis.PERCENT if data.get("einheit") == Basis.PERCENT.value else Basis.EUR
        direction = data.get("richtung", "kuerzung")
    if not typed.strip():
        return None
    try:
        amount = formatting.parse_amount(typed.strip().removesuffix("%"))
    except formatting.AmountInputError as exc:
        raise FormError(f"Änderung: {exc}") from None
    assert amount is not None
    spread = (
        Spread.PRIORITY if data.get("verteilung") == Spread.PRIORITY.value else Spread.PROPORTIONAL
    )
    sign = Decimal(1) if direction == "erhoehung" else Decimal(-1)
    return ScenarioRequest(sign * amount, basis, spread, _priorities(data, core))


def shown_result(result: ScenarioResult) -> dict[str, Any]:
    return {
        "requested": formatting.signed(result.requested, Unit.EUR),
        "before": formatting.money(result.before_total),
        "after": formatting.money(result.after_total),
        "change": formatting.signed(result.after_total - result.before_total, Unit.EUR),
        "lines": [
            {
                "group": line.group,
                "name": line.name,
                "mandatory": line.mandatory,
                "priority": line.priority or "",
                "commitments": formatting.money(line.commitments),
                "before": formatting.money(line.before),
                "after": formatting.money(line.after),
                "change": formatting.signed(line.change, Unit.EUR) if line.change else "",
                "effect": effect(line),
            }
            for line in result.lines
        ],
    }


def _form_lines(core: CorePlan, data: QueryDict) -> list[dict[str, Any]]:
    """The Ermessensleistungen, each with its priority input."""
    rows = []
    for line in core.budget.lines():
        instrument = core.instrument(line.instrument)
        if instrument is not None and instrument.mandatory:
            continue
        rows.append({"id": line.id, "name": line.name, "priority": data.get(f"prio-{line.id}", "")})
    return rows


@login_required
def scenario(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: preview a scenario; POST: save it as a new draft."""
    version, role = services.version_for(request.user, pk)
    if not services.can_preview_scenario(role):
        raise PermissionDenied("Nur Planung und Leitung können Szenarien berechnen.")
    if request.method == "POST" and not services.can_branch(role):
        raise PermissionDenied("Nur die Planung kann Szenarien als Entwurf speichern.")
    data = request.POST if request.method == "POST" else request.GET
    core = version.core_plan()
    context: dict[str, Any] = {
        **version_page(version, role, "scenario"),
        "form": {
            "aenderung": data.get("aenderung", "") or data.get("prozent", ""),
            "einheit": Basis.PERCENT.value if data.get("prozent") else data.get("einheit", "eur"),
            "richtung": data.get("richtung", "kuerzung"),
            "verteilung": data.get("verteilung", Spread.PROPORTIONAL.value),
        },
        "lines": _form_lines(core, data),
        "error": "",
        "result": None,
    }
    try:
        wanted = read_request(data, core)
        if wanted is None:
            if request.method == "POST":
                raise FormError("Änderung: Pflichtangabe fehlt")
            return render(request, "plans/scenario.html", context)
        label = describe(wanted)
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
    except InsufficientHeadroom as exc:
        context["error"] = (
            f"Änderung: {exc}: verlangt {formatting.money(exc.requested)}, "
            f"möglich höchstens {formatting.money(exc.available)}."
        )
    except (FormError, ScenarioError) as exc:
        context["error"] = f"Änderung: {exc}." if isinstance(exc, ScenarioError) else f"{exc}."
    else:
        context["label"] = label
        context["result"] = shown_result(result)
    return render(request, "plans/scenario.html", context, status=400 if context["error"] else 200)
