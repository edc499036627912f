"""The overview of one version: budget summary, sources and uses, target-group shares,
open findings; and the page with every table of the programme."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amp.core import formatting
from amp.core.money import ZERO
from amp.core.plan import Plan as CorePlan
from amp.core.units import Unit
from amp.reports.tables import balance_table
from amp.web.plans import selectors
from amp.web.plans.derived import derived
from amp.web.plans.presenters.budget_rows import shares
from amp.web.plans.presenters.page import shown_findings, version_page
from amp.web.plans.presenters.shown import shown_table


def summary(core: CorePlan) -> dict[str, Any]:
    """Eingliederungsmittel, Verwaltung and total; Mittelausstattung against planned uses."""
    planned = core.budget.computed_total().plan or ZERO
    year = core.funding.year(core.year) if core.funding else None
    admin = year.admin_total if year else None
    result: dict[str, Any] = {
        "integration": formatting.money(planned),
        "admin": formatting.money(admin),
        "total": formatting.money(planned + (admin or ZERO)),
        "balance": None,
    }
    if year is not None:
        left = year.integration_available - planned
        if left > ZERO:
            verdict = f"{formatting.money(left)} sind noch nicht verplant."
        elif left < ZERO:
            verdict = f"Die Planung übersteigt die Mittel um {formatting.money(-left)}."
        else:
            verdict = "Die Planung verteilt die verfügbaren Mittel genau."
        result["balance"] = {
            "available": formatting.money(year.integration_available),
            "planned": formatting.money(planned),
            "difference": formatting.signed(left, Unit.EUR),
            "verdict": verdict,
            "even": left == ZERO,
        }
    return result


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    checked = derived(version)
    core = checked.plan
    findings = list(checked.findings)
    balance = balance_table(core)
    context = {
        **version_page(version, role, "overview"),
        "summary": summary(core),
        "balance_table": shown_table(balance) if balance else None,
        "shares": shares(core),
        "findings": shown_findings(version, findings),
    }
    return render(request, "plans/version.html", context)


@login_required
def version_tables(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    context = {
        **version_page(version, role, "tables"),
        "tables": [shown_table(v) for v in derived(version).tables],
    }
    return render(request, "plans/tables.html", context)
