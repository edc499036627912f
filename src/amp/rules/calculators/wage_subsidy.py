"""Wage subsidies paid as a rate of a base by year of subsidy: § 16i and § 16e SGB II.

The base is the monthly wage plus the employer's flat social-insurance share without
unemployment insurance (§ 16i Abs. 2, § 16e Abs. 2 SGB II). For § 16i the hourly wage
is the statutory minimum wage of each month, or a higher tariff wage if given. Each
subsidy month starts on the start day plus n months and takes the law of that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from amp.core.formatting import number
from amp.core.money import HUNDRED, ZERO, round_half_up
from amp.core.units import Unit
from amp.rules.calculators.periods import add_months
from amp.rules.calculators.wages import SocialInsurance, monthly_wage, social_insurance
from amp.rules.law import Key, Law
from amp.rules.parameters import Parameter, ParameterError


class Household(StrEnum):
    SINGLE = "single"  # 1-person BG
    SINGLE_ONE_CHILD = "single_one_child"  # 1 adult with 1 child
    OTHER = "other"  # every other BG


class CalculationError(Exception):
    """Input the law cannot be applied to; the message is German."""


@dataclass(frozen=True, slots=True)
class SubsidyLaw:
    """The parameters one wage subsidy needs."""

    rates: Parameter  # percent by year of subsidy
    max_months: Parameter
    minimum_wage: Parameter
    insurance: SocialInsurance
    pat: Parameter | None  # flat amounts by household (§ 16i only)
    reference: str


def law_16i(law: Law) -> SubsidyLaw:
    return SubsidyLaw(
        law[Key.TAAM_RATES],
        law[Key.TAAM_MAX_MONTHS],
        law[Key.MINIMUM_WAGE],
        social_insurance(law),
        law[Key.TAAM_PAT],
        "§ 16i Abs. 2 SGB II",
    )


def law_16e(law: Law) -> SubsidyLaw:
    return SubsidyLaw(
        law[Key.EVL_RATES],
        law[Key.EVL_MAX_MONTHS],
        law[Key.MINIMUM_WAGE],
        social_insurance(law),
        None,
        "§ 16e Abs. 2 SGB II",
    )


@dataclass(frozen=True, slots=True)
class SubsidyMonth:
    number: int  # 1 … 60
    start: date
    subsidy_year: int
    rate: Decimal  # percent
    hourly_wage: Decimal
    wage: Decimal  # monthly gross
    employer_share: Decimal  # percent, without unemployment insurance
    base: Decimal
    subsidy: Decimal
    pat: Decimal  # part covered by the passive-active transfer


@dataclass(frozen=True, slots=True)
class SubsidySchedule:
    months: tuple[SubsidyMonth, ...]
    explanation: tuple[str, ...]

    @property
    def total(self) -> Decimal:
        return sum((m.subsidy for m in self.months), ZERO)

    @property
    def total_pat(self) -> Decimal:
        return sum((m.pat for m in self.months), ZERO)

    def by_year(self) -> dict[int, tuple[Decimal, Decimal]]:
        """Calendar year → (subsidy, PAT share)."""
        years: dict[int, tuple[Decimal, Decimal]] = {}
        for m in self.months:
            subsidy, pat = years.get(m.start.year, (ZERO, ZERO))
            years[m.start.year] = (subsidy + m.subsidy, pat + m.pat)
        return years


def _rates(law: SubsidyLaw, day: date) -> tuple[Decimal, ...]:
    value = law.rates.value_at(day)
    if not isinstance(value, tuple):
        raise CalculationError(f"{law.reference}: am {day:%d.%m.%Y} nicht in Kraft")
    return value


def subsidy_schedule(
    law: SubsidyLaw,
    start: date,
    hours_per_week: Decimal,
    *,
    months: int | None = None,
    hourly_wage: Decimal | None = None,
    household: Household = Household.SINGLE,
    skip_before: date | None = None,
) -> SubsidySchedule:
    """The subsidy month by month from `start`, up to the legal maximum duration.

    Months starting before `skip_before` are left out (they still count for the year of
    subsidy), so past months need no wage data.
    """
    if not ZERO < hours_per_week <= Decimal(48):
        raise CalculationError("Wochenstunden müssen größer als 0 und höchstens 48 sein")
    try:
        limit = int(law.max_months.number_at(start))
    except ParameterError as exc:
        raise CalculationError(str(exc)) from None
    count = limit if months is None else months
    if not 0 < count <= limit:
        raise CalculationError(f"Förderdauer muss 1 bis {limit} Monate betragen ({law.reference})")
    rates = _rates(law, start)  # the schedule approved at the start
    result: list[SubsidyMonth] = []
    for index in range(count):
        day = add_months(start, index)
        year = index // 12 + 1
        rate = rates[min(year, len(rates)) - 1]
        if skip_before is not None and day < skip_before:
            continue
        try:
            minimum = law.minimum_wage.number_at(day)
            share = law.insurance.employer_share_without_av(day)
        except ParameterError as exc:
            raise CalculationError(f"Monat {index + 1}: {exc}") from None
        hourly = minimum if hourly_wage is None else max(hourly_wage, minimum)
        wage = monthly_wage(hourly, hours_per_week)
        base = round_half_up(wage * (HUNDRED + share) / HUNDRED)
        subsidy = round_half_up(base * rate / HUNDRED)
        pat = ZERO
        if law.pat is not None:
            flat = law.pat.value_at(day)
            if isinstance(flat, dict):
                pat = min(flat[household.value], subsidy)
        result.append(
            SubsidyMonth(index + 1, day, year, rate, hourly, wage, share, base, subsidy, pat)
        )
    explanation = (
        f"Rechtsgrundlage: {law.reference}; Fördersätze je Förderjahr "
        + " / ".join(f"{number(r, Unit.COUNT)} %" for r in rates),
        "Monatslohn = Stundenlohn × Wochenstunden × 13/3, auf Cent gerundet",
        "Stundenlohn = Mindestlohn des Monats oder ein höherer angegebener Tariflohn",
        "Bemessungsgrundlage = Monatslohn × (1 + pauschaler Arbeitgeberanteil ohne "
        "Arbeitslosenversicherung: (RV + KV + durchschn. Zusatzbeitrag + PV) / 2)",
        "Zuschuss = Bemessungsgrundlage × Fördersatz; PAT = Pauschale der "
        "Bedarfsgemeinschaft, höchstens der Zuschuss",
    )
    return SubsidySchedule(tuple(result), explanation if law.pat else explanation[:4])
