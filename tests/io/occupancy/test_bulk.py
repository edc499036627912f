"""The DuckDB aggregation for a Land's worth of flows gives the same months as the domain."""

from __future__ import annotations

import random
from datetime import date, timedelta

import duckdb

from amp.core.occupancy import ExitReason, FlowEvent, FlowKind, monthly_flows
from amp.core.periods import Month
from amp.io.occupancy.bulk import load_events, monthly_flows_sql


def _events(seed: int) -> list[FlowEvent]:
    rng = random.Random(seed)
    kinds = list(FlowKind)
    result = []
    for n in range(600):
        kind = rng.choice(kinds)
        reason = rng.choice(list(ExitReason)) if kind is FlowKind.EXIT else None
        day = date(2023, 10, 1) + timedelta(days=rng.randrange(500))
        # few people and measures: re-entries, exits without entry, several exits
        result.append(
            FlowEvent(str(n), f"p{rng.randrange(60)}", f"m{rng.randrange(4)}", kind, day, reason)
        )
    return result


def test_sql_and_python_give_the_same_months() -> None:
    for seed in range(3):
        events = _events(seed)
        con = duckdb.connect()
        load_events(
            con,
            [
                (e.person, e.measure, e.kind.value, e.day, e.reason and e.reason.value)
                for e in events
            ],
        )
        first, last = Month(2024, 1), Month(2024, 12)
        assert (
            monthly_flows_sql(con, first, last).months == monthly_flows(events, first, last).months
        )
