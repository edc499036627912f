"""The one write of the offer screens: the audit entry of a search or an offer sheet made
for a pseudonymous number the caseworker entered on purpose. Without a number nothing is
written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from amp.web.angebote.models import OfferAudit
from amp.web.plans.models import Jobcenter


def audit(
    jobcenter: Jobcenter, user: Any, action: str, pseudonym: str, offers: Sequence[str]
) -> OfferAudit | None:
    if not pseudonym:
        return None
    return OfferAudit.objects.create(
        jobcenter=jobcenter, user=user, action=action, pseudonym=pseudonym, offers=list(offers)
    )
