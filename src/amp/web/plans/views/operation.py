"""Betrieb: the operator of the installation creates Jobcenters and their first
Administration; the Planung gets a blank template for its Jobcenter or an empty plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from amp.web.plans import accounts, onboarding, selectors
from amp.web.plans.forms.onboarding import JobcenterForm, YearForm
from amp.web.plans.models import Jobcenter
from amp.web.plans.presenters.shown import back_to_version
from amp.web.plans.services import EditError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _operator(request: HttpRequest) -> None:
    if not onboarding.may_operate(request.user):
        raise PermissionDenied("Nur der Betrieb der Installation legt Jobcenter an.")


@login_required
def operation_home(request: HttpRequest) -> HttpResponse:
    _operator(request)
    jobcenters = Jobcenter.objects.annotate(
        member_count=Count("memberships", distinct=True),
        plan_count=Count("plans", distinct=True),
    ).order_by("name")
    return render(request, "plans/operation.html", {"jobcenters": jobcenters})


@login_required
def jobcenter_create(request: HttpRequest) -> HttpResponse:
    _operator(request)
    form = JobcenterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            admin = {
                "username": data["username"],
                "password": data["password1"],
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "email": data["email"],
            }
            try:
                jobcenter, user = onboarding.create_jobcenter(
                    request.user, data["name"], data["code"], data["kind"], data["region"], admin
                )
            except ValidationError as exc:
                for problem in accounts.password_problems(exc):
                    form.add_error("password1", problem)
            except accounts.AccountError as exc:
                field = "code" if str(exc).startswith("Kennung") else "username"
                form.add_error(field, str(exc))
            else:
                messages.success(
                    request,
                    f"Jobcenter {jobcenter.name} ({jobcenter.code}) mit der Administration "
                    f"{user.username} angelegt. Die Administration meldet sich an und legt "
                    "unter „Benutzer“ die Planung an.",
                )
                return redirect("plans:operation")
    return render(request, "plans/jobcenter_create.html", {"form": form}, status=status)


def _year_and_jobcenter(request: HttpRequest, data: Any) -> tuple[Jobcenter, int] | str:
    jobcenters = selectors.import_jobcenters(request.user)
    if not jobcenters:
        raise PermissionDenied("Nur die Planung kann Pläne anlegen.")
    form = YearForm(data)
    if not form.is_valid():
        return " ".join(str(e) for errors in form.errors.values() for e in errors)
    chosen = next((j for j in jobcenters if j.pk == form.cleaned_data["jobcenter"]), None)
    if chosen is None:
        return "Bitte ein Jobcenter auswählen."
    return chosen, form.cleaned_data["jahr"]


@login_required
def blank_template(request: HttpRequest) -> HttpResponse:
    """The blank template with the chosen Jobcenter's Stammdaten filled in."""
    found = _year_and_jobcenter(request, request.GET)
    if isinstance(found, str):
        messages.error(request, f"Keine Vorlage: {found}")
        return redirect("plans:import-plan")
    jobcenter, year = found
    body = onboarding.template_for(jobcenter, year)
    response = HttpResponse(body, content_type=XLSX)
    name = f"vorlage-{jobcenter.code}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def start_empty_plan(request: HttpRequest) -> HttpResponse:
    found = _year_and_jobcenter(request, request.POST)
    if isinstance(found, str):
        messages.error(request, f"Kein Plan angelegt: {found}")
        return redirect("plans:import-plan")
    jobcenter, year = found
    try:
        created = onboarding.start_empty_plan(
            jobcenter.pk, request.user, year, timezone.localdate()
        )
    except EditError as exc:
        messages.error(request, f"Kein Plan angelegt: {exc}")
        return redirect("plans:import-plan")
    messages.success(
        request,
        f"Leerer Plan {year} von {jobcenter.name} als Version 1 (Entwurf) angelegt. Weiter: "
        "die Arbeitsmappe herunterladen, füllen und hier als neuen Stand importieren.",
    )
    return back_to_version(created.pk)
