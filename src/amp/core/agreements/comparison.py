"""The comparison of Jobcenters within their Vergleichstyp.

The SGB II Vergleichstypen (IAB, since February 2014: 15 types; § 2 Abs. 3 and § 7
of the Kennzahlen-Verordnung) group Jobcenters with similar conditions they cannot
influence in the medium term, so that results are compared only among like Jobcenters
(sources: sgb2.info, „SGB II-Vergleichstypen“; IAB project 1464777). A Land compares its
Jobcenters of one type: rank (1 = best in the indicator's direction; equal values share a
rank), the unweighted mean of the type's Jobcenters in the Land and each one's distance to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from amp.core.agreements.model import Direction, Indicator
from amp.core.agreements.progress import round_one

ROMAN = {"I": 1, "V": 5, "X": 10}
TYPE_RE = re.compile(r"^([IVX]+)(.*)$")


def type_order(kind: str) -> tuple[int, str]:
    """Vergleichstypen in their published order: Ia, Ib, …, IIa, …, IIIa, … (Roman number,
    then the letter); other names after them, alphabetically."""
    match = TYPE_RE.match(kind)
    if match is None:
        return (1000, kind)
    numerals = [ROMAN[c] for c in match.group(1)]
    value = sum(
        -n if i + 1 < len(numerals) and n < numerals[i + 1] else n for i, n in enumerate(numerals)
    )
    return (value, match.group(2))


@dataclass(frozen=True, slots=True)
class ComparisonEntry:
    jobcenter: str
    name: str
    comparison_type: str
    value: Decimal | None  # None: suppressed or not reported


@dataclass(frozen=True, slots=True)
class Ranked:
    entry: ComparisonEntry
    rank: int | None  # None without a value
    deviation: Decimal | None  # value − mean of the type


@dataclass(frozen=True, slots=True)
class TypeComparison:
    comparison_type: str
    mean: Decimal | None
    best: Decimal | None
    worst: Decimal | None
    rows: tuple[Ranked, ...]  # best first; Jobcenters without a value last, by name

    @property
    def counted(self) -> int:
        return sum(1 for r in self.rows if r.rank is not None)


def compare(indicator: Indicator, entries: Iterable[ComparisonEntry]) -> tuple[TypeComparison, ...]:
    """One comparison per Vergleichstyp, the types in their published order."""
    by_type: dict[str, list[ComparisonEntry]] = {}
    for entry in entries:
        by_type.setdefault(entry.comparison_type, []).append(entry)
    reverse = indicator.direction is Direction.HIGHER
    out: list[TypeComparison] = []
    for kind in sorted(by_type, key=type_order):
        members = by_type[kind]
        valued = sorted(
            (e for e in members if e.value is not None),
            key=lambda e: (-(e.value or 0) if reverse else (e.value or 0), e.name),
        )
        missing = sorted((e for e in members if e.value is None), key=lambda e: e.name)
        values = [e.value for e in valued if e.value is not None]
        mean = round_one(sum(values, Decimal(0)) / len(values)) if values else None
        rows: list[Ranked] = []
        for position, entry in enumerate(valued, start=1):
            rank = position
            if rows and rows[-1].entry.value == entry.value:
                rank = rows[-1].rank or position
            assert entry.value is not None
            assert mean is not None
            rows.append(Ranked(entry, rank, entry.value - mean))
        rows.extend(Ranked(e, None, None) for e in missing)
        out.append(
            TypeComparison(
                kind,
                mean,
                values[0] if values else None,
                values[-1] if values else None,
                tuple(rows),
            )
        )
    return tuple(out)
