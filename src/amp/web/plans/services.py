"""What the web app does with plans: import, access, compare-and-set edits, versions.

Every write is one transaction; a version row is locked while its document changes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.http import Http404

from amp.core.budget import Column, Quantity
from amp.core.edit import format_path, set_at, value_at
from amp.core.findings import ModelPath
from amp.core.plan import Plan as CorePlan
from amp.core.plan import PlanStatus
from amp.core.scenarios import ScenarioRequest, ScenarioResult, apply_scenario
from amp.io.document import plan_to_document
from amp.io.plan_dir import load_plan
from amp.web.plans.models import (
    PUBLISHED,
    AuditEntry,
    Jobcenter,
    Membership,
    Plan,
    PlanVersion,
    Role,
    Status,
)

AnyUser = Any  # a Django user, authenticated or anonymous


class EditError(Exception):
    """A German message for an edit that was not applied."""


class EditConflict(EditError):
    def __init__(self, current: Any) -> None:
        self.current = current
        super().__init__("Der Wert wurde inzwischen von jemand anderem geändert.")


# ---------------------------------------------------------------- import / export


@transaction.atomic
def import_plan(directory: Path, user: Any = None, label: str | None = None) -> PlanVersion:
    """Load a plan directory (raises PlanLoadError) into its Jobcenter as a new version."""
    core = load_plan(directory).plan
    jobcenter, _ = Jobcenter.objects.get_or_create(
        code=core.jobcenter.id,
        defaults={"name": core.jobcenter.name, "kind": core.jobcenter.kind.value},
    )
    plan, _ = Plan.objects.get_or_create(jobcenter=jobcenter, year=core.year)
    version = _new_version(plan, core, user, parent=None, label=label)
    audit(user, version, "", None, f"importiert aus {directory.name}")
    return version


def export_plan(version: PlanVersion) -> CorePlan:
    return version.core_plan()


def _new_version(
    plan: Plan, core: CorePlan, user: Any, parent: PlanVersion | None, label: str | None
) -> PlanVersion:
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return PlanVersion.objects.create(
        plan=plan,
        number=number,
        as_of=core.version.as_of,
        label=label if label is not None else (core.version.label or ""),
        status=core.status.value,
        parent=parent,
        created_by=user,
        document=plan_to_document(core),
    )


def audit(user: Any, version: PlanVersion, path: str, old: Any, new: Any, label: str = "") -> None:
    """One audit entry: who (None for the system), which version, where, old → new."""
    AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        version=version,
        path=path,
        label=label,
        old=old,
        new=new,
    )


# ---------------------------------------------------------------- access


def role_in(user: AnyUser, jobcenter: Jobcenter) -> str | None:
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, jobcenter=jobcenter).first()
    return membership.role if membership else None


def visible_versions(user: AnyUser) -> QuerySet[PlanVersion]:
    """The versions a user may read: own Jobcenters only; Beirat only published ones."""
    if not user.is_authenticated:
        return PlanVersion.objects.none()
    members = Membership.objects.filter(user=user)
    full = members.exclude(role=Role.BEIRAT).values("jobcenter")
    readers = members.filter(role=Role.BEIRAT).values("jobcenter")
    return PlanVersion.objects.filter(
        Q(plan__jobcenter__in=full) | Q(plan__jobcenter__in=readers, status__in=PUBLISHED)
    ).select_related("plan", "plan__jobcenter")


def version_for(user: AnyUser, pk: int) -> tuple[PlanVersion, str]:
    """The version and the user's role there; 404 when the user may not see it."""
    version = visible_versions(user).filter(pk=pk).first()
    if version is None:
        raise Http404("Diesen Planstand gibt es nicht.")
    role = role_in(user, version.plan.jobcenter)
    assert role is not None
    return version, role


def can_edit(role: str, version: PlanVersion) -> bool:
    return role in {Role.PLANUNG, Role.ADMIN} and version.status == Status.ENTWURF


def can_approve(role: str, version: PlanVersion) -> bool:
    return role == Role.LEITUNG and version.status == Status.ENTWURF


def can_branch(role: str) -> bool:
    return role in {Role.PLANUNG, Role.ADMIN}


def can_preview_scenario(role: str) -> bool:
    """The Leitung may try a scenario before deciding on it; saving stays with the Planung."""
    return can_branch(role) or role == Role.LEITUNG


