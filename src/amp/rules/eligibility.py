"""Eligibility with reasons: every condition of § 16i, § 16e SGB II and § 104c AufenthG,
met or not, with the detail and its § reference. Pure: a person's facts in, conditions out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from amp.rules.law import Key, Law


class Employment(StrEnum):
    NONE = "none"  # keine Beschäftigung im Zeitraum
    SHORT = "short"  # nur kurzzeitig (svpfl., geringfügig oder selbständig)
    SUBSTANTIAL = "substantial"  # mehr als kurzzeitig


@dataclass(frozen=True, slots=True)
class Person:
    """What the Jobcenter knows about a person; unknown facts stay empty."""

    birth_date: date | None = None
    benefit_months_last_7_years: int | None = None  # months with SGB II Lebensunterhalt
    benefit_months_last_5_years: int | None = None
    minor_child_in_household: bool | None = None
    severely_disabled: bool | None = None
    employment_in_period: Employment | None = None
    subsidised_16i_months: int = 0  # months of § 16i support already received
    # months in work subsidised under § 16e a.F. (until 2018), the Bundesprogramm „Soziale
    # Teilhabe am Arbeitsmarkt“ or a comparable programme in the last 7 years; they count
    # as months of benefit receipt (§ 16i Abs. 10)
    similar_subsidy_months_last_7_years: int = 0
    unemployed_months: int | None = None  # § 18 SGB III counting
    contract_months: int | None = None  # agreed duration of the employment (None: unknown)
    marginal_employment: bool | None = None  # the job is only geringfügig (§ 8 SGB IV)
    residence_since: date | None = None  # uninterrupted in Germany since
    tolerated: bool | None = None  # geduldet on the cut-off date
    conviction_day_rates: int = 0  # Tagessätze, general criminal law
    conviction_day_rates_residence_law: int = 0  # Tagessätze, AufenthG/AsylG offences


@dataclass(frozen=True, slots=True)
class Condition:
    label: str
    met: bool
    detail: str
    reference: str


@dataclass(frozen=True, slots=True)
class Eligibility:
    instrument: str
    on: date
    conditions: tuple[Condition, ...]

    @property
    def eligible(self) -> bool:
        return all(c.met for c in self.conditions)


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _missing(label: str, fact: str, reference: str) -> Condition:
    return Condition(label, False, f"nicht angegeben: {fact}", reference)


def _in_force(law: Law, key: Key, on: date, label: str, reference: str) -> Condition:
    value = law.value(key, on)
    met = value is not None
    detail = "gilt am Stichtag" if met else "am Stichtag nicht (mehr) in Kraft"
    return Condition(label, met, detail, reference)


def eligibility_16i(law: Law, person: Person, on: date) -> Eligibility:
    conditions = [_in_force(law, Key.TAAM_RATES, on, "§ 16i in Kraft", "§ 16i SGB II")]
    min_age = law.number(Key.TAAM_MIN_AGE, on)
    ref = "§ 16i Abs. 3 Satz 1 Nr. 1 SGB II"
    if person.birth_date is None:
        conditions.append(_missing("Mindestalter", "Geburtsdatum (birth_date)", ref))
    elif min_age is not None:
        age = _age(person.birth_date, on)
        conditions.append(
            Condition("Mindestalter", age >= min_age, f"{age} Jahre, nötig {min_age}", ref)
        )
    history = law.pair(Key.TAAM_BENEFIT_YEARS, on)
    exception_years = law.number(Key.TAAM_BENEFIT_YEARS_EXCEPTION, on)
    ref = "§ 16i Abs. 3 Satz 1 Nr. 2, Satz 3 SGB II"
    if history is not None and exception_years is not None:
        years, window = history
        need = int(years * 12)
        got7 = person.benefit_months_last_7_years
        similar = person.similar_subsidy_months_last_7_years
        credited = ""
        if got7 is not None and similar:
            # § 16i Abs. 10: times of a comparable subsidised job count as benefit receipt
            got7 = min(got7 + similar, int(window * 12))
            credited = f" (davon {similar} Monate geförderte Beschäftigung, § 16i Abs. 10)"
            ref += ", Abs. 10"
        exception = bool(person.minor_child_in_household or person.severely_disabled)
        got5 = person.benefit_months_last_5_years
        need5 = int(exception_years * 12)
        if got7 is not None and got7 >= need:
            conditions.append(
                Condition(
                    "Leistungsbezug",
                    True,
                    f"{got7} Monate in den letzten {window} Jahren{credited}, nötig {need}",
                    ref,
                )
            )
        elif exception and got5 is not None:
            conditions.append(
                Condition(
                    "Leistungsbezug",
                    got5 >= need5,
                    f"Ausnahme (minderjähriges Kind oder schwerbehindert): {got5} Monate in "
                    f"den letzten {exception_years} Jahren, nötig {need5} (durchgehend)",
                    ref,
                )
            )
        elif got7 is None:
            conditions.append(_missing("Leistungsbezug", "benefit_months_last_7_years", ref))
        else:
            conditions.append(
                Condition(
                    "Leistungsbezug",
                    False,
                    f"{got7} Monate in den letzten {window} Jahren{credited}, nötig {need}; "
                    "Ausnahme nach Satz 3 nicht belegt",
                    ref,
                )
            )
    ref = "§ 16i Abs. 3 Satz 1 Nr. 3 SGB II"
    if person.employment_in_period is None:
        conditions.append(_missing("Keine Beschäftigung", "employment_in_period", ref))
    else:
        met = person.employment_in_period is not Employment.SUBSTANTIAL
        detail = {
            Employment.NONE: "keine Beschäftigung im Zeitraum",
            Employment.SHORT: "nur kurzzeitig beschäftigt",
            Employment.SUBSTANTIAL: "mehr als kurzzeitig beschäftigt",
        }[person.employment_in_period]
        conditions.append(Condition("Keine Beschäftigung", met, detail, ref))
    limit = law.number(Key.TAAM_MAX_MONTHS, on)
    if limit is not None:
        left = int(limit) - person.subsidised_16i_months
        conditions.append(
            Condition(
                "Höchstförderdauer",
                left > 0,
                f"bisher {person.subsidised_16i_months} Monate gefördert, "
                f"verbleiben {max(left, 0)} von {limit}",
                "§ 16i Abs. 3 Satz 1 Nr. 4 SGB II",
            )
        )
    return Eligibility("§ 16i SGB II", on, tuple(conditions))


def eligibility_16e(law: Law, person: Person, on: date) -> Eligibility:
    conditions = [_in_force(law, Key.EVL_RATES, on, "§ 16e in Kraft", "§ 16e SGB II")]
    need = law.number(Key.EVL_MIN_UNEMPLOYED, on)
    ref = "§ 16e Abs. 1 SGB II"
    if person.unemployed_months is None:
        conditions.append(_missing("Langzeitarbeitslosigkeit", "unemployed_months", ref))
    elif need is not None:
        got = person.unemployed_months
        conditions.append(
            Condition(
                "Langzeitarbeitslosigkeit",
                got >= need,
                f"{got} Monate arbeitslos, nötig {need}",
                ref,
            )
        )
    contract = law.number(Key.EVL_MIN_CONTRACT, on)
    ref = "§ 16e Abs. 1 Satz 1 SGB II"
    if person.contract_months is None:
        conditions.append(_missing("Arbeitsverhältnis von zwei Jahren", "contract_months", ref))
    elif contract is not None:
        conditions.append(
            Condition(
                "Arbeitsverhältnis von zwei Jahren",
                person.contract_months >= contract,
                f"Arbeitsverhältnis für {person.contract_months} Monate, nötig mindestens "
                f"{contract}",
                ref,
            )
        )
    ref = "§ 16e Abs. 1 SGB II, § 8 SGB IV"
    label = "Nicht nur geringfügig"
    if person.marginal_employment is None:
        conditions.append(_missing(label, "marginal_employment", ref))
    else:
        conditions.append(
            Condition(
                label,
                not person.marginal_employment,
                "nur geringfügige Beschäftigung wird nicht gefördert"
                if person.marginal_employment
                else "sozialversicherungspflichtig, nicht nur geringfügig",
                ref,
            )
        )
    return Eligibility("§ 16e SGB II", on, tuple(conditions))


def eligibility_104c(law: Law, person: Person, on: date) -> Eligibility:
    ref = "§ 104c AufenthG (Art. 5 ChAufenthG, BGBl. 2022 I S. 2847)"
    conditions = [_in_force(law, Key.RESIDENCE_GRANT, on, "Neuerteilung möglich", ref)]
    cutoff = law.value(Key.RESIDENCE_CUTOFF, on)
    years = law.number(Key.RESIDENCE_YEARS, on)
    ref = "§ 104c Abs. 1 Satz 1 AufenthG a.F."
    if isinstance(cutoff, date) and years is not None:
        latest = cutoff.replace(year=cutoff.year - int(years))
        if person.residence_since is None:
            conditions.append(_missing("Voraufenthalt", "residence_since", ref))
        else:
            conditions.append(
                Condition(
                    "Voraufenthalt",
                    person.residence_since <= latest,
                    f"ununterbrochen seit {person.residence_since:%d.%m.%Y}, nötig spätestens "
                    f"seit {latest:%d.%m.%Y} ({years} Jahre am {cutoff:%d.%m.%Y})",
                    ref,
                )
            )
        if person.tolerated is None:
            conditions.append(_missing("Duldung am Stichtag", "tolerated", ref))
        else:
            conditions.append(
                Condition(
                    "Duldung am Stichtag",
                    person.tolerated,
                    f"am {cutoff:%d.%m.%Y} {'geduldet' if person.tolerated else 'nicht geduldet'}",
                    ref,
                )
            )
    limits = law.pair(Key.RESIDENCE_CONVICTIONS, on)
    if limits is not None:
        general, residence = limits
        met = (
            person.conviction_day_rates <= general
            and person.conviction_day_rates_residence_law <= residence
        )
        conditions.append(
            Condition(
                "Keine schwerwiegenden Verurteilungen",
                met,
                f"{person.conviction_day_rates} Tagessätze (zulässig {general}), "
                f"{person.conviction_day_rates_residence_law} nach AufenthG/AsylG "
                f"(zulässig {residence})",
                "§ 104c Abs. 1 Satz 1 Nr. 2 AufenthG a.F.",
            )
        )
    return Eligibility("§ 104c AufenthG", on, tuple(conditions))


CHECKS: dict[str, Callable[[Law, Person, date], Eligibility]] = {
    "16i": eligibility_16i,
    "16e": eligibility_16e,
    "104c": eligibility_104c,
}
