"""What the web app reads about plans and who may see or change them: the one place of the
permission filters. Views ask here; services (writes) trust what the view was given.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from amp.web.plans.models import (
    DRAFT_READERS,
    PUBLISHED,
    ChapterText,
    Jobcenter,
    Membership,
    PlanVersion,
    Role,
    Status,
)

AnyUser = Any  # a Django user, authenticated or anonymous


def role_in(user: AnyUser, jobcenter: Jobcenter) -> str | None:
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, jobcenter=jobcenter).first()
    return membership.role if membership else None


def visible_versions(user: AnyUser) -> QuerySet[PlanVersion]:
    """The versions a user may read: own Jobcenters only; drafts only for `DRAFT_READERS`."""
    if not user.is_authenticated:
        return PlanVersion.objects.none()
    members = Membership.objects.filter(user=user)
    full = members.filter(role__in=DRAFT_READERS).values("jobcenter")
    readers = members.exclude(role__in=DRAFT_READERS).values("jobcenter")
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


def versions_of(user: AnyUser, version: PlanVersion) -> QuerySet[PlanVersion]:
    """The versions of the same plan that the user may see, oldest first."""
    return visible_versions(user).filter(plan=version.plan).order_by("number")


def chapters_of(version: PlanVersion) -> list[ChapterText]:
    """The chapters of a version, in file order."""
    return list(version.chapters.all())


def chapter_of(version: PlanVersion, chapter_pk: int) -> ChapterText:
    """One chapter of the version; 404 when the version has no such chapter."""
    chapter = version.chapters.filter(pk=chapter_pk).first()
    if chapter is None:
        raise Http404("Dieses Kapitel gibt es in diesem Planstand nicht.")
    return chapter


def import_jobcenters(user: AnyUser) -> list[Jobcenter]:
    """The Jobcenters into which the user may import workbooks (Planung, Administration)."""
    roles = (Role.PLANUNG, Role.ADMIN)
    found = Membership.objects.filter(user=user, role__in=roles).select_related("jobcenter")
    return sorted((m.jobcenter for m in found), key=lambda j: j.name)


# ---------------------------------------------------------------- user administration


def administered(user: Any) -> QuerySet[Jobcenter]:
    if not user.is_authenticated:
        return Jobcenter.objects.none()
    return Jobcenter.objects.filter(memberships__user=user, memberships__role=Role.ADMIN)


def jobcenter_for(user: Any, code: str) -> Jobcenter:
    """The Jobcenter if `user` administers it; 404 otherwise (its existence stays hidden)."""
    jobcenter = administered(user).filter(code=code).first()
    if jobcenter is None:
        raise Http404("Dieses Jobcenter gibt es nicht.")
    return jobcenter


def members(jobcenter: Jobcenter) -> QuerySet[Membership]:
    return jobcenter.memberships.select_related("user").order_by("user__username")


def membership(jobcenter: Jobcenter, user_id: int) -> Membership:
    """A member of the Jobcenter; 404 for anyone else."""
    found = members(jobcenter).filter(user_id=user_id).first()
    if found is None:
        raise Http404("Diesen Benutzer gibt es in diesem Jobcenter nicht.")
    return found
