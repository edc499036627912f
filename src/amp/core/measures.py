"""Measures (Maßnahmen, Projekte, Lose): tendered offers with a provider, periods and places."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from amp.core.periods import DateRange


@dataclass(frozen=True, slots=True)
class ContractPeriod:
    """One contract period; a measure may run several (lots, renewals, options)."""

    start: date
    end: date | None = None  # None: open-ended, see `open_end`
    end_alternative: date | None = None  # "… bzw. 31.03.2024"
    open_end: str | None = None  # e.g. "bis Ende Ausbildung"
    lot: str | None = None  # "Los 1"
    option: bool = False  # an option not yet drawn

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError("das Vertragsende liegt vor dem Beginn")

    @property
    def range(self) -> DateRange:
        return DateRange(self.start, self.end_alternative or self.end)


@dataclass(frozen=True, slots=True)
class Places:
    """Available places: exact, approximate ("~ 140") or hour-based ("stundenbasiert")."""

    value: int | None = None
    approximate: bool = False
    hour_based: bool = False
    # set when the document lost the figure and it was inferred, saying from what
    inferred_from: str | None = None

    def __post_init__(self) -> None:
        if self.value is not None and self.value < 0:
            raise ValueError("die Platzzahl darf nicht negativ sein")


@dataclass(frozen=True, slots=True)
class Retender:
    """A planned new tender (Neuausschreibung) that continues the measure."""

    planned_from: date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    name: str
    legal_basis: str
    places: Places
    provider: str | None = None  # Träger that runs the measure
    audience: str | None = None  # "Zielgruppe: …" as the table describes it
    content: str | None = None
    duration: str | None = None  # as printed, e.g. "6 bis max. 9 Monate"
    duration_months_max: int | None = None
    contract_periods: tuple[ContractPeriod, ...] = ()
    category: str | None = None  # the measure's main aim (Hauptziel), a table category id
    target_group: str | None = None  # budget target group, where the plan assigns one
    retender: Retender | None = None
    successor: str | None = None  # measure id this one passes into ("Übergang in § 16k")
    note: str | None = None

    def runs_in(self, year: int) -> bool:
        span = DateRange(date(year, 1, 1), date(year, 12, 31))
        return any(p.range.overlaps(span) for p in self.contract_periods)


@dataclass(frozen=True, slots=True)
class MeasureCategory:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class MeasureTable:
    id: str
    title: str
    measures: tuple[Measure, ...]
    as_of: date | None = None
    categories: tuple[MeasureCategory, ...] = ()
    printed_total_places: int | None = None
    total_label: str | None = None
    total_excludes: tuple[str, ...] = ()  # measure ids the printed total leaves out
    note: str | None = None

    def counted(self) -> Iterator[Measure]:
        """The measures the table's total counts."""
        return (m for m in self.measures if m.id not in self.total_excludes)
