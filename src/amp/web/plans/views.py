"""Screens: the plans a user may see, one version's overview, edits and version steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from amp import formatting
from amp.core.budget import Column
from amp.core.checks import check_plan
from amp.core.findings import Finding
from amp.core.plan import Plan as CorePlan
from amp.core.scenarios import ScenarioError, cut
from amp.core.units import Unit
from amp.reports.tables import Cell, TableView, all_tables, overview
from amp.rules.legal_facts import legal_facts
from amp.web.plans import services
from amp.web.plans.models import Role


@dataclass(frozen=True)
class ShownCell:
    text: str
    printed: str
    numeric: bool


def _cell_text(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, Decimal | int) and cell.unit is not None:
        return formatting.number(Decimal(value), cell.unit)
    if value is None:
        return ""
    if isinstance(value, date):
        return formatting.day(value)
    return str(value)


def _shown(view: TableView) -> dict[str, Any]:
    def numeric(i: int) -> bool:
        return view.numeric[i] if i < len(view.numeric) else False

    rows = [
        {
            "kind": row.kind.value,
            "cells": [
                ShownCell(
                    _cell_text(cell),
                    ""
                    if cell.printed is None
                    else formatting.number(cell.printed, cell.unit or Unit.EUR),
                    numeric(i),
                )
                for i, cell in enumerate(row.cells)
            ],
        }
        for row in view.rows
    ]
    columns = [(label, numeric(i)) for i, label in enumerate(view.columns)]
    return {
        "key": view.key,
        "title": view.title,
        "columns": columns,
        "header": any(label for label, _numeric in columns),
        "rows": rows,
        "notes": view.notes,
    }


def _finding(finding: Finding) -> dict[str, str]:
    location = finding.location
    return {
        "severity": finding.severity.value,
        "rule": finding.rule,
        "where": " · ".join(p for p in (location.table, location.row, location.column) if p),
        "message": finding.message,
        "printed": formatting.number(finding.printed, finding.unit),
        "computed": formatting.number(finding.computed, finding.unit),
    }


def _budget_lines(core: CorePlan) -> list[dict[str, Any]]:
    column = Column.PLAN
    lines = []
    for g, group in enumerate(core.budget.groups):
        for i, line in enumerate(group.lines):
            value = line.amounts.get(column)
            lines.append(
                {
                    "group": g,
                    "line": i,
                    "group_name": group.name,
                    "name": line.name,
                    "value": formatting.amount_input(value),
                    "seen": "" if value is None else str(value),
                }
            )
    return lines


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    versions = services.visible_versions(request.user).order_by(
        "plan__jobcenter__name", "-plan__year", "number"
    )
    return render(request, "plans/list.html", {"versions": versions})


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    core = version.core_plan()
    findings = check_plan(core, legal_facts(core.year))
    editable = services.can_edit(role, version)
    context = {
        "version": version,
        "role": Role(role).label,
        "overview": _shown(overview(core)),
        "tables": [_shown(v) for v in all_tables(core)],
        "findings": [_finding(f) for f in findings],
        "editable": editable,
        "budget_lines": _budget_lines(core) if editable else [],
        "plan_column": core.budget.column_label(Column.PLAN),
        "can_approve": services.can_approve(role, version),
        "can_branch": services.can_branch(role),
        "changes": [
            {"path": path, "old": _value_text(old), "new": _value_text(new)}
            for path, old, new in services.changes(version)
        ],
        "siblings": services.visible_versions(request.user)
        .filter(plan=version.plan)
        .order_by("number"),
        "audit": version.audit.select_related("user").order_by("-at", "-id")[:50],
    }
    return render(request, "plans/version.html", context)


def _value_text(value: Any) -> str:
    if value is None:
        return "(leer)"
    if isinstance(value, Decimal):
        return formatting.amount_input(value)
    return str(value)


def _back(pk: int) -> HttpResponseRedirect:
    return redirect(reverse("plans:version", args=[pk]))


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
        return _back(pk)
    core = version.core_plan()
    try:
        name = core.budget.groups[group].lines[line].name
    except IndexError:
        messages.error(request, "Diese Zeile gibt es nicht (mehr). Bitte die Seite neu laden.")
        return _back(pk)
    field = f"Betrag „{name}“"
    try:
        new = formatting.parse_amount(request.POST.get("betrag", ""))
    except formatting.AmountInputError as exc:
        messages.error(request, f"{field}: {exc}. Nichts wurde gespeichert.")
        return _back(pk)
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
        return _back(pk)
    except services.EditError as exc:
        messages.error(request, f"{field}: {exc}")
        return _back(pk)
    shown = formatting.money(new) if new is not None else "(leer)"
    messages.success(request, f"{field} gespeichert: {shown}.")
    return _back(pk)


@login_required
@require_POST
def approve_version(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    if not services.can_approve(role, version):
        raise PermissionDenied("Nur die Leitung kann einen Entwurf beschließen.")
    try:
        approved = services.approve(version.pk, request.user)
    except services.EditError as exc:
        messages.error(request, str(exc))
        return _back(pk)
    messages.success(
        request, f"Version {approved.number} ist jetzt {approved.get_status_display()}."
    )
    return _back(pk)


@login_required
@require_POST
def branch_version(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    if not services.can_branch(role):
        raise PermissionDenied("Nur die Planung kann einen neuen Stand anlegen.")
    created = services.branch(version.pk, request.user)
    messages.success(request, f"Neuer Entwurf (Version {created.number}) als Kopie angelegt.")
    return _back(created.pk)


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
                return _back(created.pk)
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
