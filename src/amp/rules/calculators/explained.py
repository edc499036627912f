"""A calculator result: named values and the steps that lead to them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Step:
    label: str  # German, e.g. "Grundbetrag (50 % von 563 €)"
    value: Decimal
    unit: str  # "€", "%", "Monate"
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Explained:
    title: str
    steps: tuple[Step, ...]
    notes: tuple[str, ...] = ()

    def value(self, label_start: str) -> Decimal:
        return next(s.value for s in self.steps if s.label.startswith(label_start))
