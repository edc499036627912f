"""User administration for the role Administration: members, new users, roles, deactivation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from amp.web.plans import accounts, selectors
from amp.web.plans.forms.users import ActiveForm, RoleForm, UserForm
from amp.web.plans.models import Role


def _administered(request: HttpRequest) -> list[Any]:
    jobcenters = list(selectors.administered(request.user).order_by("name"))
    if not jobcenters:
        raise PermissionDenied("Nur die Administration eines Jobcenters verwaltet Benutzer.")
    return jobcenters


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    jobcenters = _administered(request)
    context = {
        "jobcenters": [{"jobcenter": jc, "members": selectors.members(jc)} for jc in jobcenters]
    }
    return render(request, "plans/users.html", context)


@login_required
def user_create(request: HttpRequest, code: str) -> HttpResponse:
    jobcenter = selectors.jobcenter_for(request.user, code)
    form = UserForm(request.POST or None, initial={"role": Role.PLANUNG})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = accounts.create_user(
                    request.user,
                    jobcenter,
                    data["username"],
                    data["password1"],
                    data["role"],
                    data["first_name"],
                    data["last_name"],
                    data["email"],
                )
            except ValidationError as exc:
                for problem in accounts.password_problems(exc):
                    form.add_error("password1", problem)
            except accounts.AccountError as exc:
                form.add_error("username", str(exc))
            else:
                messages.success(
                    request, f"Benutzer {user.username} für {jobcenter.name} angelegt."
                )
                return redirect("plans:user", jobcenter.code, user.pk)
    context = {"jobcenter": jobcenter, "form": form}
    return render(request, "plans/user_create.html", context, status=status)


@login_required
def user_detail(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    jobcenter = selectors.jobcenter_for(request.user, code)
    member = selectors.membership(jobcenter, user_id)
    context = {
        "jobcenter": jobcenter,
        "member": member,
        "subject": member.user,
        "own": member.user.pk == request.user.pk,
        "role_form": RoleForm(initial={"role": member.role}),
        "log": jobcenter.account_audit.filter(subject=member.user)
        .select_related("actor")
        .order_by("-at", "-id")[:50],
    }
    return render(request, "plans/user.html", context)


def _back(code: str, user_id: int) -> HttpResponse:
    return redirect("plans:user", code, user_id)


@login_required
@require_POST
def user_role(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    jobcenter = selectors.jobcenter_for(request.user, code)
    member = selectors.membership(jobcenter, user_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Rolle: bitte eine der angebotenen Rollen wählen.")
        return _back(code, user_id)
    try:
        changed = accounts.set_role(request.user, jobcenter, user_id, form.cleaned_data["role"])
    except accounts.AccountError as exc:
        messages.error(request, str(exc))
        return _back(code, user_id)
    role = Role(form.cleaned_data["role"]).label
    if changed:
        messages.success(request, f"{member.user.username} hat jetzt die Rolle {role}.")
    else:
        messages.info(request, f"{member.user.username} hatte die Rolle {role} schon.")
    return _back(code, user_id)


@login_required
@require_POST
def user_remove(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    jobcenter = selectors.jobcenter_for(request.user, code)
    member = selectors.membership(jobcenter, user_id)
    try:
        accounts.remove(request.user, jobcenter, user_id)
    except accounts.AccountError as exc:
        messages.error(request, str(exc))
        return _back(code, user_id)
    messages.success(request, f"{member.user.username} hat keine Rolle mehr in {jobcenter.name}.")
    return redirect("plans:users")


@login_required
@require_POST
def user_active(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    jobcenter = selectors.jobcenter_for(request.user, code)
    member = selectors.membership(jobcenter, user_id)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Anmeldung: bitte „erlauben“ oder „sperren“ wählen.")
        return _back(code, user_id)
    active = bool(form.cleaned_data["aktiv"])
    try:
        accounts.set_active(request.user, jobcenter, user_id, active)
    except accounts.AccountError as exc:
        messages.error(request, str(exc))
        return _back(code, user_id)
    state = "kann sich wieder anmelden" if active else "ist deaktiviert"
    messages.success(request, f"{member.user.username} {state}.")
    return _back(code, user_id)
