"""Monthly flat benefits for a participation period: Bürgergeldbonus (§ 16j SGB II a.F.)
and Weiterbildungsgeld (§ 87a Abs. 2 SGB III). Full calendar months get the monthly
amount, part months 1/30 of it per calendar day, at most the monthly amount."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from amp.core.money import ZERO, round_half_up
from amp.rules.calculators.wage_subsidy import CalculationError
from amp.rules.parameters import Parameter


@dataclass(frozen=True, slots=True)
class BenefitMonth:
    month: date  # first day of the calendar month
    days: int  # days with entitlement
    amount: Decimal


@dataclass(frozen=True, slots=True)
class BenefitResult:
    months: tuple[BenefitMonth, ...]
    notes: tuple[str, ...]

    @property
    def total(self) -> Decimal:
        return sum((m.amount for m in self.months), ZERO)


def monthly_benefit(
    parameter: Parameter,
    start: date,
    end: date,
    *,
    keeps_rate_from_start: bool,
    responsible: Parameter | None = None,
) -> BenefitResult:
    """The benefit for participation from `start` to `end` (both included).

    `keeps_rate_from_start`: whoever started while the rule was in force keeps it until the
    measure ends (the transitional rule for § 16j); otherwise each day takes its own law.
    `responsible`: the parameter saying when the Jobcenter pays the benefit; where it does
    not for some of the days, a note says who does.
    """
    if end < start:
        raise CalculationError("Das Ende liegt vor dem Beginn")
    notes: list[str] = []
    at_start = parameter.value_at(start)
    if keeps_rate_from_start and not isinstance(at_start, Decimal):
        notes.append(f"Am {start:%d.%m.%Y} nicht in Kraft: kein Anspruch.")
    months: list[BenefitMonth] = []
    first = start.replace(day=1)
    while first <= end:
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        entitled: list[Decimal] = []
        day = max(first, start)
        while day <= min(last, end):
            value = at_start if keeps_rate_from_start else parameter.value_at(day)
            if isinstance(value, Decimal):
                entitled.append(value)
            day += timedelta(days=1)
        full = len(entitled) == last.day
        if full:
            amount = entitled[0]
        elif entitled:
            monthly = max(entitled)
            amount = min(round_half_up(monthly * len(entitled) / 30), monthly)
        else:
            amount = ZERO
        months.append(BenefitMonth(first, len(entitled), amount))
        first = last + timedelta(days=1)
    if keeps_rate_from_start and isinstance(at_start, Decimal):
        ends = [e.valid_from for e in parameter.entries if e.value is None and e.valid_from > start]
        if ends and ends[0] <= end:
            notes.append(
                f"Die Regel endet am {ends[0] - timedelta(days=1):%d.%m.%Y}; wer vorher begonnen "
                "hat, erhält die Leistung bis zum Ende der Maßnahme."
            )
    if responsible is not None:
        notes += payer_notes(responsible, start, end)
    return BenefitResult(tuple(months), tuple(notes))


def payer_notes(responsible: Parameter, start: date, end: date) -> list[str]:
    """Notes for the days from `start` to `end` on which the Jobcenter does not pay."""
    notes = []
    for entry in responsible.entries:
        if entry.value is not None or entry.valid_from > end:
            continue
        if entry.valid_from <= start and responsible.value_at(start) is not None:
            continue
        since = max(entry.valid_from, start)
        who = entry.note or "nicht mehr das Jobcenter"
        notes.append(f"Ab {since:%d.%m.%Y}: {who} ({entry.reference})")
    return notes[-1:]
