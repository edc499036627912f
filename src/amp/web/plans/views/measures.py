"""The measure portfolios (Maßnahmen ü25, u25 …): list, one measure, and its edit form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from amp.core.checks.measures import line_places
from amp.core.edit import format_path
from amp.core.measures import Measure, MeasureTable, Places
from amp.core.plan import Plan as CorePlan
from amp.web.plans import plan_edits, selectors, services
from amp.web.plans.derived import derived
from amp.web.plans.forms import measure as measure_form
from amp.web.plans.forms.measure import PARTS, MeasureForm
from amp.web.plans.models import PlanVersion
from amp.web.plans.plan_edits import EditConflicts, Guard, apply_edits
from amp.web.plans.presenters.measures import (
    MEASURE_COLUMNS,
    MeasureFilter,
    find_measure,
    logged_path,
    measure_details,
    measure_list_tables,
    measure_path,
    measure_place,
)
from amp.web.plans.presenters.page import version_page
from amp.web.plans.presenters.plan_area import area_audit, area_findings
from amp.web.plans.presenters.sorting import chosen, headers

AREA = ("measure_tables",)
RULES = (line_places.id,)  # the rule that ties budget lines to measure places


def _measure_filter(request: HttpRequest) -> MeasureFilter:
    return MeasureFilter(
        text=request.GET.get("suche", "")[:200],
        legal_basis=request.GET.get("rechtsgrundlage", "")[:200],
        running=request.GET.get("laufend") == "1",
    )


@login_required
def measure_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The measure tables, filtered and sorted by query parameters (suche, rechtsgrundlage,
    laufend=1, sortierung=<Spalte> or -<Spalte>)."""
    version, role = selectors.version_for(request.user, pk)
    core = derived(version).plan  # read-only here
    wanted = _measure_filter(request)
    column, descending = chosen(request.GET.get("sortierung", ""), MEASURE_COLUMNS)
    bases = sorted({m.legal_basis for m in core.measures().values() if m.legal_basis})
    context = version_page(version, role, "measures") | {
        "tables": measure_list_tables(core, wanted, (column, descending)),
        "headers": headers(MEASURE_COLUMNS, column, descending),
        "wanted": wanted,
        "filtered": bool(wanted.text or wanted.legal_basis or wanted.running),
        "legal_bases": bases,
        "sorting": request.GET.get("sortierung", "") if column else "",
        "findings": area_findings(version, AREA, RULES),
    }
    return render(request, "plans/measures.html", context)


@login_required
def measure_detail(request: HttpRequest, pk: int, table_id: str, measure_id: str) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    core = derived(version).plan  # read-only here
    _t, _i, table, measure = find_measure(core, table_id, measure_id)
    counted = measure.id not in table.total_excludes
    context = version_page(version, role, "measures") | {
        "table": table,
        "measure": measure,
        "details": measure_details(table, measure, core),
        "counted": counted,
        "table_total": sum(m.places.value or 0 for m in table.counted()),
        "audit": area_audit(version, format_path(logged_path(table, measure))),
        "findings": area_findings(version, AREA, RULES),
    }
    return render(request, "plans/measure.html", context)


@login_required
def measure_edit(request: HttpRequest, pk: int, table_id: str, measure_id: str) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_edit(role, version):
        raise PermissionDenied("Nur die Planung kann Maßnahmen eines Entwurfs ändern.")
    core = version.core_plan()
    t, i, table, measure = find_measure(core, table_id, measure_id)
    periods = len(measure.contract_periods)
    seen = measure_form.seen_fields(measure)
    status = 200
    if request.method == "POST":
        hidden = measure_form.SeenForm(request.POST)
        periods = hidden.periods(periods)
        form = MeasureForm(request.POST, table=table, plan=core, periods=periods)
        seen = hidden.shown()
        if form.is_valid():
            saved = _save(request, version.pk, form, hidden, t, i, table, measure)
            if saved is not None:
                return saved
            seen = measure_form.seen_fields(measure) | _refreshed(version.pk, t, i, form)
        status = 409 if form.conflicts else 400
    else:
        form = MeasureForm(
            initial=measure_form.initial(measure), table=table, plan=core, periods=periods
        )
    context = version_page(version, role, "measures") | {
        "table": table,
        "measure": measure,
        "form": form,
        "periods": periods,
        "seen": seen,
    }
    return render(request, "plans/measure_edit.html", context, status=status)


