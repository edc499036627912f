"""Förderketten: pathways of successive offers for a target group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from amp.core.periods import DateRange


@dataclass(frozen=True, slots=True)
class Offer:
    name: str
    valid_from: date | None = None
    valid_until: date | None = None
    measure: str | None = None  # id of the measure this offer is, where the plan lists it
    items: tuple[str, ...] = ()  # named sub-offers, e.g. the individual AGH projects
    note: str | None = None

    def __post_init__(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("'gültig bis' liegt vor 'gültig ab'")

    def available_in(self, year: int) -> bool:
        start = self.valid_from or date(year, 1, 1)
        validity = DateRange(start, self.valid_until)
        return validity.overlaps(DateRange(date(year, 1, 1), date(year, 12, 31)))


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
