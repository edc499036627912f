"""Periods: plan years, quarters, months and date ranges with an open end."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
"""German month names, January first."""


@dataclass(frozen=True, slots=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"Monat {self.month} liegt nicht zwischen 1 und 12")

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"Quartal {self.quarter} liegt nicht zwischen 1 und 4")

    @property
    def months(self) -> tuple[Month, Month, Month]:
        first = 3 * (self.quarter - 1) + 1
        return (Month(self.year, first), Month(self.year, first + 1), Month(self.year, first + 2))

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)


@dataclass(frozen=True, slots=True)
class DateRange:
    """A closed range of days; `end=None` means open-ended (e.g. "bis Ende Ausbildung")."""

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"Ende {self.end:%d.%m.%Y} liegt vor dem Beginn {self.start:%d.%m.%Y}")

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: DateRange) -> bool:
        starts_before_other_ends = other.end is None or self.start <= other.end
        ends_after_other_starts = self.end is None or other.start <= self.end
        return starts_before_other_ends and ends_after_other_starts

    def months_in_year(self, year: int) -> tuple[Month, ...]:
        """The calendar months of `year` that this range touches, in order."""
        return tuple(
            m
            for m in (Month(year, n) for n in range(1, 13))
            if self.overlaps(DateRange(m.first_day, m.last_day))
        )


def year_range(year: int) -> DateRange:
    return DateRange(date(year, 1, 1), date(year, 12, 31))
