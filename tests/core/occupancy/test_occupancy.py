"""Spells, under-occupancy, vouchers and expected cost, each against hand values."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from amp.core.occupancy import (
    Contract,
    ExitReason,
    FlowEvent,
    FlowKind,
    PlanLineRef,
    Voucher,
    VoucherGoal,
    VoucherKind,
    expected_costs,
    monthly_flows,
    occupancy,
    spells,
    under_occupied,
    voucher_status,
)
from amp.core.periods import Month

ENTRY, EXIT = FlowKind.ENTRY, FlowKind.EXIT


def ev(i: str, person: str, kind: FlowKind, day: date, reason: ExitReason | None = None):
    return FlowEvent(i, person, "m", kind, day, reason)


def test_a_person_entering_twice_has_two_spells_and_a_stray_exit_is_reported() -> None:
    events = [
        ev("3", "p", ENTRY, date(2024, 5, 1)),
        ev("1", "p", ENTRY, date(2024, 1, 1)),
        ev("2", "p", EXIT, date(2024, 2, 29), ExitReason.REGULAR),
        ev("0", "p", EXIT, date(2023, 12, 1), ExitReason.DROPOUT),
        ev("9", "q", EXIT, date(2024, 3, 1), ExitReason.DROPOUT),
    ]
    found, unmatched = spells(events)
    assert sorted((s.start, s.end) for s in found) == [
        (date(2024, 1, 1), date(2024, 2, 29)),
        (date(2024, 5, 1), None),
    ]
    assert sorted(e.id for e in unmatched) == ["0", "9"]


def test_participant_days_equal_a_day_by_day_count() -> None:
    rng = random.Random(7)
    events = []
    for n in range(200):
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(300))
        events.append(ev(f"e{n}", f"p{n}", ENTRY, start))
        if rng.random() < 0.7:
            end = start + timedelta(days=rng.randrange(120))
            events.append(ev(f"x{n}", f"p{n}", EXIT, end, ExitReason.REGULAR))
    rng.shuffle(events)
    summary = monthly_flows(events, Month(2024, 1), Month(2024, 12))
    found, _ = spells(events)
    for row in summary.months["m"]:
        day, expected = row.month.first_day, 0
        while day <= row.month.last_day:
            expected += sum(1 for s in found if s.start <= day and (s.end is None or day <= s.end))
            day += timedelta(days=1)
        assert row.participant_days == expected, row.month


def test_under_occupancy_for_three_months_in_a_row() -> None:
    contract = Contract(
        "V",
        "m",
        date(2024, 1, 1),
        date(2024, 12, 31),
        Decimal(1),
        places=10,
        awarded_on=date(2023, 12, 1),
    )
    # 9 people all year: 90 %; 4 leave on 31.05.: 50 % from June on
    events = [ev(f"e{n}", f"p{n}", ENTRY, date(2024, 1, 1)) for n in range(9)]
    events += [ev(f"x{n}", f"p{n}", EXIT, date(2024, 5, 31), ExitReason.DROPOUT) for n in range(4)]
    table = occupancy([contract], events, Month(2024, 1), Month(2024, 12))
    assert under_occupied(table, date(2024, 8, 15)) == []  # June, July: only two months
    alerts = under_occupied(table, date(2024, 8, 31))
    assert [str(m.month) for m in alerts[0].months] == ["2024-06", "2024-07", "2024-08"]
    assert under_occupied(table, date(2024, 8, 31), threshold=Decimal(50)) == []


def test_vouchers_against_the_plan_by_quarter() -> None:
    goals = [VoucherGoal(VoucherKind.BGS, "lager", "Lager", 4, (1, 1, 1, 1))]
    vouchers = [
        Voucher("1", "a", VoucherKind.BGS, "lager", date(2024, 1, 10), date(2024, 1, 20)),
        Voucher("2", "b", VoucherKind.BGS, "lager", date(2024, 2, 1), None, date(2024, 5, 1)),
        Voucher("3", "c", VoucherKind.BGS, "lager", date(2024, 4, 2), date(2024, 5, 2)),
        Voucher("4", "d", VoucherKind.BGS, "pflege", date(2024, 4, 2)),
        Voucher("5", "e", VoucherKind.BGS, "lager", date(2023, 12, 2)),
    ]
    rows = voucher_status(goals, vouchers, 2024, date(2024, 6, 30))
    lager, pflege = rows
    assert (lager.year.issued, lager.year.redeemed, lager.year.expired, lager.year.open) == (
        3,
        2,
        1,
        0,
    )
    assert lager.year.redemption_rate is not None
    assert round(lager.year.redemption_rate, 2) == Decimal("66.67")
    assert lager.year.mean_delay == Decimal(20)  # (10 + 30) / 2
    assert [q.issued for q in lager.quarters] == [2, 1, 0, 0]
    assert [q.planned for q in lager.quarters] == [1, 1, 1, 1]
    assert (pflege.goal.planned, pflege.year.issued) == (0, 1)


def test_expected_cost_feeds_the_plan_line_and_places_without_measure_show() -> None:
    lines = [
        PlanLineRef("asa", "AsA", "asa", Decimal(200000), 35, measures=("asaflex",)),
        PlanLineRef("akt", "Aktivierung", "aktivierung", Decimal(500000), 650, True),
        PlanLineRef("egz", "EGZ", "egz", Decimal(9)),
    ]
    contracts = [
        Contract("A", "asaflex", date(2023, 9, 1), date(2024, 8, 31), Decimal(500), places=35),
        Contract(
            "B", "x", date(2024, 7, 1), date(2025, 6, 30), Decimal(100), places=10, line="akt"
        ),
    ]
    result = {c.line.id: c for c in expected_costs(lines, contracts, 2024)}
    assert set(result) == {"asa", "akt"}
    assert result["asa"].expected == Decimal(35 * 500 * 8)
    assert result["asa"].difference == Decimal(200000 - 140000)
    assert not result["asa"].places_without_measure
    assert result["akt"].expected == Decimal(10 * 100 * 6)
    assert result["akt"].places_without_measure
