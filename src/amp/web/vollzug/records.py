"""Core ledger records as plain JSON values (for a pending import in the session) and as
the fields of the stored rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from amp.core.ledger.model import Booking, Commitment, CommitmentStatus
from amp.core.periods import Month


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def booking_to_json(b: Booking) -> list[Any]:
    return [
        b.id,
        b.day.isoformat(),
        str(b.amount),
        b.account,
        b.cost_center,
        b.measure,
        b.commitment,
        b.one_off,
        b.text,
    ]


def booking_from_json(v: list[Any]) -> Booking:
    day = _day(v[1])
    assert day is not None
    return Booking(v[0], day, Decimal(v[2]), v[3], v[4], v[5], v[6], bool(v[7]), v[8])


def payments_to_json(c: Commitment) -> dict[str, str]:
    return {str(m): str(a) for m, a in sorted(c.payments.items())}


def payments_from_json(payments: dict[str, str]) -> dict[Month, Decimal]:
    result = {}
    for key, value in payments.items():
        year, month = key.split("-")
        result[Month(int(year), int(month))] = Decimal(value)
    return result


def commitment_to_json(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.id,
        "line": c.line,
        "day": c.day.isoformat(),
        "status": c.status.value,
        "payments": payments_to_json(c),
        "measure": c.measure,
        "closed_on": None if c.closed_on is None else c.closed_on.isoformat(),
    }


def commitment_from_json(v: dict[str, Any]) -> Commitment:
    day = _day(v["day"])
    assert day is not None
    return Commitment(
        v["id"],
        v["line"],
        day,
        CommitmentStatus(v["status"]),
        payments_from_json(v["payments"]),
        v["measure"],
        _day(v["closed_on"]),
    )


def booking_fields(b: Booking) -> dict[str, Any]:
    """The fields of a BookingRow besides ledger and source id."""
    return {
        "day": b.day,
        "amount": b.amount,
        "account": b.account,
        "cost_center": b.cost_center or "",
        "measure": b.measure or "",
        "commitment": b.commitment or "",
        "one_off": b.one_off,
        "text": b.text or "",
    }


def commitment_fields(c: Commitment) -> dict[str, Any]:
    return {
        "line": c.line,
        "day": c.day,
        "status": c.status.value,
        "measure": c.measure or "",
        "closed_on": c.closed_on,
        "payments": payments_to_json(c),
    }
