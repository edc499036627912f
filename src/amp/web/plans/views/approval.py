"""Approving a draft: a confirmation page first (open errors, money not yet planned, the
version it would set aside), then the approval itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from amp.core import formatting
from amp.core.money import ZERO
from amp.core.units import Unit
from amp.web.plans import approvals, selectors, services
from amp.web.plans.forms.approval import ApprovalForm
from amp.web.plans.presenters.page import shown_findings, version_page
from amp.web.plans.presenters.shown import back_to_version


@login_required
def approve_version(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what approving means for this draft; POST: approve it (once confirmed)."""
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_approve(role, version):
        raise PermissionDenied("Nur die Leitung kann einen Entwurf beschließen.")
    form = ApprovalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.confirmed():
        try:
            approved = approvals.approve(
                version.pk, request.user, replace_confirmed=form.replace_confirmed()
            )
        except services.EditError as exc:
            messages.error(request, str(exc))
            return redirect(reverse("plans:approve", args=[pk]))
        messages.success(
            request, f"Version {approved.number} ist jetzt {approved.get_status_display()}."
        )
        return back_to_version(pk)
    if request.method == "POST":  # the former one-click form: show what it would do first
        return redirect(reverse("plans:approve", args=[pk]))
    approval = approvals.prepare(version)
    unplanned = approval.unplanned
    context = {
        **version_page(version, role, "overview"),
        "findings": shown_findings(version, list(approval.errors)),
        "findings_title": "Offene Fehler",
        "unplanned": None if unplanned is None else formatting.money(abs(unplanned)),
        "overplanned": unplanned is not None and unplanned < ZERO,
        "unplanned_signed": None if unplanned is None else formatting.signed(unplanned, Unit.EUR),
        "nothing_left": unplanned == ZERO,
        "replaces": approval.replaces,
    }
    return render(request, "plans/approve.html", context)
