"""Builds contracts and flow events from a case file (tests/core/occupancy/cases)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from amp.core.occupancy import (
    Contract,
    ContractOption,
    ExitReason,
    FlowEvent,
    FlowKind,
    PriceBasis,
)
from amp.core.periods import Month


def month(text: object) -> Month:
    year, number = str(text).split("-")
    return Month(int(year), int(number))


def contracts(case: dict[str, Any]) -> list[Contract]:
    result = []
    for c in case.get("contracts") or []:
        result.append(
            Contract(
                id=c["id"],
                measure=c["measure"],
                start=c["start"],
                end=c["end"],
                price=Decimal(c["price"]),
                basis=PriceBasis(c.get("basis", "teilnehmermonat")),
                places=c.get("places"),
                hours_per_month=c.get("hours_per_month"),
                lot=c.get("lot"),
                awarded_on=c.get("awarded_on"),
                options=tuple(
                    ContractOption(o["end"], o["draw_by"], o.get("drawn", False))
                    for o in c.get("options") or []
                ),
            )
        )
    return result


def events(case: dict[str, Any]) -> list[FlowEvent]:
    return [
        FlowEvent(
            e["id"],
            e["person"],
            e["measure"],
            FlowKind(e["kind"]),
            e["day"] if isinstance(e["day"], date) else date.fromisoformat(e["day"]),
            ExitReason(e["reason"]) if e.get("reason") else None,
        )
        for e in case.get("events") or []
    ]
