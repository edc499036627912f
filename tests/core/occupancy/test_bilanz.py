"""The Eingliederungsbilanz of a tiny hand-made Jobcenter equals the hand values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amp.core.money import round_half_up
from amp.core.occupancy import ExitReason, FlowEvent, FlowKind
from amp.core.occupancy.bilanz import InstrumentPlan, bilanz

E, X = FlowKind.ENTRY, FlowKind.EXIT


def test_tiny_bilanz_equals_hand_values() -> None:
    events = [
        # A: woman, LZB, not u25; 01.01.–30.06.2023 (181 days), leaves into work, in svB after
        FlowEvent("1", "A", "m1", E, date(2023, 1, 1), woman=True, long_term=True, under_25=False),
        FlowEvent(
            "2", "A", "m1", X, date(2023, 6, 30), ExitReason.INTEGRATION, employed_after=True
        ),
        # B: man, not LZB, u25; 01.07.–31.12.2023 (184 days), regular end, not in svB after
        FlowEvent("3", "B", "m1", E, date(2023, 7, 1), woman=False, long_term=False, under_25=True),
        FlowEvent("4", "B", "m1", X, date(2023, 12, 31), ExitReason.REGULAR, employed_after=False),
        # C: entered in 2022 (no entry of 2023), drops out 28.02.2023 (59 days), status unknown
        FlowEvent("5", "C", "m1", E, date(2022, 11, 1), woman=True, long_term=True),
        FlowEvent("6", "C", "m1", X, date(2023, 2, 28), ExitReason.DROPOUT),
        # an assignment counts for nothing here; a measure of no instrument is left out
        FlowEvent("7", "D", "m1", FlowKind.ASSIGNMENT, date(2023, 3, 1)),
        FlowEvent("8", "E", "other", E, date(2023, 3, 1), woman=True),
    ]
    plans = [
        InstrumentPlan("aktivierung", "Aktivierung", Decimal(10000), places=2),
        InstrumentPlan("egz", "EGZ", Decimal(5000)),
    ]
    spending = {"aktivierung": Decimal(8000), "egz": Decimal(6000)}
    result = bilanz(2023, date(2024, 6, 30), plans, spending, events, {"m1": "aktivierung"})
    akt, egz = result.rows
    assert (akt.entries, akt.exits, akt.integrations, akt.observed_exits) == (2, 3, 1, 3)
    assert round_half_up(akt.average_stock) == Decimal("1.16")  # (181 + 184 + 59) / 365
    assert (akt.women.count, akt.women.known) == (1, 2)
    assert (akt.long_term.count, akt.long_term.known) == (1, 2)
    assert (akt.under_25.count, akt.under_25.known) == (1, 2)
    assert (akt.employed_after.count, akt.employed_after.known) == (1, 2)
    assert akt.employed_after.percent == Decimal(50)
    assert akt.cost_per_entry == Decimal(4000)
    assert akt.cost_per_integration == Decimal(8000)
    assert akt.spending_share_of_plan == Decimal(80)
    assert akt.stock_against_places is not None
    assert round_half_up(akt.stock_against_places) == Decimal("58.08")
    assert (egz.entries, egz.cost_per_entry, egz.women.percent) == (0, None, None)
    assert result.total_spending == Decimal(14000)
    assert result.total_plan == Decimal(15000)
    share = result.share_of_spending(akt)
    assert share is not None
    assert round_half_up(share) == Decimal("57.14")
    # half a year earlier B's six months are not over: only A and C are observed
    early = bilanz(2023, date(2024, 6, 29), plans, spending, events, {"m1": "aktivierung"})
    assert early.rows[0].observed_exits == 2
    assert (early.rows[0].employed_after.count, early.rows[0].employed_after.known) == (1, 1)
