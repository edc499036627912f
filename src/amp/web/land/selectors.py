"""What the Land screens read and who may see it.

A Land user (LandAccess) reads every Jobcenter assigned to the Land: the approved (published)
plans, the Vollzug, the indicators and the agreements; never drafts, never anything to
change. Another Land, or a Jobcenter outside the Land, is 404: its existence stays hidden.
Jobcenter staff (Administration, Planung, Leitung) read and enter their own Jobcenter's
agreements and planning document; other roles and other Jobcenters get 404.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from amp.core.agreements import (
    INDICATORS,
    Agreement,
    LineUse,
    UnusedSummary,
    line_use,
    unused_summary,
)
from amp.core.budget import QUANTITY_UNIT_LABELS
from amp.core.ledger.steering import Steering
from amp.core.problems import InputProblems
from amp.web.kennzahlen.models import MonthlyFigures
from amp.web.land.models import (
    AgreementChange,
    Land,
    LandJobcenter,
    PlanningDocument,
    TargetAgreement,
)
from amp.web.plans.derived import document_digest
from amp.web.plans.models import PUBLISHED, Jobcenter, Membership, PlanVersion, Role
from amp.web.plans.selectors import AnyUser
from amp.web.vollzug import selectors as vollzug
from amp.web.vollzug.models import LedgerRecord

STAFF = (Role.ADMIN, Role.PLANUNG, Role.LEITUNG)  # read and enter their own agreements


def lands(user: AnyUser) -> QuerySet[Land]:
    if not user.is_authenticated:
        return Land.objects.none()
    return Land.objects.filter(accesses__user=user).distinct()


def land(user: AnyUser, code: str) -> Land:
    found = lands(user).filter(code=code).first()
    if found is None:
        raise Http404("Dieses Land gibt es nicht.")
    return found


def members(land: Land) -> list[LandJobcenter]:
    return list(LandJobcenter.objects.filter(land=land).select_related("jobcenter"))


def member(land: Land, code: str) -> LandJobcenter:
    found = LandJobcenter.objects.filter(land=land, jobcenter__code=code).select_related(
        "jobcenter"
    )
    entry = found.first()
    if entry is None:
        raise Http404("Dieses Jobcenter gehört nicht zum Land.")
    return entry


@dataclass(frozen=True)
class StaffAccess:
    jobcenter: Jobcenter
    role: str


def staff(user: AnyUser, code: str) -> StaffAccess:
    """Jobcenter staff who read and enter their own agreements; 404 for everyone else."""
    if not user.is_authenticated:
        raise Http404("Diese Zielvereinbarungen gibt es nicht.")
    membership = (
        Membership.objects.filter(user=user, jobcenter__code=code, role__in=STAFF)
        .select_related("jobcenter")
        .first()
    )
    if membership is None:
        raise Http404("Diese Zielvereinbarungen gibt es nicht.")
    return StaffAccess(membership.jobcenter, membership.role)


def staff_jobcenters(user: AnyUser) -> list[Jobcenter]:
    if not user.is_authenticated:
        return []
    return [
        m.jobcenter
        for m in Membership.objects.filter(user=user, role__in=STAFF).select_related("jobcenter")
    ]


def approved_version(jobcenter: Jobcenter, year: int) -> PlanVersion | None:
    """The newest published version of the year's plan: what the Land sees (never drafts)."""
    return (
        PlanVersion.objects.filter(plan__jobcenter=jobcenter, plan__year=year, status__in=PUBLISHED)
        .order_by("-number")
        .first()
    )


def plan_total(version: PlanVersion | None) -> Decimal | None:
    if version is None:
        return None
    return version.core_plan().budget.computed_total().plan


def agreements(jobcenter: Jobcenter, year: int) -> list[Agreement]:
    return [
        Agreement(jobcenter.code, row.year, row.indicator, Decimal(row.target), row.note)
        for row in TargetAgreement.objects.filter(jobcenter=jobcenter, year=year)
    ]


def stored_agreements(codes: Iterable[str]) -> dict[tuple[str, int, str], tuple[Decimal, str]]:
    """(Jobcenter, year, indicator) → (target, note): what an import is compared with."""
    return {
        (row.jobcenter.code, row.year, row.indicator): (Decimal(row.target), row.note)
        for row in TargetAgreement.objects.filter(jobcenter__code__in=list(codes)).select_related(
            "jobcenter"
        )
    }


