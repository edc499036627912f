"""What the Fallclearing screens read and who may see it.

Caseworkers (Integrationsfachkraft, Fallmanagement) create links and read the inbox;
health answers only the Fallmanagement. Administration creates links too. The Steuerung
(Planung, Leitung, Administration) sees aggregates only and changes the questionnaire
(Planung, Administration). Non-members get 404, members without the role 403.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from amp.io.clearing import ClearingDocument, document_from_data
from amp.web.fallclearing.models import ClearingLink, QuestionnaireVersion
from amp.web.fallclearing.tokens import digest, well_formed
from amp.web.plans.models import Jobcenter, Membership, Role
from amp.web.plans.selectors import AnyUser

CASEWORKERS = (Role.INTEGRATION, Role.FALLMANAGEMENT)
HEALTH_READERS = (Role.FALLMANAGEMENT,)
LINK_CREATORS = (Role.INTEGRATION, Role.FALLMANAGEMENT, Role.ADMIN)
STATISTICS_READERS = (Role.ADMIN, Role.PLANUNG, Role.LEITUNG)
QUESTIONNAIRE_EDITORS = (Role.ADMIN, Role.PLANUNG)
AREA_ROLES = (*LINK_CREATORS, Role.PLANUNG, Role.LEITUNG)


@dataclass(frozen=True)
class Access:
    jobcenter: Jobcenter
    role: str

    @property
    def creates_links(self) -> bool:
        return self.role in LINK_CREATORS

    @property
    def reads_answers(self) -> bool:
        return self.role in CASEWORKERS

    @property
    def reads_health(self) -> bool:
        return self.role in HEALTH_READERS

    @property
    def reads_statistics(self) -> bool:
        return self.role in STATISTICS_READERS

    @property
    def edits_questionnaire(self) -> bool:
        return self.role in QUESTIONNAIRE_EDITORS


def access(user: AnyUser, code: str, roles: tuple[Any, ...] = AREA_ROLES) -> Access:
    if not user.is_authenticated:
        raise Http404("Dieses Jobcenter gibt es nicht.")
    membership = (
        Membership.objects.filter(user=user, jobcenter__code=code)
        .select_related("jobcenter")
        .first()
    )
    if membership is None:
        raise Http404("Dieses Jobcenter gibt es nicht.")
    if membership.role not in roles:
        raise PermissionDenied("Dafür fehlt Ihrer Rolle die Berechtigung.")
    return Access(membership.jobcenter, membership.role)


def areas(user: AnyUser) -> list[Access]:
    """The Jobcenters where the user works with the Fallclearing (for the navigation)."""
    if not user.is_authenticated:
        return []
    members = Membership.objects.filter(user=user, role__in=AREA_ROLES).select_related("jobcenter")
    return [Access(m.jobcenter, m.role) for m in members]


_documents: dict[tuple[int, str], ClearingDocument] = {}
_lock = threading.Lock()


def document(version: QuestionnaireVersion) -> ClearingDocument:
    """The questionnaire and triage of a stored version (read once per process)."""
    key = (version.pk, version.version)
    with _lock:
        found = _documents.get(key)
    if found is None:
        found = document_from_data(version.document, f"Fragebogen {version.version}")
        with _lock:
            _documents[key] = found
    return found


def current_questionnaire(jobcenter: Jobcenter) -> QuestionnaireVersion | None:
    return QuestionnaireVersion.objects.filter(jobcenter=jobcenter).first()


def open_link(token: str, now: datetime) -> ClearingLink | None:
    """The link of a token while it can be answered: known, not expired, not yet
    submitted, answers not erased. None for everything else - the caller reveals nothing."""
    if not well_formed(token):
        return None
    link = (
        ClearingLink.objects.filter(digest=digest(token))
        .select_related("questionnaire", "jobcenter")
        .first()
    )
    if link is None or link.expires_at <= now or link.submitted_at or link.erased_at:
        return None
    return link


def inbox(access: Access, everything: bool = False) -> QuerySet[ClearingLink]:
    """Submitted links with answers; by default those suggested for the user's role."""
    links = ClearingLink.objects.filter(
        jobcenter=access.jobcenter, submitted_at__isnull=False, erased_at__isnull=True
    ).order_by("decided_at", "submitted_at")
    if not everything:
        links = links.filter(suggestion__role=access.role)
    return links


def pending(access: Access) -> QuerySet[ClearingLink]:
    """Links not yet submitted (without answers shown)."""
    return ClearingLink.objects.filter(
        jobcenter=access.jobcenter, submitted_at__isnull=True, erased_at__isnull=True
    ).order_by("-created_at")


def link_of(access: Access, pk: int) -> ClearingLink:
    link = ClearingLink.objects.filter(
        jobcenter=access.jobcenter, pk=pk, submitted_at__isnull=False, erased_at__isnull=True
    ).first()
    if link is None:
        raise Http404("Diesen Fall gibt es nicht.")
    return link
