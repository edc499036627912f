"""Writing agreements and planning documents: one way for every change, in a transaction."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from amp.core.agreements import Agreement
from amp.web.land.models import PlanningDocument, TargetAgreement
from amp.web.plans.models import Jobcenter


@transaction.atomic
def save_agreements(agreements: Iterable[Agreement], user: Any = None) -> int:
    """Creates or updates each agreement (key: Jobcenter, year, indicator); an agreement
    equal to the stored one is left alone, so a repeated import writes nothing. Returns the
    number of rows written."""
    written = 0
    jobcenters: dict[str, Jobcenter] = {}
    for a in agreements:
        jobcenter = jobcenters.get(a.jobcenter) or Jobcenter.objects.get(code=a.jobcenter)
        jobcenters[a.jobcenter] = jobcenter
        row = (
            TargetAgreement.objects.select_for_update()
            .filter(jobcenter=jobcenter, year=a.year, indicator=a.indicator)
            .first()
        )
        if row is not None and (Decimal(row.target), row.note) == (a.target, a.note):
            continue
        if row is None:
            row = TargetAgreement(jobcenter=jobcenter, year=a.year, indicator=a.indicator)
        row.target, row.note, row.changed_by = a.target, a.note, user
        row.save()
        written += 1
    return written


@transaction.atomic
def delete_agreement(jobcenter: Jobcenter, year: int, indicator: str) -> bool:
    deleted, _ = TargetAgreement.objects.filter(
        jobcenter=jobcenter, year=year, indicator=indicator
    ).delete()
    return deleted > 0


@transaction.atomic
def save_planning_document(
    jobcenter: Jobcenter, year: int, priorities: str, measures: str, user: Any = None
) -> PlanningDocument:
    document, _ = PlanningDocument.objects.select_for_update().get_or_create(
        jobcenter=jobcenter, year=year
    )
    document.priorities, document.measures, document.changed_by = priorities, measures, user
    document.save()
    return document
