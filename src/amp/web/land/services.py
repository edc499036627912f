"""Writing agreements and planning documents: one way for every change, in a transaction."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from amp.core.agreements import INDICATORS, Agreement
from amp.web.land.models import AgreementChange, PlanningDocument, TargetAgreement
from amp.web.plans.models import Jobcenter


class ChangedMeanwhile(Exception):
    """Someone else changed the year's agreements since the page was loaded."""


def stand(jobcenter: Jobcenter, year: int) -> int:
    """The version of a Jobcenter's agreements and planning document of a year: the id of
    their newest change (0: never changed). A form carries it; a save compares it."""
    newest = (
        AgreementChange.objects.filter(jobcenter=jobcenter, year=year)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return newest or 0


def lock(jobcenter: Jobcenter, year: int, expected: int | None) -> None:
    """Serialises the writers of one Jobcenter (row lock) and, with `expected`, refuses a
    save based on an older page (compare-and-set); call inside the writing transaction."""
    Jobcenter.objects.select_for_update().filter(pk=jobcenter.pk).first()
    if expected is not None and stand(jobcenter, year) != expected:
        raise ChangedMeanwhile(
            "Die Ziele oder das Planungsdokument wurden inzwischen geändert; nichts wurde "
            "gespeichert. Bitte die Seite neu laden und die Eingabe wiederholen."
        )


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
def save_agreements(
    agreements: Iterable[Agreement], user: Any = None, expected: int | None = None
) -> int:
    """Creates or updates each agreement (key: Jobcenter, year, indicator); an agreement
    equal to the stored one is left alone, so a repeated import writes nothing. Returns the
    number of rows written. With `expected` (one Jobcenter and year only), raises
    ChangedMeanwhile when the agreements changed since that stand."""
    written = 0
    jobcenters: dict[str, Jobcenter] = {}
    for a in agreements:
        jobcenter = jobcenters.get(a.jobcenter)
        if jobcenter is None:
            jobcenter = Jobcenter.objects.get(code=a.jobcenter)
            lock(jobcenter, a.year, expected)
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
def delete_agreement(
    jobcenter: Jobcenter, year: int, indicator: str, user: Any = None, expected: int | None = None
) -> bool:
    lock(jobcenter, year, expected)
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
    jobcenter: Jobcenter,
    year: int,
    priorities: str,
    measures: str,
    user: Any = None,
    expected: int | None = None,
) -> PlanningDocument:
    lock(jobcenter, year, expected)
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
