"""What the web app writes about plans as a whole: imports, versions, the audit trail.

Every write is one transaction; a version row is locked while its document changes. Edits
of values inside a version go through the one compare-and-set path of `plan_edits`; reads
and permissions are `selectors`.
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max

from amp.core import limits
from amp.core.budget import Column, Quantity
from amp.core.edit import format_path
from amp.core.findings import ModelPath
from amp.core.plan import Plan as CorePlan
from amp.core.plan import PlanStatus
from amp.core.scenarios import ScenarioRequest, ScenarioResult, apply_scenario, draft_label
from amp.io.document import plan_to_document
from amp.io.plan_dir import load_plan
from amp.reports.chapters import read_sources
from amp.web.plans.models import (
    PUBLISHED,
    AuditEntry,
    ChapterText,
    GridLineComment,
    Jobcenter,
    Plan,
    PlanVersion,
    Status,
)


class EditError(Exception):
    """A German message for an edit that was not applied."""


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
    version = new_version(plan, core, user, parent=None, label=label)
    ChapterText.objects.bulk_create(
        ChapterText(version=version, file=s.file, text=s.text) for s in read_sources(directory)
    )
    audit(user, version, "", None, f"importiert aus {directory.name}")
    return version


def export_plan(version: PlanVersion) -> CorePlan:
    return version.core_plan()


def new_version(
    plan: Plan, core: CorePlan, user: Any, parent: PlanVersion | None, label: str | None
) -> PlanVersion:
    """The next version of `plan` holding `core`; its label is cut to fit its column."""
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        as_of=core.version.as_of,
        label=limits.shortened(
            label if label is not None else (core.version.label or ""), limits.MAX_LABEL
        ),
        status=core.status.value,
        parent=parent,
        created_by=user,
        document=plan_to_document(core),
    )
    if parent is not None:  # the chapters go with the plan into the new version
        ChapterText.objects.bulk_create(
            ChapterText(version=version, file=c.file, text=c.text) for c in parent.chapters.all()
        )
        # and so do the comments on budget lines, with their authors and times
        GridLineComment.objects.bulk_create(
            GridLineComment(
                version=version, line_id=c.line_id, text=c.text, author=c.author, at=c.at
            )
            for c in parent.line_comments.all()
        )
    return version


def audit(user: Any, version: PlanVersion, path: str, old: Any, new: Any, label: str = "") -> None:
    """One audit entry: who (None for the system), which version, where, old → new."""
    AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        version=version,
        path=limits.shortened(path, AUDIT_PATH),
        label=limits.shortened(label, AUDIT_PATH),
        old=old,
        new=new,
    )


AUDIT_PATH = 300  # AuditEntry.path and .label; ids are limited so that paths fit


# ---------------------------------------------------------------- chapters


def changed_lines(old: str, new: str) -> tuple[str, str]:
    """The lines a change removed and added (what the Verlauf shows as alt → neu)."""
    removed: list[str] = []
    added: list[str] = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return "\n".join(removed).strip("\n"), "\n".join(added).strip("\n")


@transaction.atomic
def save_chapter(user: Any, version: PlanVersion, chapter: ChapterText, text: str) -> None:
    """Save a chapter's new text and record the changed lines in the Verlauf."""
    old, new = changed_lines(chapter.text, text)
    chapter.text = text
    chapter.save(update_fields=["text"])
    audit(user, version, chapter.file, old, new, "Kapiteltext")


# ---------------------------------------------------------------- editing


def amount_path(group: int, line: int, column: Column) -> ModelPath:
    return ("budget", "groups", group, "lines", line, "amounts", column.value)


def quantity_path(group: int, line: int) -> ModelPath:
    return ("budget", "groups", group, "lines", line, "quantity")


def audited(value: Any) -> Any:
    """A model value as the audit log keeps it: amounts as exact text, quantities as a dict."""
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
    version = new_version(parent.plan, core, user, parent=parent, label=parent.label)
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
    full_label = draft_label(parent.label, request)
    version = new_version(parent.plan, result.plan, user, parent=parent, label=full_label)
    audit(user, version, "", None, f"{label} aus Version {parent.number}")
    for line in result.lines:
        if line.after != line.before:
            audit(user, version, format_path(line.path), audited(line.before), audited(line.after))
    return version, result


def record_login(user: Any, action: Any, username: str) -> None:
    """A login, logout or failed login in the audit trail."""
    AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        username=username[: limits.MAX_USERNAME],
        version=None,
        path="",
    )
