"""Writing agreements and planning documents: one way for every change, in a transaction."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from amp.core.agreements import INDICATORS, Agreement
from amp.web.land.models import AgreementChange, PlanningDocument, TargetAgreement
from amp.web.plans.models import Jobcenter


def _target(value: Decimal | None, note: str = "") -> str:
    if value is None:
        return ""
    text = f"{str(value).replace('.', ',')} %"
    return f"{text} ({note})" if note else text


def _log(user: Any, jobcenter: Jobcenter, year: int, what: str, old: str, new: str) -> None:
    AgreementChange.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        jobcenter=jobcenter,
        year=year,
        what=what,
        old=old,
        new=new,
    )


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
        old = "" if row is None else _target(Decimal(row.target), row.note)
        if row is None:
            row = TargetAgreement(jobcenter=jobcenter, year=a.year, indicator=a.indicator)
        row.target, row.note = a.target, a.note
        row.changed_by = user if getattr(user, "is_authenticated", False) else None
        row.save()
        what = f"Ziel {a.indicator} – {INDICATORS[a.indicator].name}"
        _log(user, jobcenter, a.year, what, old, _target(a.target, a.note))
        written += 1
    return written


@transaction.atomic
def delete_agreement(jobcenter: Jobcenter, year: int, indicator: str, user: Any = None) -> bool:
    row = (
        TargetAgreement.objects.select_for_update()
        .filter(jobcenter=jobcenter, year=year, indicator=indicator)
        .first()
    )
    if row is None:
        return False
    old = _target(Decimal(row.target), row.note)
    row.delete()
    what = f"Ziel {indicator} – {INDICATORS[indicator].name}"
    _log(user, jobcenter, year, what, old, "gelöscht")
    return True


@transaction.atomic
def save_planning_document(
    jobcenter: Jobcenter, year: int, priorities: str, measures: str, user: Any = None
) -> PlanningDocument:
    document, _ = PlanningDocument.objects.select_for_update().get_or_create(
        jobcenter=jobcenter, year=year
    )
    for label, old, new in (
        ("Planungsdokument: Lokale Schwerpunkte", document.priorities, priorities),
        ("Planungsdokument: Geplante Maßnahmen", document.measures, measures),
    ):
        if old != new:
            _log(user, jobcenter, year, label, old, new)
    document.priorities, document.measures = priorities, measures
    document.changed_by = user if getattr(user, "is_authenticated", False) else None
    document.save()
    return document
