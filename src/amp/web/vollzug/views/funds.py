"""The funds screen: Mittel (Zuweisung and its changes, Umschichtung in die Verwaltung, PAT,
Einnahmen aus Rückforderungen), Fortschreibungen and the Verpflichtungsermächtigung, with
the ledger's Verlauf. Planung and Administration edit (compare-and-set, audited); Leitung
and Beirat read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from amp.core import formatting
from amp.core.ledger.model import FUND_ENTRY_LABELS, FUND_LABELS
from amp.reports.vollzug import funds_view, preload_view
from amp.web.plans.presenters.shown import shown_table
from amp.web.vollzug import selectors, services
from amp.web.vollzug import settings_edits as edits
from amp.web.vollzug.forms.funds import AuthorityForm, FundForm, PlanChangeForm, RemoveForm
from amp.web.vollzug.models import LedgerChange
from amp.web.vollzug.views.screens import steered_context

HISTORY = 50  # entries of the Verlauf shown


FUND_NAMES = {f.value: label for f, label in FUND_LABELS.items()}
KIND_NAMES = {k.value: label for k, label in FUND_ENTRY_LABELS.items()}


def _amount(text: Any) -> str:
    try:
        return formatting.money(Decimal(str(text)))
    except (ArithmeticError, ValueError):
        return str(text)


def _day(text: Any) -> str:
    try:
        return formatting.day(date.fromisoformat(str(text)[:10]))
    except ValueError:
        return str(text)


@login_required
def funds(request: HttpRequest, code: str, year: int) -> HttpResponse:
    access = selectors.access(request.user, code, year)
    if request.method == "POST" and not access.can_edit:
        raise PermissionDenied("Nur Planung und Administration ändern Mittel und Fortschreibungen.")
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    lines = selectors.line_choices(access.version)
    record = access.record
    stamp = str(record.stamp) if record else ""
    which = request.POST.get("formular") if request.method == "POST" else None
    data = request.POST if which else None
    initial = {"stempel": stamp}
    fund_form = FundForm(
        data if which == "mittel" else None, initial=initial, year=year, prefix="mittel"
    )
    change_form = PlanChangeForm(
        data if which == "fortschreibung" else None,
        initial=initial,
        year=year,
        lines=lines,
        prefix="fs",
    )
    authority_form = AuthorityForm(
        data if which == "ve" else None,
        initial=initial | {"jahr": year + 1},
        year=year,
        prefix="ve",
    )
    remove_form = RemoveForm(
        data if which in ("mittel-loeschen", "fortschreibung-loeschen") else None,
        year=year,
    )
    form: Any = {
        "mittel": fund_form,
        "fortschreibung": change_form,
        "ve": authority_form,
        "mittel-loeschen": remove_form,
        "fortschreibung-loeschen": remove_form,
    }.get(which or "")
    refused: list[str] = []
    if form is not None and form.is_valid():
        change, done = _change(which or "", form.cleaned_data)
        target = record or services.record_for(access.jobcenter, year)
        seen = form.cleaned_data["stempel"] if record else str(target.stamp)
        try:
            edits.edit_settings(target, access.version, seen, change, request.user)
        except edits.StaleEdit as exc:
            messages.error(request, str(exc))
            return redirect("vollzug:funds", code, year)
        except edits.RefusedEdit as exc:
            refused = exc.messages
        else:
            messages.success(request, done)
            return redirect("vollzug:funds", code, year)
    context, steered = steered_context(request, access, "funds")
    names = dict(lines)
    context |= {
        "fund_form": fund_form,
        "change_form": change_form,
        "authority_form": authority_form,
        "stamp": stamp,
        "refused": refused,
        "funds": [
            {
                "id": e.get("id"),
                "day": _day(e.get("datum")),
                "fund": FUND_NAMES.get(str(e.get("topf") or "egt"), e.get("topf")),
                "kind": KIND_NAMES.get(str(e.get("art")), e.get("art")),
                "amount": _amount(e.get("betrag")),
                "note": e.get("notiz") or "",
            }
            for e in edits.entries(record, edits.FUNDS)
        ],
        "changes": [
            {
                "id": e.get("id"),
                "day": _day(e.get("datum")),
                "line": names.get(str(e.get("zeile")), e.get("zeile")),
                "amount": _amount(e.get("betrag")),
                "note": e.get("notiz") or "",
            }
            for e in edits.entries(record, edits.CHANGES)
        ],
        "authority": [
            {"year": y, "amount": _amount(a)} for y, a in sorted(edits.authority(record).items())
        ],
        "history": _history(record),
        "stand": steered[1].position.stand if steered else None,
        "tables": [shown_table(funds_view(s)), shown_table(preload_view(s))]
        if (s := steered[1] if steered else None)
        else [],
    }
    status = 400 if which else 200
    return render(request, "vollzug/funds.html", context, status=status)


def _change(which: str, data: dict[str, Any]) -> tuple[Any, str]:
    """The settings edit for a valid form and the message after it."""
    if which == "mittel":
        value = edits.FundInput(
            data["nummer"], data["datum"], data["topf"], data["art"], data["betrag"], data["notiz"]
        )
        return edits.add_entry(edits.FUNDS, value), f"Mittel {value.id} gespeichert."
    if which == "fortschreibung":
        change = edits.ChangeInput(
            data["nummer"], data["datum"], data["zeile"], data["betrag"], data["notiz"]
        )
        return (
            edits.add_entry(edits.CHANGES, change),
            f"Fortschreibung {change.id} gespeichert.",
        )
    if which == "ve":
        amount = data["betrag"]
        return (
            edits.set_authority(data["jahr"], amount),
            f"Verpflichtungsermächtigung {data['jahr']} "
            + ("gelöscht." if amount is None else "gespeichert."),
        )
    key = edits.FUNDS if which == "mittel-loeschen" else edits.CHANGES
    return edits.remove_entry(key, data["nummer"]), f"{data['nummer']} gelöscht."


def _history(record: Any) -> list[dict[str, Any]]:
    if record is None:
        return []
    rows = LedgerChange.objects.filter(ledger=record).select_related("user").order_by("-at", "-id")
    return [
        {
            "at": c.at,
            "user": c.user.get_username() if c.user else "System",
            "label": c.label,
            "path": c.path,
            "old": _shown(c.old),
            "new": _shown(c.new),
        }
        for c in rows[:HISTORY]
    ]


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)