# ---------------------------------------------------------------- editing


def amount_path(group: int, line: int, column: Column) -> ModelPath:
    return ("budget", "groups", group, "lines", line, "amounts", column.value)


@transaction.atomic
def set_value(version_id: int, user: Any, path: ModelPath, seen: Any, new: Any) -> None:
    """Compare-and-set: write `new` only if the stored value still is `seen`.

    Values are model values: a Decimal amount, a Quantity, or None for an empty cell.
    """
    version = PlanVersion.objects.select_for_update().get(pk=version_id)
    if version.status != Status.ENTWURF:
        raise EditError("Nur ein Entwurf kann geändert werden.")
    core = version.core_plan()
    try:
        current = value_at(core, path)
    except LookupError:
        raise EditError("Diese Zeile gibt es nicht (mehr).") from None
    if current != seen:
        raise EditConflict(current)
    if current == new:
        return
    try:
        changed = set_at(core, path, new)
    except (LookupError, ValueError) as exc:
        raise EditError(str(exc)) from None
    version.document = plan_to_document(changed)
    version.save(update_fields=["document"])
    audit(user, version, format_path(path), _json(current), _json(new))


def quantity_path(group: int, line: int) -> ModelPath:
    return ("budget", "groups", group, "lines", line, "quantity")


def _json(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Quantity):
        return {
            "value": value.value,
            "unit": None if value.unit is None else value.unit.value,
            "approximate": value.approximate,
            "open": value.open,
        }
    return str(value)


# ---------------------------------------------------------------- versions


@transaction.atomic
def branch(version_id: int, user: Any) -> PlanVersion:
    """A new draft as a copy of the given version."""
    parent = PlanVersion.objects.select_for_update().get(pk=version_id)
    core = dataclasses.replace(parent.core_plan(), status=PlanStatus.ENTWURF)
    version = _new_version(parent.plan, core, user, parent=parent, label=parent.label)
    audit(user, version, "", None, f"angelegt als Kopie von Version {parent.number}")
    return version


@transaction.atomic
def approve(version_id: int, user: Any) -> PlanVersion:
    """Entwurf → Beschlossen; a draft of an already published plan becomes Fortgeschrieben."""
    version = PlanVersion.objects.select_for_update().get(pk=version_id)
    if version.status != Status.ENTWURF:
        raise EditError("Nur ein Entwurf kann beschlossen werden.")
    updates = version.plan.versions.filter(status__in=PUBLISHED).exclude(pk=version.pk).exists()
    status = PlanStatus.FORTGESCHRIEBEN if updates else PlanStatus.BESCHLOSSEN
    core = dataclasses.replace(version.core_plan(), status=status)
    old = version.status
    version.status = status.value
    version.document = plan_to_document(core)
    version.save(update_fields=["status", "document"])
    audit(user, version, "status", old, status.value)
    return version


@transaction.atomic
def create_scenario_version(
    version_id: int, user: Any, request: ScenarioRequest, label: str
) -> tuple[PlanVersion, ScenarioResult]:
    """A new draft: a copy of the given version with the scenario applied, each change audited.

    Raises amp.core.scenarios.ScenarioError when the scenario cannot be computed.
    """
    parent = PlanVersion.objects.select_for_update().get(pk=version_id)
    base = dataclasses.replace(parent.core_plan(), status=PlanStatus.ENTWURF)
    result = apply_scenario(base, request)
    full_label = f"{parent.label} – {label}".lstrip(" –")
    version = _new_version(parent.plan, result.plan, user, parent=parent, label=full_label)
    audit(user, version, "", None, f"{label} aus Version {parent.number}")
    for line in result.lines:
        if line.after != line.before:
            audit(user, version, format_path(line.path), _json(line.before), _json(line.after))
    return version, result


def record_login(user: Any, action: Any, username: str) -> None:
    """A login, logout or failed login in the audit trail."""
    AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        username=username[:150],
        version=None,
        path="",
    )


def versions_of(user: AnyUser, version: PlanVersion) -> QuerySet[PlanVersion]:
    """The versions of the same plan that the user may see, oldest first."""
    return visible_versions(user).filter(plan=version.plan).order_by("number")
