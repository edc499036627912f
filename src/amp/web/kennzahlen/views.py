"""The Kennzahlen page of a Jobcenter: members with any role may read it, and readers of
the Jobcenter's Land (amp.web.land); others get 404.

The Beirat reads it, too: the page shows only the published form of the figures (small
cells suppressed), the same the Bundesagentur publishes, and targets only from decided
plan versions.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from amp.web.kennzahlen.models import MonthlyFigures
from amp.web.kennzahlen.page import page
from amp.web.plans.models import Jobcenter


def _readable(request: HttpRequest) -> QuerySet[Jobcenter]:
    """Members of the Jobcenter, and readers of its Land (amp.web.land: LandAccess)."""
    return (
        Jobcenter.objects.filter(
            Q(memberships__user=request.user) | Q(land_entry__land__accesses__user=request.user)
        )
        .distinct()
        .order_by("name")
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    jobcenters = list(_readable(request))
    if len(jobcenters) == 1:
        return redirect("kennzahlen:page", code=jobcenters[0].code)
    return render(request, "kennzahlen/index.html", {"jobcenters": jobcenters})


@login_required
def jobcenter_page(request: HttpRequest, code: str) -> HttpResponse:
    jobcenter = _readable(request).filter(code=code).first()
    if jobcenter is None:
        raise Http404("Dieses Jobcenter gibt es nicht.")
    months = list(
        MonthlyFigures.objects.filter(jobcenter=jobcenter)
        .select_related("calculation")
        .order_by("month")
    )
    if not months:
        return render(request, "kennzahlen/empty.html", {"jobcenter": jobcenter})
    wanted = request.GET.get("monat")
    row = months[-1] if not wanted else next((m for m in months if m.month == wanted), None)
    if row is None:
        raise Http404("Für diesen Monat sind keine Kennzahlen gespeichert.")
    return render(request, "kennzahlen/page.html", page(jobcenter, row, months))
