"""The person a caseworker describes to the finder, and the free places of offers.

No name, no address: only the facts that decide which offer fits. Facts left empty are
unknown, and the finder says which of them it would need.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

from annotated_types import Ge, Le

from amp.core.offers.model import Age, GermanLevel, Residence, Rule

Months = Annotated[int, Ge(0), Le(1200)]


@dataclass(frozen=True, slots=True)
class LegalCondition:
    """One condition of a legal eligibility check (amp.rules), carried into the core."""

    label: str
    met: bool
    detail: str
    reference: str
    unknown: bool = False  # not met because a fact was not given


@dataclass(frozen=True, slots=True)
class Profile:
    age: Age | None = None
    woman: bool | None = None
    residence: Residence | None = None
    refugee: bool | None = None  # Fluchthintergrund
    german: GermanLevel | None = None
    long_term_unemployed: bool | None = None
    unemployed_months: Months | None = None
    benefit_months_last_7_years: Months | None = None
    benefit_months_last_5_years: Months | None = None
    disability: bool | None = None  # Reha or Schwerbehinderung
    severely_disabled: bool | None = None
    single_parent: bool | None = None
    youngest_child_age: Age | None = None
    region: str | None = None  # region id
    needs_part_time: bool = False
    needs_childcare: bool = False
    needs_accessibility: bool = False
    current_stage: str | None = None  # the stage of a Förderkette the person is in
    # requirements the person meets, in the offers' words; None: not asked
    has: frozenset[str] | None = None
    # results of amp.rules' checks, filled by amp.rules.offer_rules.with_legal_checks
    legal: Mapping[Rule, tuple[LegalCondition, ...]] = field(default_factory=dict)

    @property
    def lzb(self) -> bool | None:
        """Langzeitarbeitslos: said so, or twelve months unemployed or more (§ 18 SGB III)."""
        if self.long_term_unemployed is not None:
            return self.long_term_unemployed
        if self.unemployed_months is not None:
            return self.unemployed_months >= 12
        return None

    @property
    def disabled(self) -> bool | None:
        if self.disability or self.severely_disabled:
            return True
        if self.disability is False or self.severely_disabled is False:
            return False
        return None


@dataclass(frozen=True, slots=True)
class PlaceAvailability:
    """Places and free places of one offer with their Stand and where they come from."""

    places: int | None
    free: int | None
    as_of: date | None
    source: str  # "Plan", "Belegung", …

    def __post_init__(self) -> None:
        if self.places is not None and self.places < 0:
            raise ValueError("die Platzzahl darf nicht negativ sein")
        if self.free is not None and self.free < 0:
            raise ValueError("freie Plätze dürfen nicht negativ sein")
