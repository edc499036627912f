"""Förderketten: pathways of successive offers for a target group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from amp.core.offers.model import Criteria
from amp.core.periods import DateRange


@dataclass(frozen=True, slots=True)
class Offer:
    name: str
    valid_from: date | None = None
    valid_until: date | None = None
    measure: str | None = None  # id of the measure this offer is, where the plan lists it
    offer: str | None = None  # id of the catalogue offer (angebote.yaml) it stands for
    items: tuple[str, ...] = ()  # named sub-offers, e.g. the individual AGH projects
    note: str | None = None

    def __post_init__(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("'gültig bis' liegt vor 'gültig ab'")

    def available_in(self, year: int) -> bool:
        start = self.valid_from or date(year, 1, 1)
        validity = DateRange(start, self.valid_until)
        return validity.overlaps(DateRange(date(year, 1, 1), date(year, 12, 31)))

    def valid_on(self, on: date) -> bool:
        """The item itself is dated ("ab 01.04.2024", "bis 31.03.2024") and holds on `on`."""
        after_start = self.valid_from is None or self.valid_from <= on
        return after_start and (self.valid_until is None or on <= self.valid_until)

    @property
    def reference(self) -> str | None:
        """The catalogue offer this item refers to: an offer id, else a measure id."""
        return self.offer or self.measure


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    name: str
    offers: tuple[Offer, ...]


@dataclass(frozen=True, slots=True)
class Pathway:
    id: str
    name: str
    audience: str
    stages: tuple[Stage, ...]
    accompanying: tuple[Offer, ...] = ()  # offers alongside every stage
    criteria: Criteria | None = None  # who the chain is for, as offer criteria
