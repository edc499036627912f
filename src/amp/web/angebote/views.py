"""The offer screens: finder, offer sheet, catalogue (and JSON-LD), Förderketten, gaps.

The finder works on POST so that nothing about the person lands in an address, a log or
the browser history; its result is computed and shown, never stored. Only a pseudonymous
number entered on purpose leads to an audit entry (services.audit).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amp.core.offers import Catalogue, Match, chain_findings, find_offers
from amp.core.offers.finder import person_positions
from amp.reports import offers as outputs
from amp.rules.law import load_law
from amp.rules.offer_rules import with_legal_checks
from amp.web.angebote import presenters, selectors, services
from amp.web.angebote.forms import DayForm, FinderForm
from amp.web.angebote.models import SEARCH, SHEET
from amp.web.angebote.selectors import Access

SHOWN = 10  # offers on the result page at first; "alle zeigen" shows up to ALL
ALL = 200


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    jobcenters = selectors.jobcenters(request.user)
    if len(jobcenters) == 1:
        code = jobcenters[0].code
        role = selectors.role(request.user, jobcenters[0])
        return redirect(
            "angebote:finder" if role in selectors.FINDER_ROLES else "angebote:catalogue", code
        )
    return render(request, "angebote/index.html", {"jobcenters": jobcenters})


def _day(request: HttpRequest, access: Access) -> tuple[date, DayForm]:
    form = DayForm(request.GET or None)
    chosen = form.cleaned_data.get("stichtag") if form.is_bound and form.is_valid() else None
    return chosen or selectors.default_day(access.version), form


def _search(access: Access, form: FinderForm) -> tuple[list[Match], Any, date]:
    on = form.day(selectors.default_day(access.version))
    profile = with_legal_checks(load_law(), form.profile(), on)
    places = selectors.place_availability(access.jobcenter, on)
    found = find_offers(form.catalogue, profile, places, on)
    return found, person_positions(form.catalogue, profile, on), on


@login_required
@require_http_methods(["GET", "POST"])
def finder(request: HttpRequest, code: str) -> HttpResponse:
    access = selectors.access(request.user, code)
    if not access.can_search:
        raise PermissionDenied("Der Beirat sieht Katalog, Förderketten und Lücken, keine Fälle.")
    catalogue = selectors.catalogue(access.version)
    form = FinderForm(request.POST or None, catalogue=catalogue)
    on = selectors.default_day(access.version)
    chosen = set(request.POST.getlist("voraussetzungen"))
    boxes = [
        {"value": value, "checked": value in chosen}
        for value, _label in form.fields["voraussetzungen"].choices
    ]
    context = presenters.page(access, "finder", on) | {
        "form": form,
        "searched": False,
        "requirement_boxes": boxes,
        "fields": presenters.form_fields(form),
    }
    if request.method == "POST" and form.is_valid():
        found, positions, on = _search(access, form)
        shown = found[: ALL if request.POST.get("alle") == "1" else SHOWN]
        audited = services.audit(
            access.jobcenter,
            request.user,
            SEARCH,
            form.cleaned_data["nummer"],
            [m.offer.id for m in shown],
        )
        context |= presenters.page(access, "finder", on) | {
            "searched": True,
            "matches": presenters.matches(shown, catalogue, on),
            "total": len(found),
            "positions": presenters.positions(positions),
            "audited": audited is not None,
            "hidden": [(name, request.POST.getlist(name)) for name in form.fields],
        }
    status = 422 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "angebote/finder.html", context, status=status)


@login_required
@require_POST
def sheet(request: HttpRequest, code: str) -> HttpResponse:
    """The offer sheet for the client: the chosen offers of the search, HTML or PDF."""
    access = selectors.access(request.user, code)
    if not access.can_search:
        raise PermissionDenied("Der Beirat sieht Katalog, Förderketten und Lücken, keine Fälle.")
    catalogue = selectors.catalogue(access.version)
    form = FinderForm(request.POST, catalogue=catalogue)
    if not form.is_valid():
        return redirect("angebote:finder", code)
    found, _positions, on = _search(access, form)
    chosen = set(request.POST.getlist("angebot"))
    picked = [m for m in found if m.offer.id in chosen]
    services.audit(
        access.jobcenter,
        request.user,
        SHEET,
        form.cleaned_data["nummer"],
        [m.offer.id for m in picked],
    )
    html = outputs.offer_sheet_html(picked, catalogue, access.jobcenter.name, on)
    if request.POST.get("format") == "pdf":
        response = HttpResponse(outputs.offer_sheet_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            True, f"angebote-{on.isoformat()}.pdf"
        )
        return response
    page = HttpResponse(html, content_type="text/html; charset=utf-8")
    # the sheet's inline style by its hash (what csp.decorators.csp_update sets)
    page._csp_update = {"style-src": [outputs.SHEET_STYLE_SOURCE]}
    return page


@login_required
@require_GET
def catalogue(request: HttpRequest, code: str) -> HttpResponse:
    access = selectors.access(request.user, code)
    on, day_form = _day(request, access)
    cat = selectors.catalogue(access.version)
    places = selectors.place_availability(access.jobcenter, on)
    archive = request.GET.get("archiv") == "1"
    offers = cat.archived(on) if archive else cat.current(on)
    context = presenters.page(access, "katalog", on) | {
        "day_form": day_form,
        "archive": archive,
        "rows": presenters.catalogue_rows(cat, offers, places, on),
        "archived_count": len(cat.archived(on)),
        "current_count": len(cat.current(on)),
    }
    return render(request, "angebote/catalogue.html", context)


@login_required
@require_GET
def catalogue_jsonld(request: HttpRequest, code: str) -> HttpResponse:
    access = selectors.access(request.user, code)
    on, _form = _day(request, access)
    cat = selectors.catalogue(access.version)
    places = selectors.place_availability(access.jobcenter, on)
    data = outputs.catalogue_jsonld(cat, places, on, access.jobcenter.name)
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/ld+json"
    )


def _chains(request: HttpRequest, code: str, active: str) -> dict[str, Any]:
    access = selectors.access(request.user, code)
    on, day_form = _day(request, access)
    cat = selectors.catalogue(access.version)
    places = selectors.place_availability(access.jobcenter, on)
    findings = chain_findings(cat, places, on)
    return presenters.page(access, active, on) | {
        "day_form": day_form,
        "chains": presenters.chains(cat, places, findings, on),
        "gaps": presenters.gaps(findings),
        "serious": sum(1 for f in presenters.gaps(findings) if f["serious"]),
    }


@login_required
@require_GET
def chains(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "angebote/chains.html", _chains(request, code, "ketten"))


def _offer_name(catalogue: Catalogue, offer_id: str) -> str:
    offer = catalogue.get(offer_id)
    return offer.name if offer else offer_id


@login_required
@require_GET
def audit_log(request: HttpRequest, code: str) -> HttpResponse:
    """The searches and sheets made for pseudonymous numbers, newest first (Administration);
    with ?nummer= those of one number, to answer a request for information."""
    access = selectors.access(request.user, code)
    if not access.reads_audit:
        raise PermissionDenied("Das Protokoll der Angebotssuche sieht die Administration.")
    number = request.GET.get("nummer", "").strip()[:20]
    catalogue = selectors.catalogue(access.version)
    entries = [
        {
            "at": entry.at,
            "user": entry.user.get_username(),
            "action": entry.get_action_display(),
            "pseudonym": entry.pseudonym,
            "offers": [_offer_name(catalogue, o) for o in entry.offers],
        }
        for entry in selectors.audit_entries(access, number)
    ]
    context = presenters.page(access, "protokoll", selectors.default_day(access.version)) | {
        "entries": entries,
        "number": number,
    }
    return render(request, "angebote/audit.html", context)


@login_required
@require_GET
def gaps(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "angebote/gaps.html", _chains(request, code, "luecken"))
