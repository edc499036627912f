"""The Vollzug screens: overview, line detail, account mapping with settings, the monthly
controlling report as PDF. Thin: selectors read and check rights, services write."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amp.core import formatting
from amp.core.ledger.model import Commitment, CommitmentStatus
from amp.core.ledger.steering import Steering
from amp.core.problems import InputProblems
from amp.io.ledger.store import LedgerDirectory
from amp.web.vollzug import presenters, selectors, services
from amp.web.vollzug.forms.funds import AvailabilityForm, EarmarkForm
from amp.web.vollzug.forms.ledger import RuleFormSet, SettingsForm
from amp.web.vollzug.selectors import Access
from amp.web.vollzug.settings_edits import RefusedEdit, StaleEdit


def steered_context(
    request: HttpRequest, access: Access, active: str
) -> tuple[dict[str, Any], tuple[LedgerDirectory, Steering] | None]:
    """The page context and the steering figures; None (with the problems in the context)
    when nothing is recorded yet or the stored ledger does not fit the plan."""
    context = presenters.page(access, active) | {"problems": []}
    if access.record is None:
        return context, None
    try:
        return context, selectors.steering(access.record, access.version)
    except InputProblems as exc:
        context["problems"] = [str(p) for p in exc.problems]
        return context, None


@login_required
@require_GET
def overview(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = selectors.access(request.user, code, year)
    context, steered = steered_context(request, access, "overview")
    if steered is not None:
        data, s = steered
        context |= presenters.overview(access, data, s)
    return render(request, "vollzug/overview.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def line(request: HttpRequest, code: str, year: int, line_id: str) -> HttpResponse:
    """The line detail; a POST enters a commitment as vorgemerkt (Planung, Administration)."""
    access = selectors.access(request.user, code, year)
    if request.method == "POST" and not access.can_edit:
        raise PermissionDenied("Nur Planung und Administration merken Bindungen vor.")
    earmark_form = EarmarkForm(
        request.POST if request.method == "POST" else None,
        initial={"stempel": str(access.record.stamp) if access.record else ""},
        year=year,
        prefix="vm",
    )
    refused: list[str] = []
    if request.method == "POST" and access.record is not None and earmark_form.is_valid():
        data_ = earmark_form.cleaned_data
        item = Commitment(
            data_["nummer"],
            line_id,
            data_["datum"],
            CommitmentStatus.EARMARKED,
            dict.fromkeys(earmark_form.months(), data_["betrag"]),
            data_["massnahme"] or None,
        )
        try:
            warnings = services.earmark(
                access.record, access.version, data_["stempel"], item, request.user
            )
        except StaleEdit as exc:
            messages.error(request, str(exc))
            return redirect("vollzug:line", code, year, line_id)
        except RefusedEdit as exc:
            refused = exc.messages
        else:
            for w in warnings:
                messages.warning(request, w.message)
            messages.success(request, f"Bindung {item.id} vorgemerkt.")
            return redirect("vollzug:line", code, year, line_id)
    context, steered = steered_context(request, access, "overview")
    if steered is None:
        raise Http404("Für dieses Jahr ist kein Vollzug erfasst.")
    data, s = steered
    if line_id not in s.forecasts:
        raise Http404("Diese Planzeile gibt es nicht.")
    check_form = AvailabilityForm(request.GET if "betrag" in request.GET else None)
    context |= presenters.line_detail(data, s, line_id) | {
        "stand": s.position.stand,
        "stamp": str(access.record.stamp) if access.record else "",
        "check_form": check_form,
        "check": presenters.availability(s, line_id, data.config.tolerance, check_form),
        "free": formatting.money(s.position.line(line_id).current.free),
        "tolerance": presenters.tolerance_text(data.config.tolerance),
    }
    context |= {"earmark_form": earmark_form, "refused": refused}
    bad = (check_form.is_bound and not check_form.is_valid()) or request.method == "POST"
    return render(request, "vollzug/line.html", context, status=400 if bad else 200)


@login_required
@require_POST
def one_off(request: HttpRequest, code: str, year: int, line_id: str) -> HttpResponse:
    """Marks a booking of the line "nicht für die Hochrechnung" or counts it again."""
    access = selectors.access(request.user, code, year)
    if not access.can_edit:
        raise PermissionDenied("Nur Planung und Administration markieren Buchungen.")
    if access.record is None:
        raise Http404("Für dieses Jahr ist kein Vollzug erfasst.")
    booking = request.POST.get("buchung", "")[:200]
    flag = request.POST.get("einmalig")
    if not booking or flag not in ("0", "1"):
        messages.error(request, "Bitte eine Buchung wählen.")
        return redirect("vollzug:line", code, year, line_id)
    try:
        services.mark_one_off(
            access.record, request.POST.get("stempel", "")[:64], booking, flag == "1", request.user
        )
    except (StaleEdit, RefusedEdit) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Buchung {booking} "
            + ("zählt nicht für die Hochrechnung." if flag == "1" else "zählt wieder."),
        )
    return redirect("vollzug:line", code, year, line_id)


@login_required
@require_GET
def alerts(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Lines running short or staying over, failed availability checks, pace flags and
    accounts without a line, worst first, each linked to where it is resolved."""
    access = selectors.access(request.user, code, year)
    context, steered = steered_context(request, access, "alerts")
    if steered is not None:
        data, s = steered
        context |= presenters.alert_list(access, data, s)
    return render(request, "vollzug/alerts.html", context)


