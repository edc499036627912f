"""The Land screens (read only: every view answers GET alone, anything else is 405) and the
Jobcenter's own agreements (Administration, Planung, Leitung read and enter them)."""

from __future__ import annotations

import re
import secrets
import tempfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from amp.core.agreements import INDICATORS, Agreement
from amp.core.agreements.model import MAX_YEAR, MIN_YEAR
from amp.core.problems import InputProblems, Place, Problem
from amp.io import agreements as agreement_io
from amp.reports import agreements as words
from amp.web.land import presenters, selectors, services
from amp.web.land.forms import AgreementForm, ImportForm, PlanningDocumentForm
from amp.web.land.models import Land
from amp.web.plans.forms.workbook import MAX_BYTES
from amp.web.plans.views.imports import limited_upload

SESSION_KEY = "amp-ziele-import"


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("Dieses Jahr gibt es nicht.")
    return year


def _land_rows(land: Land, year: int) -> list[presenters.JobcenterYear]:
    return [presenters.jobcenter_year(e.jobcenter, year, e) for e in selectors.members(land)]


def _years(land: Land, year: int) -> list[int]:
    found = selectors.years(e.jobcenter for e in selectors.members(land))
    return sorted(set(found) | {year}, reverse=True)


# ---------------------------------------------------------------- the Land (read only)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    lands = list(selectors.lands(request.user))
    staff = selectors.staff_jobcenters(request.user)
    if len(lands) == 1 and not staff:
        land = lands[0]
        years = selectors.years(e.jobcenter for e in selectors.members(land))
        year = years[0] if years else datetime.now(ZoneInfo("Europe/Berlin")).year
        return redirect("land:overview", land.code, year)
    if not lands and not staff:
        raise Http404("Hier gibt es nichts für Sie.")
    this_year = datetime.now(ZoneInfo("Europe/Berlin")).year
    return render(
        request,
        "land/index.html",
        {
            "lands": [{"land": land, "years": _years(land, this_year)} for land in lands],
            "staff": [
                {"jobcenter": jc, "years": selectors.years([jc]) or [this_year]} for jc in staff
            ],
        },
    )


@login_required
@require_GET
def overview(request: HttpRequest, land: str, year: int) -> HttpResponse:
    found = selectors.land(request.user, land)
    rows = _land_rows(found, _year(year))
    return render(
        request,
        "land/overview.html",
        {
            "land": found,
            "year": year,
            "years": _years(found, year),
            "rows": [presenters.overview_row(found, r) for r in rows],
            "totals": presenters.land_totals(rows),
            "indicators": list(INDICATORS.values()),
            "quarter": words.quarter_of(presenters.follow_ups(rows)),
        },
    )


@login_required
@require_GET
def comparison(request: HttpRequest, land: str, year: int) -> HttpResponse:
    found = selectors.land(request.user, land)
    chosen = request.GET.get("kennzahl", "K2")
    if chosen not in INDICATORS:
        chosen = "K2"
    rows = [
        presenters.jobcenter_year(e.jobcenter, _year(year), e, with_execution=False)
        for e in selectors.members(found)
    ]
    return render(
        request,
        "land/comparison.html",
        {
            "land": found,
            "year": year,
            "indicator": INDICATORS[chosen],
            "indicators": list(INDICATORS.values()),
            "types": presenters.comparison(chosen, rows),
        },
    )


@login_required
@require_GET
def jobcenter(request: HttpRequest, land: str, year: int, code: str) -> HttpResponse:
    found = selectors.land(request.user, land)
    entry = selectors.member(found, code)
    data = presenters.jobcenter_year(entry.jobcenter, _year(year), entry)
    version = selectors.approved_version(entry.jobcenter, year)
    budget = None
    if version is not None:
        from amp.reports.tables import budget_table
        from amp.web.plans.presenters.shown import shown_table

        budget = shown_table(budget_table(version.core_plan()))
    return render(
        request,
        "land/jobcenter.html",
        {
            "land": found,
            "year": year,
            "entry": entry,
            "version": version,
            "budget": budget,
            "plan_total": presenters.money(data.plan_total),
            "execution": presenters.execution_cells(data),
            "goals": presenters.progress_rows(data),
            "charts": presenters.charts(data),
            "document": selectors.planning_document(entry.jobcenter, year),
        },
    )


