"""The eligibility checks of amp.rules for the offer finder.

The finder (amp.core.offers) is pure and knows no law; it reads the results of the checks
that an offer names (`criteria.rules`) from the profile. This module runs them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from amp.core.offers.model import Rule
from amp.core.offers.profile import LegalCondition, Profile
from amp.rules.eligibility import CHECKS, Employment, Person
from amp.rules.law import Law

_MISSING = "nicht angegeben"
# conditions about the job to be found, not the person: checked when the job is offered
_JOB_CONDITIONS = {"Arbeitsverhältnis von zwei Jahren", "Nicht nur geringfügig"}


def _birth_date(age: int, on: date) -> date:
    """A birth date that makes the person exactly `age` years old on `on`."""
    try:
        return on.replace(year=on.year - age)
    except ValueError:  # 29 February
        return date(on.year - age, 2, 28)


def person_of(profile: Profile, on: date) -> Person:
    children = profile.youngest_child_age
    return Person(
        birth_date=_birth_date(profile.age, on) if profile.age is not None else None,
        benefit_months_last_7_years=profile.benefit_months_last_7_years,
        benefit_months_last_5_years=profile.benefit_months_last_5_years,
        minor_child_in_household=None if children is None else children < 18,
        severely_disabled=profile.severely_disabled,
        # the finder asks for a job to be found, so the person has none now
        employment_in_period=Employment.NONE if profile.lzb else None,
        unemployed_months=profile.unemployed_months,
    )


def legal_conditions(
    law: Law, profile: Profile, on: date
) -> dict[Rule, tuple[LegalCondition, ...]]:
    person = person_of(profile, on)
    result: dict[Rule, tuple[LegalCondition, ...]] = {}
    for rule in Rule:
        check = CHECKS[rule.value](law, person, on)
        result[rule] = tuple(
            LegalCondition(
                c.label,
                c.met,
                c.detail,
                c.reference,
                unknown=not c.met and c.detail.startswith(_MISSING),
            )
            for c in check.conditions
            if c.label not in _JOB_CONDITIONS
        )
    return result


def with_legal_checks(law: Law, profile: Profile, on: date) -> Profile:
    """The profile with the results of every check an offer may name."""
    return replace(profile, legal=legal_conditions(law, profile, on))
