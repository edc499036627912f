"""Parameters of the indicator computation; defaults follow the sources in docs/kpi-daten.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Params:
    waiting_months: int = 3
    """Wartezeit: events recorded later than this many months after their month do not count,
    and event-based figures need this many months of data after the reporting month."""
    denominator_offset: int = 1
    """K2-type denominators average the eLb stock over months M-11-offset .. M-offset."""
    lzb_min_days: int = 638
    lzb_window_days: int = 730
    lzb_min_months: int = 21
    """Month-level approximation when no day-precise spells are given: 21 of 24 months."""
    lzb_window_months: int = 24
    continuity_months: int = 6
    """K2E3: sv employment in each of the six months after the integration."""
    u25_age: int = 25
    min_cell: int = 3
    """Published output suppresses cells of fewer than this many persons."""
