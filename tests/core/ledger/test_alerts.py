"""The alerts of a Stand, on a ledger worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amp.core.findings import Severity
from amp.core.ledger import (
    AccountMapping,
    Booking,
    Commitment,
    CommitmentStatus,
    Ledger,
    LedgerLine,
    MappingRule,
)
from amp.core.ledger.alerts import AlertKind, alerts
from amp.core.ledger.position import Tolerance
from amp.core.ledger.steering import steer
from amp.core.periods import Month

D = Decimal
LINES = (
    LedgerLine("agh", "Arbeitsgelegenheiten", "agh"),
    LedgerLine("fbw", "Weiterbildung", "fbw"),
    LedgerLine("egz", "Eingliederungszuschüsse", "egz"),
)


def _ledger(extra: tuple[Booking, ...] = ()) -> Ledger:
    bookings = [
        # agh: 120.000 by June of a 100.000 plan: runs short, free is negative
        *(Booking(f"A{m}", date(2024, m, 15), D(20000), "0681.20") for m in range(1, 7)),
        # fbw: 1.000 by June of a 100.000 plan: stays over
        Booking("F1", date(2024, 3, 15), D(1000), "0681.30"),
        # egz: 50.000 by June of 100.000
        *(Booking(f"E{m}", date(2024, m, 15), D(8333), "0681.40") for m in range(1, 7)),
        *extra,
    ]
    commitments = (
        Commitment(
            "V1", "agh", date(2024, 1, 2), CommitmentStatus.BOUND, {Month(2024, 9): D(3000)}
        ),
    )
    return Ledger(
        lines=LINES,
        plans={2024: {"agh": D(100000), "fbw": D(100000), "egz": D(100000)}},
        bookings=tuple(bookings),
        commitments=commitments,
        mapping=AccountMapping(
            (
                MappingRule("0681.20", "agh"),
                MappingRule("0681.30", "fbw"),
                MappingRule("0681.40", "egz"),
            )
        ),
    )


def test_short_over_availability_and_unmapped_worst_first() -> None:
    unmapped = (Booking("X1", date(2024, 5, 2), D(500), "9999.99"),)
    s = steer(_ledger(unmapped), 2024, date(2024, 6, 30))
    result = alerts(s, Tolerance(absolute=D(10000)))
    kinds = [(a.severity, a.kind, a.line) for a in result]
    # errors first (line order, then the position's findings), then warnings
    assert kinds[0] == (Severity.ERROR, AlertKind.SHORT, "agh")
    assert (Severity.ERROR, AlertKind.UNMAPPED, None) in kinds
    assert (Severity.WARNING, AlertKind.OVER, "fbw") in kinds
    # agh: actual 120.000 + open 3.000 − plan 100.000 = 23.000 over, beyond 10.000 tolerance
    availability = next(a for a in result if a.kind is AlertKind.AVAILABILITY)
    assert availability.severity is Severity.ERROR
    assert "23.000,00 €" in availability.message
    unmapped_alert = next(a for a in result if a.kind is AlertKind.UNMAPPED)
    assert "9999.99" in unmapped_alert.message
    severities = [a.severity for a in result]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
    assert severities == sorted(severities, key=order.__getitem__)
    assert not any(a.line == "egz" and a.kind is not AlertKind.PACE for a in result)


def test_within_tolerance_is_a_warning() -> None:
    s = steer(_ledger(), 2024, date(2024, 6, 30))
    availability = next(
        a for a in alerts(s, Tolerance(absolute=D(30000))) if a.kind is AlertKind.AVAILABILITY
    )
    assert availability.severity is Severity.WARNING
    assert "innerhalb der Toleranz" in availability.message


def test_a_quiet_ledger_has_no_alerts() -> None:
    ledger = Ledger(
        lines=LINES[:1],
        plans={2024: {"agh": D(120000)}},
        bookings=tuple(
            Booking(f"A{m}", date(2024, m, 15), D(10000), "0681.20") for m in range(1, 7)
        ),
        mapping=AccountMapping((MappingRule("0681.20", "agh"),)),
    )
    assert alerts(steer(ledger, 2024, date(2024, 6, 30))) == ()
