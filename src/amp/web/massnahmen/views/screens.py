"""The measure screens: occupancy list, one measure with its months and contracts, tender
calendar, voucher cockpit, Eingliederungsbilanz (with PDF and XLSX), free places. Thin:
selectors read and check rights, presenters and amp.reports.massnahmen shape."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from amp.core.occupancy import (
    VoucherKind,
    expected_costs,
    occupancy,
    options_due,
    tender_alerts,
    tender_calendar,
    under_occupied,
    voucher_status,
)
from amp.core.occupancy.vouchers import totals
from amp.core.periods import Month
from amp.io.occupancy.context import Context, bilanz_of
from amp.io.occupancy.planning import plan_lines, voucher_goals
from amp.reports import massnahmen as views
from amp.web.massnahmen import presenters, selectors
from amp.web.massnahmen.selectors import Access
from amp.web.plans.presenters.shown import shown_table


def _steering(
    request: HttpRequest, code: str, year: int, active: str
) -> tuple[Access, Context, dict[str, Any]]:
    access = selectors.access(request.user, code, year)
    ctx = selectors.context(access)
    on = selectors.stand(ctx.data, year)
    page = presenters.page(access, active, on, ctx.data.synthetic)
    return access, ctx, page


@login_required
@require_GET
def overview(request: HttpRequest, code: str, year: int) -> HttpResponse:
    try:
        access, ctx, page = _steering(request, code, year, "overview")
    except Http404:
        # caseworkers read the free places only
        free = selectors.access(request.user, code, year, free_places_only=True)
        if free.steering:
            raise
        return redirect("massnahmen:free", code, year)
    on = page["stand"]
    names = presenters.names(ctx)
    table = occupancy(ctx.data.contracts, ctx.data.events, Month(year, 1), Month.of(on))
    under = under_occupied(table, on)
    costs = expected_costs(plan_lines(ctx.plan), ctx.data.contracts, year)
    page |= presenters.overview(access, ctx, on) | {
        "alerts": views.alerts_text(under, [], [], names),
        "costs": shown_table(
            views.costs_view(costs, f"Geld und Plätze {year}: erwartete Kosten gegen die Planung")
        ),
    }
    return render(request, "massnahmen/overview.html", page)


@login_required
@require_GET
def measure(request: HttpRequest, code: str, year: int, measure: str) -> HttpResponse:
    access, ctx, page = _steering(request, code, year, "overview")
    on = page["stand"]
    table = occupancy(ctx.data.contracts, ctx.data.events, Month(year, 1), Month.of(on))
    if measure not in table:
        raise Http404("Diese Maßnahme hat weder Vertrag noch Teilnahmen.")
    names = presenters.names(ctx)
    name = names.get(measure, measure)
    contracts = [c for c in ctx.data.contracts if c.measure == measure]
    items = [
        i for i in tender_calendar(ctx.data.contracts, year, on) if i.contract.measure == measure
    ]
    page |= {
        "name": name,
        "months": shown_table(views.month_view(table[measure], f"Belegung Monat für Monat {year}")),
        "contracts": shown_table(views.contracts_view(contracts, "Verträge und Lose")),
        "tenders": views.alerts_text([], [i for i in items if i.alert], [], names),
        "free": selectors.free_places(access.jobcenter, on).get(measure),
    }
    return render(request, "massnahmen/measure.html", page)


@login_required
@require_GET
def tenders(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _access, ctx, page = _steering(request, code, year, "tenders")
    on = page["stand"]
    names = presenters.names(ctx)
    items = tender_calendar(ctx.data.contracts, year, on)
    page |= {
        "calendar": shown_table(views.tender_view(items, names, f"Vergabekalender {year}")),
        "alerts": views.alerts_text(
            [], tender_alerts(ctx.data.contracts, on), options_due(ctx.data.contracts, on), names
        ),
    }
    return render(request, "massnahmen/tenders.html", page)


@login_required
@require_GET
def vouchers(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _access, ctx, page = _steering(request, code, year, "vouchers")
    on = page["stand"]
    rows = voucher_status(voucher_goals(ctx.plan), ctx.data.vouchers, year, on)
    bgs = [r for r in rows if r.goal.kind is VoucherKind.BGS]
    groups = sorted({r.goal.group or "" for r in bgs})
    page |= {
        "tables": [
            shown_table(
                views.voucher_view(
                    [*bgs, *(totals(rows, VoucherKind.BGS, g) for g in groups)],
                    f"Bildungsgutscheine {year} je Bildungsziel und Quartal",
                )
            ),
            shown_table(
                views.voucher_view(
                    [
                        *(r for r in rows if r.goal.kind is VoucherKind.AVGS),
                        totals(rows, VoucherKind.AVGS),
                    ],
                    f"AVGS {year} je Kategorie",
                    quarters=False,
                )
            ),
        ]
    }
    return render(request, "massnahmen/vouchers.html", page)


@login_required
@require_GET
def bilanz(request: HttpRequest, code: str, year: int) -> HttpResponse:
    _access, ctx, page = _steering(request, code, year, "bilanz")
    result = bilanz_of(ctx, year, page["stand"])
    page |= {"table": shown_table(views.bilanz_view(result)), "has_ledger": ctx.ledger is not None}
    return render(request, "massnahmen/bilanz.html", page)


@login_required
@require_GET
def bilanz_file(request: HttpRequest, code: str, year: int, kind: str) -> HttpResponse:
    if kind not in ("pdf", "xlsx"):
        raise Http404("Diese Datei gibt es nicht.")
    access, ctx, page = _steering(request, code, year, "bilanz")
    result = bilanz_of(ctx, year, page["stand"])
    name = access.jobcenter.name
    if kind == "pdf":
        from amp.reports.pdf import pdf_bytes

        today = datetime.now(tz=ZoneInfo("Europe/Berlin")).date()
        body = pdf_bytes(views.render_bilanz(result, name, today, ctx.data.synthetic))
        content_type = "application/pdf"
    else:
        body = views.bilanz_xlsx(result, name, ctx.data.synthetic)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, f"eingliederungsbilanz-{access.jobcenter.code}-{year}.{kind}"
    )
    return response


@login_required
@require_GET
def free(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = selectors.access(request.user, code, year, free_places_only=True)
    data = selectors.measure_data(access.jobcenter)
    on = selectors.stand(data, year)
    names: dict[str, str] = {}
    if access.version is not None:
        from amp.io.occupancy.planning import measure_names

        names = measure_names(access.version.core_plan())
    for c in data.contracts:
        if c.name:
            names.setdefault(c.measure, c.name)
    places = selectors.free_places(access.jobcenter, on)
    page = presenters.page(access, "free", on, data.synthetic) | {
        "places": [
            {"name": names.get(m, m), "free": f}
            for m, f in sorted(places.items(), key=lambda x: names.get(x[0], x[0]))
        ]
    }
    return render(request, "massnahmen/free.html", page)
