"""Target agreements (Zielvereinbarungen nach § 48b SGB II) between a Land and its Jobcenters:
the agreed indicators, progress against the target, the projection to the year's end, the
quarterly follow-up (Zielnachhaltung), the comparison within Vergleichstypen and the money
and places a Jobcenter's forecast leaves unused. Pure domain: standard library only."""

from amp.core.agreements.comparison import ComparisonEntry, Ranked, TypeComparison, compare
from amp.core.agreements.model import (
    INDICATORS,
    Agreement,
    Direction,
    Indicator,
    PlanningDocument,
    indicator,
)
from amp.core.agreements.progress import (
    STATUS_LABELS,
    Progress,
    QuarterStatus,
    Status,
    follow_up,
    progress,
)
from amp.core.agreements.unused import LineUse, UnusedSummary, line_use, unused_summary

__all__ = [
    "INDICATORS",
    "STATUS_LABELS",
    "Agreement",
    "ComparisonEntry",
    "Direction",
    "Indicator",
    "LineUse",
    "PlanningDocument",
    "Progress",
    "QuarterStatus",
    "Ranked",
    "Status",
    "TypeComparison",
    "UnusedSummary",
    "compare",
    "follow_up",
    "indicator",
    "line_use",
    "progress",
    "unused_summary",
]
