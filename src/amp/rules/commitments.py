"""Multi-year commitments (Vorbelastungen) of a cohort of § 16i jobs.

Each job has the start of its § 16i support (the year of subsidy counts from there), the
end of its current approval, weekly hours, an optional tariff wage and the household type
for the PAT flat amount. For each calendar year the obligation is the subsidy of the
approved months in that year; "bis Höchstdauer" assumes every job is extended to the
legal maximum of 60 months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from amp.core.ledger.model import Commitment, CommitmentStatus
from amp.core.money import ZERO
from amp.core.periods import Month
from amp.rules.calculators.periods import add_months
from amp.rules.calculators.wage_subsidy import (
    Household,
    SubsidyLaw,
    SubsidySchedule,
    subsidy_schedule,
)


@dataclass(frozen=True, slots=True)
class CohortJob:
    id: str
    start: date  # first day of § 16i support
    approved_until: date  # last day of the current approval
    hours_per_week: Decimal
    household: Household
    hourly_wage: Decimal | None = None  # tariff wage; None: minimum wage
    planned: bool = False  # a planned entry, not yet approved


@dataclass(frozen=True, slots=True)
class YearCommitment:
    year: int
    jobs: int  # jobs with at least one approved month in the year
    ending: int  # jobs reaching the five-year limit in the year
    approved: Decimal  # subsidy for approved months, PAT included
    approved_pat: Decimal  # of which covered by PAT
    to_limit: Decimal  # subsidy if every job runs to the legal maximum
    to_limit_pat: Decimal


def _schedule(job: CohortJob, law: SubsidyLaw, first_year: int) -> SubsidySchedule:
    return subsidy_schedule(
        law,
        job.start,
        job.hours_per_week,
        hourly_wage=job.hourly_wage,
        household=job.household,
        skip_before=date(first_year, 1, 1),
    )


def commitments(
    jobs: list[CohortJob], law: SubsidyLaw, first_year: int, years: int = 5
) -> list[YearCommitment]:
    totals = {
        y: {"approved": ZERO, "approved_pat": ZERO, "to_limit": ZERO, "to_limit_pat": ZERO}
        for y in range(first_year, first_year + years)
    }
    active: dict[int, set[str]] = {y: set() for y in totals}
    ending: dict[int, int] = dict.fromkeys(totals, 0)
    limit = int(law.max_months.number_at(date(first_year, 1, 1)))
    for job in jobs:
        schedule = _schedule(job, law, first_year)
        last = add_months(job.start, limit - 1)
        if last.year in ending:
            ending[last.year] += 1
        for month in schedule.months:
            year = month.start.year
            if year not in totals:
                continue
            totals[year]["to_limit"] += month.subsidy
            totals[year]["to_limit_pat"] += month.pat
            if month.start <= job.approved_until:
                totals[year]["approved"] += month.subsidy
                totals[year]["approved_pat"] += month.pat
                active[year].add(job.id)
    return [
        YearCommitment(
            y,
            len(active[y]),
            ending[y],
            t["approved"],
            t["approved_pat"],
            t["to_limit"],
            t["to_limit_pat"],
        )
        for y, t in totals.items()
    ]


def ledger_commitments(
    jobs: list[CohortJob], law: SubsidyLaw, first_year: int, line: str = "taam"
) -> list[Commitment]:
    """The cohort as commitments of the ledger: one per job, its payment plan the subsidy of
    each approved month from `first_year` on (planned entries as vorgemerkt), so that the
    § 16i Vorbelastungen and the ledger's open commitments are one figure."""
    result: list[Commitment] = []
    for job in jobs:
        schedule = _schedule(job, law, first_year)
        payments = {
            Month.of(m.start): m.subsidy for m in schedule.months if m.start <= job.approved_until
        }
        if not payments:
            continue
        result.append(
            Commitment(
                job.id,
                line,
                job.start,
                CommitmentStatus.EARMARKED if job.planned else CommitmentStatus.BOUND,
                payments,
                measure="taam",
            )
        )
    return result
