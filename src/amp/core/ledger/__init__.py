"""The ledger of a Jobcenter's year: bookings (Ist), commitments (Bindungen), funds, and
per plan line and month what is planned, spent, bound and still free.

Pure domain logic: no file format, no database. Readers live in `amp.io.ledger`.
"""

from amp.core.ledger.model import (
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
from amp.core.ledger.position import (
    LinePosition,
    MonthPosition,
    Pace,
    Tolerance,
    YearPosition,
    check_availability,
    position,
)

__all__ = [
    "AccountMapping",
    "Booking",
    "Commitment",
    "CommitmentStatus",
    "Fund",
    "FundEntry",
    "FundEntryKind",
    "Ledger",
    "LedgerLine",
    "LinePosition",
    "MappingRule",
    "MonthPosition",
    "Pace",
    "Tolerance",
    "YearPosition",
    "check_availability",
    "position",
]