@login_required
@require_GET
def follow_up_pdf(request: HttpRequest, land: str, year: int) -> HttpResponse:
    from amp.reports.agreements import render_follow_up
    from amp.reports.pdf import pdf_bytes

    found = selectors.land(request.user, land)
    rows = [
        presenters.jobcenter_year(e.jobcenter, _year(year), e, with_execution=False)
        for e in selectors.members(found)
    ]
    follow_ups = presenters.follow_ups(rows)
    asked = request.GET.get("quartal", "")
    if asked:
        if asked not in {"1", "2", "3", "4"}:
            raise Http404("Dieses Quartal gibt es nicht.")
        quarter = int(asked)
    else:
        quarter = words.quarter_of(follow_ups) or 1
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    html = render_follow_up(found.name, year, quarter, follow_ups, today)
    short = re.sub(r"[^A-Za-z0-9]+", "-", found.code).strip("-") or "Land"
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"Zielnachhaltung-{year}-Q{quarter}-{short}.pdf"
    )
    return response


# ---------------------------------------------------------------- the Jobcenter's own


def _own_context(access: selectors.StaffAccess, year: int) -> dict[str, Any]:
    data = presenters.jobcenter_year(access.jobcenter, year, with_execution=False)
    return {
        "jobcenter": access.jobcenter,
        "year": year,
        "goals": presenters.progress_rows(data),
        "document": selectors.planning_document(access.jobcenter, year),
        "changes": selectors.changes(access.jobcenter, year),
        "stand": services.stand(access.jobcenter, year),
        "previous": year - 1 if year > MIN_YEAR else None,
        "next": year + 1 if year < MAX_YEAR else None,
    }


