"""Voucher plans: Bildungsgutscheine per training goal and quarter, and the AVGS plan.

The edit screen is one grid of counts; each cell carries the value the planner saw, and
a save writes all changed cells or none.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from amp.core.vouchers import TRAINING_KIND_LABELS, TrainingKind
from amp.reports.tables import avgs_table
from amp.web.plans import selectors, services
from amp.web.plans.derived import derived
from amp.web.plans.forms.fields import seen_text
from amp.web.plans.forms.vouchers import VoucherGridForm
from amp.web.plans.plan_edits import EditConflicts, apply_edits
from amp.web.plans.presenters.page import version_page
from amp.web.plans.presenters.plan_area import area_audit, area_findings
from amp.web.plans.presenters.shown import shown_table
from amp.web.plans.presenters.sorting import chosen, headers
from amp.web.plans.presenters.vouchers import VOUCHER_COLUMNS, count_text, grid_of, voucher_list

AREA = ("training_vouchers", "avgs")


@login_required
def voucher_plans(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    core = derived(version).plan  # read-only here
    kind = request.GET.get("art", "")
    kind = kind if kind in {k.value for k in TrainingKind} else ""
    text = request.GET.get("suche", "")[:200]
    column, descending = chosen(request.GET.get("sortierung", ""), VOUCHER_COLUMNS)
    goals, shown, every = voucher_list(core, kind, text, (column, descending))
    avgs = avgs_table(core)
    context = version_page(version, role, "vouchers") | {
        "goals": shown_table(goals) if goals is not None else None,
        "shown": shown,
        "every": every,
        "headers": headers(VOUCHER_COLUMNS, column, descending),
        "kinds": [(k.value, label) for k, label in TRAINING_KIND_LABELS.items()],
        "kind": kind,
        "text": text,
        "filtered": bool(kind or text.strip()),
        "sorting": request.GET.get("sortierung", "") if column else "",
        "tables": [shown_table(avgs)] if avgs is not None else [],
        "findings": area_findings(version, AREA),
        "audit": [
            *area_audit(version, "training_vouchers"),
            *area_audit(version, "avgs"),
        ],
    }
    return render(request, "plans/vouchers.html", context)


@login_required
def voucher_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_edit(role, version):
        raise PermissionDenied("Nur die Planung kann die Gutscheinplanung eines Entwurfs ändern.")
    grid = grid_of(version.core_plan())
    status, problem = 200, ""
    if request.method == "POST":
        status, problem = _save(request, version.pk, VoucherGridForm(request.POST, grid))
        if status == 302:
            return redirect("plans:vouchers", version.pk)
    context = version_page(version, role, "vouchers") | {"grid": grid, "problem": problem}
    return render(request, "plans/vouchers_edit.html", context, status=status)


def _save(request: HttpRequest, version_id: int, form: VoucherGridForm) -> tuple[int, str]:
    """(302, "") when saved; else the status and a message, the cells carrying their errors."""
    form.is_valid()
    if not form.complete:
        return 400, "Das Formular ist unvollständig. Bitte die Seite neu laden."
    if form.refused():
        return 400, "Nichts wurde gespeichert. Bitte die markierten Angaben prüfen."
    try:
        count = apply_edits(version_id, request.user, form.edits, form.grid.guards)
    except EditConflicts as conflict:
        for cell in form.grid.cells():
            if cell.path in conflict.current:
                other = count_text(conflict.current[cell.path])
                cell.error = (
                    f"Konflikt: jemand anderes hat den Wert inzwischen auf {other} geändert. "
                    "Erneut speichern überschreibt ihn."
                )
                cell.seen = seen_text(conflict.current[cell.path])
        return 409, "Nichts wurde gespeichert: andere Werte wurden inzwischen geändert."
    except services.EditError as exc:
        return 400, f"{exc} Nichts wurde gespeichert."
    if count:
        messages.success(request, f"Gutscheinplanung: {count} Wert(e) gespeichert.")
    else:
        messages.info(request, "Gutscheinplanung: keine Änderung.")
    return 302, ""
