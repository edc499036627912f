"""Measure and voucher controlling during the year: contracts and lots with options,
pseudonymous participant flows, occupancy per measure and month, the tender calendar,
vouchers against the plan, expected cost against the plan line, and the
Eingliederungsbilanz (§ 54 SGB II).

Pure domain logic: no file format, no database. Readers live in `amp.io.occupancy`.
"""

from amp.core.occupancy.costs import LineCost, PlanLineRef, expected_costs
from amp.core.occupancy.flows import MonthFlows, Spell, monthly_flows, spells
from amp.core.occupancy.model import (
    Contract,
    ContractOption,
    ExitReason,
    FlowEvent,
    FlowKind,
    PriceBasis,
    Voucher,
    VoucherKind,
)
from amp.core.occupancy.occupancy import (
    FreePlaces,
    MonthOccupancy,
    UnderOccupancy,
    YearOccupancy,
    free_places,
    free_places_known,
    occupancy,
    under_occupied,
)
from amp.core.occupancy.tenders import (
    OptionDue,
    TenderItem,
    TenderStatus,
    options_due,
    tender_alerts,
    tender_calendar,
)
from amp.core.occupancy.vouchers import VoucherGoal, VoucherRow, voucher_status

__all__ = [
    "Contract",
    "ContractOption",
    "ExitReason",
    "FlowEvent",
    "FlowKind",
    "FreePlaces",
    "LineCost",
    "MonthFlows",
    "MonthOccupancy",
    "OptionDue",
    "PlanLineRef",
    "PriceBasis",
    "Spell",
    "TenderItem",
    "TenderStatus",
    "UnderOccupancy",
    "Voucher",
    "VoucherGoal",
    "VoucherKind",
    "VoucherRow",
    "YearOccupancy",
    "expected_costs",
    "free_places",
    "free_places_known",
    "monthly_flows",
    "occupancy",
    "options_due",
    "spells",
    "tender_alerts",
    "tender_calendar",
    "under_occupied",
    "voucher_status",
]
