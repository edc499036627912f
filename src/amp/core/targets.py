"""Targets (Ziele) of the plan year, e.g. 3.250 Integrationen after ca. 3.000."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from amp.core.claims import Qualifier


@dataclass(frozen=True, slots=True)
class Baseline:
    year: int
    value: Decimal
    qualifier: Qualifier = Qualifier.EXAKT
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    indicator: str  # e.g. "integrationen", "lzb_bestand"; matches the § 48a figure where one exists
    label: str
    year: int
    value: Decimal | None = None  # None for a qualitative target
    qualifier: Qualifier = Qualifier.EXAKT
    unit: str | None = None
    baseline: Baseline | None = None
    statement: str | None = None  # the target as the document words it