@login_required
def mapping(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The account mapping and the settings; Planung and Administration edit, others read."""
    access = selectors.access(request.user, code, year)
    if request.method == "POST" and not access.can_edit:
        raise PermissionDenied("Nur Planung und Administration ändern die Kontenzuordnung.")
    context, steered = steered_context(request, access, "mapping")
    lines = selectors.line_choices(access.version)
    record = access.record
    rules = selectors.rules(record) if record else []
    initial = [{"konto": r.account, "kostenstelle": r.cost_center, "zeile": r.line} for r in rules]
    settings = record.settings if record else {}
    tolerance = settings.get("toleranz") or {}
    settings_initial = {
        "stand": formatting.day(steered[0].config.stand) if steered else "",
        "prozent": _typed(tolerance.get("prozent")),
        "betrag": _typed(tolerance.get("betrag")),
    }
    which = request.POST.get("formular") if request.method == "POST" else None
    rule_forms = RuleFormSet(
        request.POST if which == "zuordnung" else None,
        initial=initial,
        form_kwargs={"lines": lines},
        prefix="regel",
    )
    settings_form = SettingsForm(
        request.POST if which == "einstellungen" else None, initial=settings_initial
    )
    # compare-and-set against the stamp the page showed (none before the first record)
    seen = request.POST.get("stempel", "")[:64] if record else None
    if which == "zuordnung" and rule_forms.is_valid():
        target = record or services.record_for(access.jobcenter, year)
        try:
            services.save_mapping(target, rule_forms.rules(), request.user, seen)
        except StaleEdit as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Kontenzuordnung gespeichert.")
        return redirect("vollzug:mapping", code, year)
    if which == "einstellungen" and settings_form.is_valid():
        stand = settings_form.cleaned_data["stand"]
        if stand.year != year:
            settings_form.add_error("stand", f"Der Stand muss im Jahr {year} liegen.")
        else:
            target = record or services.record_for(access.jobcenter, year, stand)
            try:
                services.save_settings(
                    target,
                    stand,
                    settings_form.cleaned_data["prozent"],
                    settings_form.cleaned_data["betrag"],
                    request.user,
                    seen,
                )
            except StaleEdit as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "Einstellungen gespeichert.")
            return redirect("vollzug:mapping", code, year)
    names = dict(lines)
    unmapped = []
    if steered is not None:
        unmapped = [
            {
                "account": u.account,
                "cost_center": u.cost_center or "",
                "count": u.bookings,
                "amount": formatting.money(u.amount),
            }
            for u in steered[1].position.unmapped
        ]
    context |= {
        "stamp": str(record.stamp) if record else "",
        "rule_forms": rule_forms,
        "settings_form": settings_form,
        "rules": [
            {"account": r.account, "cost_center": r.cost_center, "line": names.get(r.line, r.line)}
            for r in rules
        ],
        "unmapped": unmapped,
    }
    status = 400 if which and request.method == "POST" else 200
    return render(request, "vollzug/mapping.html", context, status=status)


def _typed(value: Any) -> str:
    if value in (None, ""):
        return ""
    return formatting.amount_input(Decimal(str(value)))


@login_required
@require_GET
def report_pdf(request: HttpRequest, code: str, year: int) -> HttpResponse:
    from amp.reports.pdf import pdf_bytes
    from amp.reports.vollzug import render_report

    access = selectors.access(request.user, code, year)
    if access.record is None:
        raise Http404("Für dieses Jahr ist kein Vollzug erfasst.")
    data, s = selectors.steering(access.record, access.version)
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    html = render_report(s, data.ledger, access.jobcenter.name, today, data.config.tolerance)
    short = re.sub(r"[^A-Za-z0-9]+", "-", access.jobcenter.code).strip("-") or "Jobcenter"
    name = f"Controllingbericht-{year}-{short}-{s.position.stand.isoformat()}.pdf"
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
