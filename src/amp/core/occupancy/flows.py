"""Participant flows per measure and month: spells of participation from Eintritt to
Austritt, participant-days, the stock, Zuweisungen, Nichtantritte and exits by reason.

The aggregation is order-independent (an export need not be sorted) and does constant work
per event: spells become +1/−1 changes per measure and day, summed once per measure.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from amp.core.occupancy.model import ExitReason, FlowEvent, FlowKind
from amp.core.periods import Month

_ASSIGN, _ENTRY, _NO_SHOW, _EXIT_REG, _EXIT_DROP, _EXIT_INT = range(6)
_SLOT = {
    FlowKind.ASSIGNMENT: _ASSIGN,
    FlowKind.ENTRY: _ENTRY,
    FlowKind.NO_SHOW: _NO_SHOW,
}
_EXIT_SLOT = {
    ExitReason.REGULAR: _EXIT_REG,
    ExitReason.DROPOUT: _EXIT_DROP,
    ExitReason.INTEGRATION: _EXIT_INT,
}


@dataclass(frozen=True, slots=True)
class Spell:
    """One stay of a person in a measure: from the Eintritt to the Austritt (both days
    count), open (`end` None) while no Austritt is known."""

    person: str
    measure: str
    start: date
    end: date | None
    entry: FlowEvent
    exit: FlowEvent | None


@dataclass(frozen=True, slots=True)
class MonthFlows:
    """What happened in one measure in one month."""

    measure: str
    month: Month
    participant_days: int  # days of participation in the month, Eintritt and Austritt included
    stock_end: int  # participants present on the last day of the month
    assignments: int = 0
    entries: int = 0
    no_shows: int = 0
    exits_regular: int = 0
    exits_dropout: int = 0
    exits_integration: int = 0

    @property
    def days(self) -> int:
        return calendar.monthrange(self.month.year, self.month.month)[1]

    @property
    def exits(self) -> int:
        return self.exits_regular + self.exits_dropout + self.exits_integration


@dataclass(frozen=True, slots=True)
class FlowSummary:
    months: dict[str, tuple[MonthFlows, ...]]  # measure → its months in order
    unmatched_exits: tuple[FlowEvent, ...] = field(default=())  # Austritt without Eintritt


def _serial(month: Month) -> int:
    return month.year * 12 + month.month - 1


def _month(serial: int) -> Month:
    return Month(serial // 12, serial % 12 + 1)


def _grouped(
    events: Iterable[FlowEvent],
) -> tuple[dict[tuple[str, str], list[FlowEvent]], dict[tuple[str, str], list[FlowEvent]]]:
    entries: dict[tuple[str, str], list[FlowEvent]] = {}
    exits: dict[tuple[str, str], list[FlowEvent]] = {}
    for e in events:
        if e.kind is FlowKind.ENTRY:
            entries.setdefault((e.person, e.measure), []).append(e)
        elif e.kind is FlowKind.EXIT:
            exits.setdefault((e.person, e.measure), []).append(e)
    return entries, exits


def _pair(
    starts: list[FlowEvent], ends: list[FlowEvent], unmatched: list[FlowEvent]
) -> list[tuple[FlowEvent, FlowEvent | None]]:
    """Each Eintritt with the first Austritt on or after it and before the next Eintritt
    (one person, one measure); Austritte left over go to `unmatched`."""
    if len(starts) == 1 and len(ends) <= 1 and (not ends or ends[0].day >= starts[0].day):
        return [(starts[0], ends[0] if ends else None)]
    starts = sorted(starts, key=lambda x: x.day)
    ends = sorted(ends, key=lambda x: x.day)
    pairs: list[tuple[FlowEvent, FlowEvent | None]] = []
    j = 0
    for i, entry in enumerate(starts):
        while j < len(ends) and ends[j].day < entry.day:
            unmatched.append(ends[j])
            j += 1
        following = starts[i + 1].day if i + 1 < len(starts) else None
        if j < len(ends) and (following is None or ends[j].day < following):
            pairs.append((entry, ends[j]))
            j += 1
        else:
            pairs.append((entry, None))
    unmatched.extend(ends[j:])
    return pairs


def spells(events: Iterable[FlowEvent]) -> tuple[list[Spell], list[FlowEvent]]:
    """Pairs each Eintritt with the person's next Austritt from the same measure. Returns
    the spells and the exits without an entry before them."""
    entries, exits = _grouped(events)
    result: list[Spell] = []
    unmatched: list[FlowEvent] = []
    for key, starts in entries.items():
        for entry, end in _pair(starts, exits.pop(key, []), unmatched):
            last = end.day if end is not None else None
            result.append(Spell(key[0], key[1], entry.day, last, entry, end))
    for rest in exits.values():
        unmatched.extend(rest)
    return result, unmatched


def monthly_flows(events: Iterable[FlowEvent], first: Month, last: Month) -> FlowSummary:
    """Participant-days, stock and event counts per measure for every month first..last."""
    items = events if isinstance(events, list | tuple) else list(events)
    lo, hi = _serial(first), _serial(last)
    counts: dict[tuple[str, int], list[int]] = {}
    serials: dict[date, int] = {}  # events share few days: compute each day's month once
    entries: dict[tuple[str, str], list[FlowEvent]] = {}
    exits: dict[tuple[str, str], list[FlowEvent]] = {}
    entry_kind, exit_kind = FlowKind.ENTRY, FlowKind.EXIT
    for e in items:
        day, kind, measure = e.day, e.kind, e.measure
        serial = serials.get(day)
        if serial is None:
            serial = serials[day] = day.year * 12 + day.month - 1
        if kind is entry_kind:
            entries.setdefault((e.person, measure), []).append(e)
        elif kind is exit_kind:
            exits.setdefault((e.person, measure), []).append(e)
        if lo <= serial <= hi:
            slot = _EXIT_SLOT[e.reason] if e.reason is not None else _SLOT[kind]
            key = (measure, serial)
            row = counts.get(key)
            if row is None:
                row = counts[key] = [0, 0, 0, 0, 0, 0]
            row[slot] += 1
    changes: dict[str, dict[int, int]] = {}
    unmatched: list[FlowEvent] = []
    ordinals: dict[date, int] = {}
    for (person, measure), starts in entries.items():
        diff = changes.get(measure)
        if diff is None:
            diff = changes[measure] = {}
        for entry, end in _pair(starts, exits.pop((person, measure), []), unmatched):
            a = ordinals.get(entry.day)
            if a is None:
                a = ordinals[entry.day] = entry.day.toordinal()
            diff[a] = diff.get(a, 0) + 1
            if end is not None:
                b = ordinals.get(end.day)
                if b is None:
                    b = ordinals[end.day] = end.day.toordinal()
                diff[b + 1] = diff.get(b + 1, 0) - 1
    for rest in exits.values():
        unmatched.extend(rest)
    measures = sorted({m for m, _ in counts} | set(changes))
    result: dict[str, tuple[MonthFlows, ...]] = {}
    for measure in measures:
        result[measure] = tuple(_walk(measure, changes.get(measure, {}), counts, lo, hi))
    return FlowSummary(result, tuple(unmatched))


def _walk(
    measure: str, diff: dict[int, int], counts: dict[tuple[str, int], list[int]], lo: int, hi: int
) -> list[MonthFlows]:
    points = sorted(diff)
    start_day = _month(lo).first_day.toordinal()
    level = 0
    i = 0
    while i < len(points) and points[i] <= start_day:
        level += diff[points[i]]
        i += 1
    out: list[MonthFlows] = []
    for serial in range(lo, hi + 1):
        month = _month(serial)
        day = month.first_day.toordinal()
        end = month.last_day.toordinal()
        days = 0
        while i < len(points) and points[i] <= end:
            days += level * (points[i] - day)
            level += diff[points[i]]
            day = points[i]
            i += 1
        days += level * (end + 1 - day)
        row = counts.get((measure, serial), [0, 0, 0, 0, 0, 0])
        out.append(MonthFlows(measure, month, days, level, *row))
    return out


def present_on(events: Iterable[FlowEvent], day: date) -> dict[str, int]:
    """Participants per measure present on `day` (entered on or before, not yet left)."""
    result: dict[str, int] = {}
    found, _ = spells(events)
    for s in found:
        if s.start <= day and (s.end is None or day <= s.end):
            result[s.measure] = result.get(s.measure, 0) + 1
    return result


def pending_assignments(events: Iterable[FlowEvent], day: date) -> dict[str, int]:
    """Zuweisungen up to `day` not yet followed by an Eintritt or a Nichtantritt, per measure
    (each Eintritt or Nichtantritt settles the person's earliest open Zuweisung)."""
    open_: dict[tuple[str, str], int] = {}
    for e in events:
        if e.day > day:
            continue
        key = (e.person, e.measure)
        if e.kind is FlowKind.ASSIGNMENT:
            open_[key] = open_.get(key, 0) + 1
        elif e.kind in (FlowKind.ENTRY, FlowKind.NO_SHOW):
            open_[key] = open_.get(key, 0) - 1
    result: dict[str, int] = {}
    for (_, measure), n in open_.items():
        if n > 0:
            result[measure] = result.get(measure, 0) + n
    return result
