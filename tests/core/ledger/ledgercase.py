"""Builds a ledger from a readable test case (YAML, OpenFisca style)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from amp.core.ledger import (
    AccountMapping,
    Booking,
    Commitment,
    CommitmentStatus,
    Fund,
    FundEntry,
    FundEntryKind,
    Ledger,
    LedgerLine,
    MappingRule,
)
from amp.core.periods import Month


def month(text: str) -> Month:
    year, number = str(text).split("-")
    return Month(int(year), int(number))


def money(value: Any) -> Decimal:
    return Decimal(str(value))


def build(case: dict[str, Any]) -> Ledger:
    year = int(case["year"])
    lines = tuple(
        LedgerLine(
            line["id"],
            line.get("name", line["id"]),
            line.get("instrument", line["id"]),
            Fund(line.get("fund", "egt")),
            bool(line.get("mandatory", False)),
        )
        for line in case["lines"]
    )
    plans: dict[int, dict[str, Decimal]] = {year: {}}
    for line in case["lines"]:
        plans[year][line["id"]] = money(line.get("plan", 0))
        for other_year, amount in (line.get("plans") or {}).items():
            plans.setdefault(int(other_year), {})[line["id"]] = money(amount)
    return Ledger(
        lines=lines,
        plans=plans,
        bookings=tuple(
            Booking(
                str(b["id"]),
                b["day"],
                money(b["amount"]),
                str(b["account"]),
                b.get("cost_center"),
                b.get("measure"),
                b.get("commitment"),
                bool(b.get("one_off", False)),
            )
            for b in case.get("bookings") or ()
        ),
        commitments=tuple(
            Commitment(
                str(c["id"]),
                c["line"],
                c["day"],
                CommitmentStatus(c.get("status", "gebunden")),
                {month(k): money(v) for k, v in c["payments"].items()},
                c.get("measure"),
                c.get("closed_on"),
            )
            for c in case.get("commitments") or ()
        ),
        funds=tuple(
            FundEntry(
                str(f["id"]),
                f["day"],
                Fund(f.get("fund", "egt")),
                FundEntryKind(f["kind"]),
                money(f["amount"]),
            )
            for f in case.get("funds") or ()
        ),
        mapping=AccountMapping(
            tuple(
                MappingRule(str(r["account"]), r["line"], r.get("cost_center"))
                for r in case.get("mapping") or ()
            )
        ),
    )


def stand(case: dict[str, Any]) -> date:
    value = case["stand"]
    assert isinstance(value, date)
    return value
