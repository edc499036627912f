"""Which version of a plan is in force, and approving a draft with open eyes.

The version in force is the one approved last, not the one with the highest number: the
Leitung may approve an older draft after a newer one, and from then on the older draft
applies. The moment of approval is the audit trail's status entry; a version that came in
already approved (an imported plan) counts from its creation.

A draft that does not build on the version in force (a sibling or an ancestor of it,
approved later than the draft was copied) would silently set aside what that version
decided; approving it needs an explicit confirmation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from amp.core.findings import Finding, Severity
from amp.core.money import ZERO
from amp.web.plans import services
from amp.web.plans.derived import derived
from amp.web.plans.models import PUBLISHED, AuditEntry, PlanVersion, Status

_PUBLISHED_VALUES = {str(s) for s in PUBLISHED}


def approved_at(versions: Iterable[PlanVersion]) -> dict[int, tuple[datetime, int]]:
    """When each published version was approved: the time and id of its last status entry
    to a published status (the id orders two approvals within the same clock tick)."""
    published = [v for v in versions if v.status in PUBLISHED]
    moments = {v.pk: (v.created_at, 0) for v in published}
    entries = AuditEntry.objects.filter(version__in=published, path="status").order_by("at", "id")
    for entry in entries:
        if entry.version_id is not None and entry.new in _PUBLISHED_VALUES:
            moments[entry.version_id] = (entry.at, entry.pk)
    return moments


def in_force(versions: Iterable[PlanVersion]) -> PlanVersion | None:
    """The version approved last among `versions` (all of one plan); None if none is."""
    candidates = [v for v in versions if v.status in PUBLISHED]
    moments = approved_at(candidates)
    return max(candidates, key=lambda v: (*moments[v.pk], v.number), default=None)


def in_force_of(plan_id: int) -> PlanVersion | None:
    return in_force(PlanVersion.objects.filter(plan_id=plan_id))


def _ancestors(version: PlanVersion, by_pk: dict[int, PlanVersion]) -> set[int]:
    seen: set[int] = set()
    parent = version.parent_id
    while parent is not None and parent not in seen and parent in by_pk:
        seen.add(parent)
        parent = by_pk[parent].parent_id
    return seen


@dataclass(frozen=True)
class Approval:
    """What the Leitung sees before approving a draft."""

    version: PlanVersion
    errors: tuple[Finding, ...]
    unplanned: Decimal | None  # Mittelausstattung minus planned uses; None without funding
    replaces: PlanVersion | None  # the version in force that this draft does not build on


def prepare(version: PlanVersion) -> Approval:
    checked = derived(version)
    errors = tuple(f for f in checked.findings if f.severity is Severity.ERROR)
    core = checked.plan
    year = core.funding.year(core.year) if core.funding else None
    unplanned = None
    if year is not None:
        unplanned = year.integration_available - (core.budget.computed_total().plan or ZERO)
    return Approval(version, errors, unplanned, _replaced(version))


def _replaced(version: PlanVersion) -> PlanVersion | None:
    versions = list(PlanVersion.objects.filter(plan_id=version.plan_id))
    current = in_force(versions)
    if current is None or current.pk == version.pk:
        return None
    if current.pk in _ancestors(version, {v.pk: v for v in versions}):
        return None  # the draft continues the version in force: the normal case
    return current


@transaction.atomic
def approve(version_id: int, user: Any, replace_confirmed: bool) -> PlanVersion:
    """Approve the draft; refuses (EditError) to set aside the version in force unasked."""
    version = PlanVersion.objects.select_for_update().get(pk=version_id)
    if version.status != Status.ENTWURF:
        raise services.EditError("Nur ein Entwurf kann beschlossen werden.")
    replaced = _replaced(version)
    if replaced is not None and not replace_confirmed:
        raise services.EditError(
            f"Version {replaced.number} gilt zur Zeit und ist nicht die Grundlage dieses "
            f"Entwurfs. Bitte bestätigen, dass Version {version.number} an ihre Stelle tritt."
        )
    return services.approve(version.pk, user)