def _refreshed(version_id: int, t: int, i: int, form: MeasureForm) -> dict[str, str]:
    """After a conflict: the seen values become the current ones, so a resubmit overwrites."""
    if not form.conflicts:
        return {}
    version = PlanVersion.objects.get(pk=version_id)
    current = version.core_plan().measure_tables[t].measures[i]
    return measure_form.seen_fields(current)


def _save(
    request: HttpRequest,
    version_id: int,
    form: MeasureForm,
    hidden: measure_form.SeenForm,
    t: int,
    i: int,
    table: MeasureTable,
    measure: Measure,
) -> HttpResponse | None:
    """Apply the form; a redirect when saved, None when the form now carries the errors."""
    place = measure_place(table, measure)
    new = measure_form.new_values(form.cleaned_data, measure)
    logged = logged_path(table, measure)
    edits, missing = measure_form.edits(measure_path(t, i), logged, place, hidden, new)
    if missing:
        form.add_error(None, "Das Formular ist unvollständig. Bitte die Seite neu laden.")
        return None
    guard = Guard(
        (*measure_path(t, i), "id"),
        measure.id,
        f"{place}: die Maßnahme wurde inzwischen verschoben oder entfernt. "
        "Nichts wurde gespeichert.",
    )
    try:
        count = apply_edits(version_id, request.user, edits, [guard])
    except EditConflicts as conflict:
        form.conflicts = True
        for part in PARTS:
            path = (*measure_path(t, i), part.key)
            if path in conflict.current:
                other = part.show(conflict.current[path])
                field = measure_form.ERROR_FIELD.get(part.key, part.key)
                form.add_error(
                    field,
                    f"Konflikt: jemand anderes hat „{part.label}“ inzwischen auf {other} "
                    "geändert. Ihre Eingabe wurde nicht gespeichert; prüfen und erneut speichern "
                    "überschreibt den anderen Wert.",
                )
        return None
    except services.EditError as exc:
        form.add_error(None, f"{exc} Nichts wurde gespeichert.")
        return None
    if count:
        messages.success(request, f"{place}: {count} Angabe(n) gespeichert.")
    else:
        messages.info(request, f"{place}: keine Änderung.")
    return redirect("plans:measure", version_id, table.id, measure.id)


def _table(core: CorePlan, table_id: str) -> tuple[int, MeasureTable]:
    for t, table in enumerate(core.measure_tables):
        if table.id == table_id:
            return t, table
    raise Http404("Diese Maßnahmentabelle gibt es in diesem Planstand nicht.")


@login_required
def measure_add(request: HttpRequest, pk: int, table_id: str) -> HttpResponse:
    """A new measure in a table: the edit form, empty; saved under an id made from its name."""
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_edit(role, version):
        raise PermissionDenied("Nur die Planung kann Maßnahmen eines Entwurfs anlegen.")
    core = version.core_plan()
    t, table = _table(core, table_id)
    form = MeasureForm(request.POST or None, table=table, plan=core, periods=0)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            blank = Measure(id="", name="", legal_basis="", places=Places())
            measure = Measure(id="", **measure_form.new_values(form.cleaned_data, blank))
            label = measure_place(table, measure)
            try:
                ident = plan_edits.add_measure(
                    version.pk, request.user, t, table.id, measure, label
                )
            except services.EditError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{label}: neu angelegt.")
                return redirect("plans:measure", version.pk, table.id, ident)
    context = version_page(version, role, "measures") | {
        "table": table,
        "form": form,
        "periods": 0,
        "seen": {},
        "adding": True,
    }
    return render(request, "plans/measure_edit.html", context, status=status)


@login_required
@require_POST
def measure_remove(request: HttpRequest, pk: int, table_id: str, measure_id: str) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    if not selectors.can_edit(role, version):
        raise PermissionDenied("Nur die Planung kann Maßnahmen eines Entwurfs entfernen.")
    t, i, table, measure = find_measure(version.core_plan(), table_id, measure_id)
    label = measure_place(table, measure)
    try:
        plan_edits.remove_measure(version.pk, request.user, t, i, measure.id, label)
    except services.EditError as exc:
        messages.error(request, str(exc))
        return redirect("plans:measure", version.pk, table.id, measure.id)
    messages.success(request, f"{label}: entfernt.")
    return redirect("plans:measures", version.pk)
