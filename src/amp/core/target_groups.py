"""The distribution of the budget by target group (Zielgruppe / Zielsetzung).

Target groups are data: each Jobcenter names its own. Every budget line belongs to
exactly one target group; a group's amount is the sum of its lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from amp.core.budget import Column
from amp.core.money import Money, NonNegativeMoney


@dataclass(frozen=True, slots=True)
class TargetGroup:
    id: str
    name: str
    printed_amount: NonNegativeMoney | None = None
    printed_share: Money | None = None  # in percent, as printed (18.64)


@dataclass(frozen=True, slots=True)
class TargetGroupTable:
    title: str
    groups: tuple[TargetGroup, ...]
    column: Column = Column.PLAN
    base_label: str | None = None  # what 100 % is, e.g. "EgT zur Verfügung ohne PAT"
    printed_total_amount: NonNegativeMoney | None = None
    printed_total_share: Money | None = None
