"""What the screens of one part of a plan (measures, vouchers) share: findings, log, context."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from amp.web.plans.derived import derived
from amp.web.plans.models import AuditEntry, PlanVersion
from amp.web.plans.presenters.shown import shown_finding


def area_findings(
    version: PlanVersion, parts: tuple[str, ...], rules: tuple[str, ...] = ()
) -> list[Any]:
    """The findings of the whole plan that concern `parts` (by model path) or `rules`.

    Taken from the per-document cache that the overview and budget screen fill as well.
    """
    return [
        shown_finding(f)
        for f in derived(version).findings
        if (f.location.path and f.location.path[0] in parts) or (rules and f.rule.startswith(rules))
    ]


def area_audit(version: PlanVersion, place: str, limit: int = 30) -> QuerySet[AuditEntry]:
    """The latest audit entries at `place` (a formatted path) or below it."""
    below = Q(path=place) | Q(path__startswith=f"{place}.") | Q(path__startswith=f"{place}[")
    entries = version.audit.select_related("user").filter(below)
    return entries.order_by("-at", "-id")[:limit]
