"""What the Vollzug writes into the plans: an Umschichtung applied as a new draft version
of the plan the year is steered against (a Fortschreibung, decided like any draft), and
next year's draft created from the ledger with the sources of every money cell.

Both are compare-and-set against what the user confirmed (the ledger's stamp and the plan
version), in one transaction, audited in the plan's Verlauf and the ledger's."""

from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction

from amp.core import formatting, limits
from amp.core.budget import COLUMN_LABELS, Column
from amp.core.edit import format_path
from amp.core.forecast import METHOD_LABELS
from amp.core.ledger.next_year import next_year_draft
from amp.core.ledger.reallocation import apply_to_plan
from amp.core.plan import PlanStatus, Version
from amp.web.plans import services as plan_services
from amp.web.plans.models import Plan, PlanVersion
from amp.web.vollzug import selectors
from amp.web.vollzug.models import DraftOrigin, LedgerRecord
from amp.web.vollzug.settings_edits import StaleEdit, record_change


class NothingToApply(Exception):
    """There is no proposal to apply (German message)."""


def _locked(record: LedgerRecord, version: PlanVersion, seen: str, seen_version: int) -> Any:
    locked = LedgerRecord.objects.select_for_update().get(pk=record.pk)
    if str(locked.stamp) != seen or version.pk != seen_version:
        raise StaleEdit()
    return locked


def _done(record: LedgerRecord) -> None:
    """A new stamp: the same confirmation sent twice (a second click, a reload) is stale."""
    record.stamp = uuid.uuid4()
    record.save(update_fields=["stamp"])


@transaction.atomic
def apply_reallocation(
    record: LedgerRecord, version: PlanVersion, seen: str, seen_version: int, user: Any
) -> PlanVersion:
    """The proposals of the Stand as a new draft of `version`'s plan: Planung less in each
    source line, more in each target, each changed cell audited. Raises StaleEdit when the
    ledger or the steered version changed since the user confirmed, NothingToApply when
    there is no proposal."""
    locked = _locked(record, version, seen, seen_version)
    parent = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _data, s = selectors.steering(locked, parent)
    proposals = s.reallocation.proposals
    if not proposals:
        raise NothingToApply("Zum Stand gibt es keinen Umschichtungsvorschlag.")
    stand = s.position.stand
    base = parent.core_plan()
    try:
        shifted, cells = apply_to_plan(base, proposals)
    except ValueError as exc:
        raise NothingToApply(str(exc)) from None
    what = f"Umschichtung Stand {formatting.day(stand)}"
    core = dataclasses.replace(
        shifted,
        status=PlanStatus.ENTWURF,
        version=Version(stand, limits.chained_label(parent.label or "", what)),
    )
    new = plan_services.new_version(parent.plan, core, user, parent=parent, label=None)
    plan_services.audit(
        user, new, "", None, f"{what} aus Version {parent.number} (Vollzug {locked.year})"
    )
    names = {line.id: line.name for line in base.budget.lines()}
    for cell in cells:
        plan_services.audit(
            user,
            new,
            format_path(cell.path),
            plan_services.audited(cell.before),
            plan_services.audited(cell.after),
            f"{names.get(cell.line, cell.line)} › Planung ({what})",
        )
    record_change(
        locked,
        user,
        "umschichtung",
        f"{what} als Entwurf Version {new.number} angelegt",
        None,
        [
            {"von": p.source, "nach": p.target, "betrag": str(p.amount), "grund": p.reason}
            for p in proposals
        ],
    )
    _done(locked)
    return new


@transaction.atomic
def create_next_year(
    record: LedgerRecord, version: PlanVersion, seen: str, seen_version: int, user: Any
) -> PlanVersion:
    """Next year's draft from the ledger at its Stand, as a new version of next year's plan
    (created if there is none yet), with the sources of every money cell kept beside it.
    Raises StaleEdit when the ledger or the steered version changed since confirmation."""
    locked = _locked(record, version, seen, seen_version)
    data, s = selectors.steering(locked, version)
    stand = s.position.stand
    forecasts = {
        line: (
            f.point,
            f"Hochrechnung Stand {formatting.day(stand)}: {METHOD_LABELS[f.method]}",
        )
        for line, f in s.forecasts.items()
    }
    next_load = s.preloads[0].by_line if s.preloads else {}
    draft, cells = next_year_draft(data.plan, data.ledger, stand, forecasts, next_load)
    plan, _ = Plan.objects.get_or_create(jobcenter=version.plan.jobcenter, year=draft.year)
    new = plan_services.new_version(plan, draft, user, parent=None, label=None)
    plan_services.audit(
        user,
        new,
        "",
        None,
        f"Entwurf {draft.year} aus dem Vollzug {locked.year} (Stand {formatting.day(stand)}, "
        f"Version {version.number}) angelegt",
    )
    DraftOrigin.objects.create(
        version=new,
        ledger=locked,
        stand=stand,
        cells=[[c.line, c.column.value, str(c.value), list(c.sources)] for c in cells],
    )
    record_change(
        locked,
        user,
        "folgejahr",
        f"Entwurf {draft.year} als Version {new.number} angelegt",
        None,
        {"version": new.number, "jahr": draft.year, "stand": stand.isoformat()},
    )
    _done(locked)
    return new


def origin_rows(origin: DraftOrigin, names: dict[str, str]) -> list[dict[str, Any]]:
    """The cells of a draft with their sources, in German for the screen."""
    return [
        {
            "line": names.get(line, line),
            "column": COLUMN_LABELS[Column(column)],
            "value": formatting.money(Decimal(value)),
            "sources": sources,
        }
        for line, column, value, sources in origin.cells
    ]
