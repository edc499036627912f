"""The budget grid's spreadsheet habits: undo one's own last change, paste a block.

With htmx the answers replace every group, the sums, shares and findings out of band; a
paste preview goes into its own region. Without JavaScript the forms post and the budget
screen comes back whole (the preview below the table).
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from amp.core import formatting
from amp.core.limits import MAX_INPUT_CHARS
from amp.web.plans import grid_edits
from amp.web.plans.derived import derived
from amp.web.plans.grid_edits import GridError, PastedCell
from amp.web.plans.models import PlanVersion
from amp.web.plans.presenters.budget_rows import (
    UNIT_CHOICES,
    TableState,
    budget_table,
    shares,
)
from amp.web.plans.presenters.page import shown_findings
from amp.web.plans.services import EditError
from amp.web.plans.views.budget import (
    _budget_url,
    _editable,
    _is_htmx,
    _screen,
    with_reference,
)

START = re.compile(r"([0-9]{1,5})-([0-9]{1,5})-([a-z_]{1,20})")
MAX_BLOCK_CHARS = MAX_INPUT_CHARS * grid_edits.MAX_PASTE_CELLS


def _all_columns(request: HttpRequest) -> bool:
    return request.POST.get("alle", "") == "1"


def _whole_grid(
    request: HttpRequest, version: PlanVersion, state: TableState, message: tuple[str, str]
) -> HttpResponse:
    """Every group, the sums, shares, findings and the message, all out of band."""
    version.refresh_from_db()
    checked = derived(version)
    core = checked.plan
    table = budget_table(core, with_reference(version, state))
    context: dict[str, Any] = {
        "version": version,
        "editable": True,
        "table": {**table, "units": UNIT_CHOICES},
        "totals": table["totals"],
        "shares": shares(core),
        "findings": shown_findings(version, list(checked.findings)),
        "message": message,
    }
    return render(request, "plans/_budget_all.html", context)


def _failed(request: HttpRequest, pk: int, text: str, all_columns: bool) -> HttpResponse:
    if _is_htmx(request):
        return HttpResponse(text, status=409, content_type="text/plain; charset=utf-8")
    messages.error(request, text)
    return redirect(_budget_url(pk, all_columns))


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Ctrl+Z in the grid, or the button: the user's own last change back, as a new edit."""
    version, _role = _editable(request, pk)
    wide = _all_columns(request)
    try:
        undone = grid_edits.undo_last(version, request.user)
    except EditError as exc:  # GridError, or a draft approved in between
        return _failed(request, pk, str(exc), wide)
    if _is_htmx(request):
        saved = set(undone.cells)
        state = TableState(all_columns=wide, saved=saved)
        return _whole_grid(request, version, state, ("success", undone.message))
    messages.success(request, undone.message)
    return redirect(_budget_url(pk, wide))


def _start(raw: str) -> tuple[int, int, str] | None:
    found = START.fullmatch(raw)
    if found is None:
        return None
    return int(found.group(1)), int(found.group(2)), found.group(3)


def _planned(version: PlanVersion, request: HttpRequest) -> list[PastedCell]:
    """The cells of the posted block; raises GridError with a German message."""
    start = _start(request.POST.get("start", ""))
    block = request.POST.get("block", "")
    if start is None:
        raise GridError("Bitte die Zelle wählen, ab der eingefügt wird.")
    if len(block) > MAX_BLOCK_CHARS:
        raise GridError("Der eingefügte Block ist zu groß. Nichts wurde gespeichert.")
    return grid_edits.plan_paste(version.core_plan(), start, block, _all_columns(request))


def _preview_context(request: HttpRequest, cells: list[PastedCell]) -> dict[str, Any]:
    return {
        "paste": {
            "start": request.POST.get("start", ""),
            "block": request.POST.get("block", ""),
            "all_columns": _all_columns(request),
            "cells": [
                {
                    "ident": c.ident,
                    "label": c.label,
                    "old": formatting.money(c.old) if c.old is not None else "(leer)",
                    "new": formatting.money(c.new) if c.new is not None else "(leer)",
                    "seen": "" if c.old is None else str(c.old),
                    "changes": c.changes,
                }
                for c in cells
            ],
            "count": sum(1 for c in cells if c.changes),
        }
    }


@login_required
@require_POST
def paste_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """What a pasted block would fill: every cell with its value now and the new one."""
    version, role = _editable(request, pk)
    wide = _all_columns(request)
    try:
        cells = _planned(version, request)
    except GridError as exc:
        error = {"paste_error": str(exc)}
        if _is_htmx(request):
            return render(request, "plans/_paste_preview.html", {"version": version, **error})
        state = TableState(all_columns=wide)
        message = ("error", str(exc))
        return _screen(request, version, role, state, message, status=400, extra=error)
    context = _preview_context(request, cells)
    if _is_htmx(request):
        return render(request, "plans/_paste_preview.html", {"version": version, **context})
    return _screen(request, version, role, TableState(all_columns=wide), extra=context)


@login_required
@require_POST
def paste_save(request: HttpRequest, pk: int) -> HttpResponse:
    """The previewed block, all or nothing, against the values the preview showed."""
    version, _role = _editable(request, pk)
    wide = _all_columns(request)
    seen = {
        key.removeprefix("gesehen-"): value
        for key, value in request.POST.items()
        if key.startswith("gesehen-")
    }
    try:
        cells = _planned(version, request)
        count = grid_edits.save_paste(version, request.user, cells, seen)
    except EditError as exc:  # GridError, or a draft approved in between
        return _failed(request, pk, str(exc), wide)
    text = (
        "Eingefügt: 1 Zelle gespeichert."
        if count == 1
        else f"Eingefügt: {count} Zellen gespeichert."
        if count
        else "Eingefügt: alle Werte standen schon so da, nichts geändert."
    )
    if _is_htmx(request):
        saved = {(c.group, c.line, c.column.value) for c in cells}
        state = TableState(all_columns=wide, saved=saved)
        return _whole_grid(request, version, state, ("success", text))
    messages.success(request, text)
    return redirect(_budget_url(pk, wide))


LINE_CHOICE = re.compile(r"([0-9]{1,5})-([0-9]{1,5})-(.{1,64})", re.DOTALL)


@login_required
@require_POST
def line_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Set or remove the comment on a line (who and when are kept with it)."""
    version, _role = _editable(request, pk)
    wide = _all_columns(request)
    chosen = LINE_CHOICE.fullmatch(request.POST.get("zeile", ""))
    text = request.POST.get("text", "")
    if chosen is None:
        messages.error(request, "Bitte die Zeile wählen, zu der der Kommentar gehört.")
        return redirect(_budget_url(pk, wide))
    group, line, line_id = int(chosen.group(1)), int(chosen.group(2)), chosen.group(3)
    try:
        done = grid_edits.save_comment(version.pk, request.user, group, line, line_id, text)
    except EditError as exc:
        messages.error(request, str(exc))
        return redirect(_budget_url(pk, wide))
    messages.success(request, done)
    return redirect(f"{_budget_url(pk, wide)}#zeile-{group}-{line}")