@login_required
def own(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The Jobcenter's agreements of a year: read, enter, change, delete; its planning
    document. POST carries `formular` = ziel, loeschen or planung."""
    access = selectors.staff(request.user, code)
    year = _year(year)
    which = request.POST.get("formular") if request.method == "POST" else None
    expected = _expected(request)
    try:
        response = _save(request, access, year, which, expected)
    except services.ChangedMeanwhile as exc:
        messages.error(request, str(exc))
        context = _own_context(access, year) | {
            "goal_form": AgreementForm(),
            "document_form": _document_form(None, access, year),
        }
        return render(request, "land/own.html", context, status=409)
    if response is not None:
        return response
    return _own_page(request, access, year, which)


def _expected(request: HttpRequest) -> int | None:
    """The stand the page was loaded with; None for a GET, -1 (never a stand, so always
    "changed meanwhile") when a POST carries none or no number."""
    if request.method != "POST":
        return None
    text = request.POST.get("stand", "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else -1


def _document_form(data: Any, access: selectors.StaffAccess, year: int) -> PlanningDocumentForm:
    document = selectors.planning_document(access.jobcenter, year)
    return PlanningDocumentForm(
        data,
        initial={
            "schwerpunkte": document.priorities if document else "",
            "massnahmen": document.measures if document else "",
        },
    )


def _save(
    request: HttpRequest,
    access: selectors.StaffAccess,
    year: int,
    which: str | None,
    expected: int | None,
) -> HttpResponse | None:
    """The POST's change, done; None when there was nothing valid to save."""
    code = access.jobcenter.code
    if which == "ziel":
        form = AgreementForm(request.POST)
        if not form.is_valid():
            return None
        data = form.cleaned_data
        services.save_agreements(
            [Agreement(code, year, data["kennzahl"], data["zielwert"], data["anmerkung"])],
            request.user,
            expected,
        )
        messages.success(request, f"Ziel für {data['kennzahl']} gespeichert.")
        return redirect("land:own", code, year)
    if which == "loeschen":
        indicator = request.POST.get("kennzahl", "")
        if services.delete_agreement(access.jobcenter, year, indicator, request.user, expected):
            messages.success(request, f"Ziel für {indicator} gelöscht.")
        else:
            messages.error(request, "Dieses Ziel gibt es nicht (mehr).")
        return redirect("land:own", code, year)
    if which == "planung":
        document_form = _document_form(request.POST, access, year)
        if not document_form.is_valid():
            return None
        services.save_planning_document(
            access.jobcenter,
            year,
            document_form.cleaned_data["schwerpunkte"],
            document_form.cleaned_data["massnahmen"],
            request.user,
            expected,
        )
        messages.success(request, "Lokales Planungsdokument gespeichert.")
        return redirect("land:own", code, year)
    return None


def _own_page(
    request: HttpRequest, access: selectors.StaffAccess, year: int, which: str | None
) -> HttpResponse:
    goal_form = AgreementForm(request.POST if which == "ziel" else None)
    document_form = _document_form(request.POST if which == "planung" else None, access, year)
    context = _own_context(access, year) | {
        "goal_form": goal_form,
        "document_form": document_form,
    }
    return render(request, "land/own.html", context, status=400 if which else 200)


@login_required
@limited_upload
def own_import(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Upload → preview (neu, geändert, unverändert) → confirm; only rows of this Jobcenter
    and year are accepted. Between preview and confirmation the read rows wait in the
    session under a random token."""
    access = selectors.staff(request.user, code)
    year = _year(year)
    context: dict[str, Any] = {"jobcenter": access.jobcenter, "year": year, "problems": []}
    if request.method != "POST":
        context["form"] = ImportForm()
        return render(request, "land/import.html", context)
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if any(getattr(h, "exceeded", False) for h in request.upload_handlers):
        context["problems"] = [f"Die Datei ist größer als {MAX_BYTES // (1024 * 1024)} MB."]
        return render(request, "land/import.html", context, status=400)
    if not form.is_valid():
        return render(request, "land/import.html", context, status=400)
    upload = form.cleaned_data["datei"]
    name = Path(upload.name or "ziele.csv").name
    try:
        with tempfile.TemporaryDirectory(prefix="amp-ziele-") as directory:
            path = Path(directory) / name
            with path.open("wb") as target:
                for chunk in upload.chunks():
                    target.write(chunk)
            result = agreement_io.preview(path, selectors.stored_agreements([code]), {code})
        wrong = [r for r in result.rows if r.agreement.year != year]
        if wrong:
            raise InputProblems(
                [
                    Problem(
                        Place(file=name, row=r.row, column="Jahr"),
                        f"hier werden nur Ziele für {year} eingelesen",
                    )
                    for r in wrong
                ]
            )
    except InputProblems as exc:
        context["problems"] = [str(p) for p in exc.problems]
        return render(request, "land/import.html", context, status=400)
    token = secrets.token_urlsafe(24)
    request.session[SESSION_KEY] = {
        "token": token,
        "target": [code, year],
        "name": name,
        "rows": [
            [r.agreement.indicator, str(r.agreement.target), r.agreement.note]
            for r in result.changes
        ],
    }
    context["preview"] = {
        "token": token,
        "name": name,
        "rows": [
            {
                "zeile": r.row,
                "kennzahl": r.agreement.indicator,
                "name": INDICATORS[r.agreement.indicator].name,
                "ziel": words.value(r.agreement.target),
                "bisher": words.value(r.old_target) if r.old_target is not None else "–",
                "art": r.state,
            }
            for r in result.rows
        ],
        "neu": result.count("neu"),
        "geaendert": result.count("geändert"),
        "unveraendert": result.count("unverändert"),
    }
    return render(request, "land/import.html", context)


@login_required
@require_POST
def own_import_confirm(request: HttpRequest, code: str, year: int) -> HttpResponse:
    selectors.staff(request.user, code)
    pending = request.session.get(SESSION_KEY)
    if (
        not pending
        or pending.get("token") != request.POST.get("token", "")
        or pending.get("target") != [code, year]
    ):
        messages.error(
            request,
            "Diese Vorschau gibt es nicht mehr (abgelaufen oder ersetzt). Bitte die Datei "
            "erneut hochladen.",
        )
        return redirect("land:own-import", code, year)
    written = services.save_agreements(
        [Agreement(code, year, k, Decimal(t), n) for k, t, n in pending["rows"]], request.user
    )
    del request.session[SESSION_KEY]
    messages.success(
        request, f"Ziele aus {pending['name']} übernommen: {written} neu oder geändert."
    )
    return redirect("land:own", code, year)