def planning_document(jobcenter: Jobcenter, year: int) -> PlanningDocument | None:
    return PlanningDocument.objects.filter(jobcenter=jobcenter, year=year).first()


CHANGES_SHOWN = 50


def changes(jobcenter: Jobcenter, year: int) -> list[AgreementChange]:
    """The newest changes of the year's agreements and planning document."""
    return list(
        AgreementChange.objects.filter(jobcenter=jobcenter, year=year).select_related("user")[
            :CHANGES_SHOWN
        ]
    )


def years(jobcenters: Iterable[Jobcenter]) -> list[int]:
    """The years with an agreement or a published plan, newest first."""
    ids = [j.pk for j in jobcenters]
    found = set(
        TargetAgreement.objects.filter(jobcenter__in=ids).values_list("year", flat=True)
    ) | set(
        PlanVersion.objects.filter(plan__jobcenter__in=ids, status__in=PUBLISHED).values_list(
            "plan__year", flat=True
        )
    )
    return sorted(found, reverse=True)


def indicator_values(jobcenter: Jobcenter, year: int) -> dict[str, dict[str, Decimal | None]]:
    """Indicator id → month ("JJJJ-MM", December of the year before to December) → the
    published value (None where suppressed) from the stored Kennzahlen."""
    out: dict[str, dict[str, Decimal | None]] = {i: {} for i in INDICATORS}
    rows = MonthlyFigures.objects.filter(
        jobcenter=jobcenter, month__gte=f"{year - 1}-12", month__lte=f"{year}-12"
    )
    for row in rows:
        for item in INDICATORS.values():
            cell = (row.figures.get(item.figure) or {}).get(item.group) or {}
            value = cell.get("wert")
            out[item.id][row.month] = (
                None if value is None or cell.get("gesperrt") else Decimal(value)
            )
    return out


@dataclass(frozen=True)
class Execution:
    """The Vollzug of the year at its Stand: Ausschöpfung, forecast and what stays unused."""

    stand: date
    plan: Decimal  # the ledger's plan of the year (with its Fortschreibungen)
    actual: Decimal
    open: Decimal
    exhaustion: Decimal | None  # (actual + open) in % of plan
    forecast: Decimal  # year-end forecast of all lines
    unused: UnusedSummary


KEPT = 1024  # Jobcenters whose execution summary a process keeps (a Land has far fewer)
_kept: OrderedDict[tuple[str, str], Execution] = OrderedDict()
_lock = threading.Lock()


def execution(jobcenter: Jobcenter, year: int) -> Execution | None:
    """None without a ledger, without a published plan or when the ledger does not fit it.
    The summary is kept per process, keyed like the Vollzug's steering by the ledger's stamp
    and the plan document's digest, so a Land of many Jobcenters computes each forecast once
    per change, never stale."""
    version = approved_version(jobcenter, year)
    record = LedgerRecord.objects.filter(jobcenter=jobcenter, year=year).first()
    if version is None or record is None:
        return None
    key = (str(record.stamp), document_digest(version.document))
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    try:
        _data, steering = vollzug.steering(record, version)
    except InputProblems:
        return None
    result = _summary(steering, version)
    with _lock:
        _kept[key] = result
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return result


def _summary(steering: Steering, version: PlanVersion) -> Execution:
    quantities = {
        line.id: line.quantity for line in version.core_plan().budget.lines() if line.quantity
    }
    uses: list[LineUse] = []
    for p in steering.position.lines:
        quantity = quantities.get(p.line)
        value = quantity.value if quantity is not None else None
        unit = (
            QUANTITY_UNIT_LABELS[quantity.unit]
            if quantity is not None and quantity.unit is not None
            else ""
        )
        uses.append(
            line_use(
                p.line,
                p.name,
                p.current.plan,
                steering.forecasts[p.line].point,
                value if unit else None,
                unit,
            )
        )
    total = steering.position.totals[-1]
    return Execution(
        steering.position.stand,
        total.plan,
        total.actual,
        total.open,
        total.exhaustion,
        steering.total.point,
        unused_summary(uses),
    )
