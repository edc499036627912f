"""The Vollzug's two steps into the plans, each shown first and done only on a confirmed
POST: the Umschichtung proposals as a new draft version (Fortschreibung), and next year's
draft from the data with the sources of each cell. Planung and Administration confirm;
Leitung and Beirat see the proposals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from amp.core import formatting
from amp.core.budget import COLUMN_LABELS
from amp.core.forecast import METHOD_LABELS
from amp.core.ledger.next_year import next_year_draft
from amp.reports.vollzug import proposals_view
from amp.web.plans.models import PlanVersion
from amp.web.plans.presenters.shown import shown_table
from amp.web.plans.selectors import visible_versions
from amp.web.vollzug import plan_updates, presenters, selectors
from amp.web.vollzug.models import DraftOrigin
from amp.web.vollzug.selectors import Access
from amp.web.vollzug.settings_edits import StaleEdit
from amp.web.vollzug.views.screens import steered_context

MAX_VERSION_ID = 2**63 - 1


def _confirmed(request: HttpRequest, access: Access) -> tuple[str, int] | None:
    """The stamp and version the user confirmed; None without the confirmation."""
    if not access.can_edit:
        raise PermissionDenied("Nur Planung und Administration legen Planversionen an.")
    if request.POST.get("bestaetigt") != "1":
        return None
    try:
        seen_version = int(request.POST.get("version", ""))
    except ValueError:
        return None
    if not 0 < seen_version <= MAX_VERSION_ID:
        return None
    return request.POST.get("stempel", "")[:64], seen_version


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reallocation(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = selectors.access(request.user, code, year)
    if request.method == "POST":
        confirmed = _confirmed(request, access)
        if access.record is None:
            raise Http404("Für dieses Jahr ist kein Vollzug erfasst.")
        if confirmed is None:
            messages.error(request, "Bitte die Umschichtung ausdrücklich bestätigen.")
            return redirect("vollzug:reallocation", code, year)
        try:
            new = plan_updates.apply_reallocation(
                access.record, access.version, *confirmed, request.user
            )
        except StaleEdit as exc:
            messages.error(request, str(exc))
            return redirect("vollzug:reallocation", code, year)
        except plan_updates.NothingToApply as exc:
            messages.error(request, str(exc))
            return redirect("vollzug:reallocation", code, year)
        messages.success(
            request,
            f"Die Umschichtung steht als Entwurf in Version {new.number}. Sie gilt, sobald "
            "die Leitung den Entwurf beschließt.",
        )
        return redirect("plans:version", new.pk)
    context, steered = steered_context(request, access, "reallocation")
    if steered is not None:
        _data, s = steered
        context |= {
            "stand": s.position.stand,
            "proposals": shown_table(proposals_view(s)),
            "count": len(s.reallocation.proposals),
            "stamp": str(access.record.stamp) if access.record else "",
        }
    return render(request, "vollzug/reallocation.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def next_year(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = selectors.access(request.user, code, year)
    if request.method == "POST":
        confirmed = _confirmed(request, access)
        if access.record is None:
            raise Http404("Für dieses Jahr ist kein Vollzug erfasst.")
        if confirmed is None:
            messages.error(request, "Bitte das Anlegen des Entwurfs ausdrücklich bestätigen.")
            return redirect("vollzug:next-year", code, year)
        try:
            new = plan_updates.create_next_year(
                access.record, access.version, *confirmed, request.user
            )
        except StaleEdit as exc:
            messages.error(request, str(exc))
            return redirect("vollzug:next-year", code, year)
        messages.success(
            request,
            f"Entwurf {year + 1} als Version {new.number} angelegt; die Herkunft jeder "
            "Zelle steht unter „Folgejahr“.",
        )
        return redirect("vollzug:origin", code, year, new.pk)
    context, steered = steered_context(request, access, "next-year")
    if steered is not None:
        data, s = steered
        stand = s.position.stand
        forecasts = {
            line: (f.point, f"Hochrechnung: {METHOD_LABELS[f.method]}")
            for line, f in s.forecasts.items()
        }
        next_load = s.preloads[0].by_line if s.preloads else {}
        _draft, cells = next_year_draft(data.plan, data.ledger, stand, forecasts, next_load)
        names = {line.id: line.name for line in data.plan.budget.lines()}
        context |= {
            "stand": stand,
            "next": year + 1,
            "cells": [
                {
                    "line": names.get(c.line, c.line),
                    "column": COLUMN_LABELS[c.column],
                    "value": formatting.money(c.value),
                    "sources": c.sources,
                }
                for c in cells
            ],
            "stamp": str(access.record.stamp) if access.record else "",
            "drafts": _drafts(request, access),
        }
    return render(request, "vollzug/next_year.html", context)


def _drafts(request: HttpRequest, access: Access) -> list[dict[str, Any]]:
    """The drafts created from this ledger that the user may open."""
    if access.record is None:
        return []
    visible = visible_versions(request.user)
    return [
        {"version": o.version, "stand": o.stand}
        for o in DraftOrigin.objects.filter(ledger=access.record, version__in=visible)
        .select_related("version", "version__plan")
        .order_by("-version__created_at")
    ]


@login_required
@require_GET
def origin(request: HttpRequest, code: str, year: int, version_id: int) -> HttpResponse:
    """Where each money cell of a draft created from the ledger came from."""
    access = selectors.access(request.user, code, year)
    if version_id > MAX_VERSION_ID:
        raise Http404("Diesen Entwurf gibt es nicht.")
    version: PlanVersion | None = (
        visible_versions(request.user)
        .filter(pk=version_id, plan__jobcenter=access.jobcenter)
        .first()
    )
    found = DraftOrigin.objects.filter(version=version).first() if version else None
    if version is None or found is None:
        raise Http404("Diesen Entwurf gibt es nicht.")
    context = presenters.page(access, "next-year") | {"problems": []}
    names = {line.id: line.name for line in version.core_plan().budget.lines()}
    context |= {
        "draft": version,
        "origin_stand": found.stand,
        "cells": plan_updates.origin_rows(found, names),
    }
    return render(request, "vollzug/origin.html", context)
