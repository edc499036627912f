"""Eligibility with reasons: every condition of § 16i, § 16e SGB II and § 104c AufenthG,
met or not, with the detail and its § reference. Pure: a person's facts in, conditions out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from amp.rules.parameters import load_parameter


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
    unemployed_months: int | None = None  # § 18 SGB III counting
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


def _number(key: str, on: date) -> Decimal | None:
    value = load_parameter(key).value_at(on)
    return value if isinstance(value, Decimal) else None


def _pair(key: str, on: date) -> tuple[Decimal, Decimal] | None:
    value = load_parameter(key).value_at(on)
    return (value[0], value[1]) if isinstance(value, tuple) and len(value) == 2 else None


def _missing(label: str, fact: str, reference: str) -> Condition:
    return Condition(label, False, f"nicht angegeben: {fact}", reference)


def _in_force(key: str, on: date, label: str, reference: str) -> Condition:
    value = load_parameter(key).value_at(on)
    met = value is not None
    detail = "gilt am Stichtag" if met else "am Stichtag nicht (mehr) in Kraft"
    return Condition(label, met, detail, reference)


def eligibility_16i(person: Person, on: date) -> Eligibility:
    conditions = [_in_force("sgb2_16i.foerdersaetze", on, "§ 16i in Kraft", "§ 16i SGB II")]
    min_age = _number("sgb2_16i.mindestalter", on)
    ref = "§ 16i Abs. 3 Satz 1 Nr. 1 SGB II"
    if person.birth_date is None:
        conditions.append(_missing("Mindestalter", "Geburtsdatum (birth_date)", ref))
    elif min_age is not None:
        age = _age(person.birth_date, on)
        conditions.append(
            Condition("Mindestalter", age >= min_age, f"{age} Jahre, nötig {min_age}", ref)
        )
    history = _pair("sgb2_16i.leistungsbezug_jahre", on)
    exception_years = _number("sgb2_16i.leistungsbezug_jahre_ausnahme", on)
    ref = "§ 16i Abs. 3 Satz 1 Nr. 2, Satz 3 SGB II"
    if history is not None and exception_years is not None:
        years, window = history
        need = int(years * 12)
        got7 = person.benefit_months_last_7_years
        exception = bool(person.minor_child_in_household or person.severely_disabled)
        got5 = person.benefit_months_last_5_years
        need5 = int(exception_years * 12)
        if got7 is not None and got7 >= need:
            conditions.append(
                Condition(
                    "Leistungsbezug",
                    True,
                    f"{got7} Monate in den letzten {window} Jahren, nötig {need}",
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
                    f"{got7} Monate in den letzten {window} Jahren, nötig {need}; "
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
    limit = _number("sgb2_16i.hoechstdauer", on)
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


def eligibility_16e(person: Person, on: date) -> Eligibility:
    conditions = [_in_force("sgb2_16e.foerdersaetze", on, "§ 16e in Kraft", "§ 16e SGB II")]
    need = _number("sgb2_16e.mindestdauer_arbeitslosigkeit", on)
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
    return Eligibility("§ 16e SGB II", on, tuple(conditions))


def eligibility_104c(person: Person, on: date) -> Eligibility:
    ref = "§ 104c AufenthG (Art. 5 ChAufenthG, BGBl. 2022 I S. 2847)"
    conditions = [_in_force("aufenthg_104c.erteilung", on, "Neuerteilung möglich", ref)]
    cutoff = load_parameter("aufenthg_104c.stichtag").value_at(on)
    years = _number("aufenthg_104c.voraufenthalt_jahre", on)
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
    limits = _pair("aufenthg_104c.straftaten_tagessaetze", on)
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


CHECKS: dict[str, Callable[[Person, date], Eligibility]] = {
    "16i": eligibility_16i,
    "16e": eligibility_16e,
    "104c": eligibility_104c,
}
