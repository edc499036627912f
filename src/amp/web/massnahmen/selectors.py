"""What the measure screens read and who may see it: the permission filters, the stored rows
as core records (kept in memory per stamp), the plan and ledger they are read against, and
`free_places` for the offer finder.

Steering roles read everything; Planung and Administration import. Integrationsfachkräfte
and Fallmanagement read the free places only. Anyone else gets 404: the Jobcenter's
existence stays hidden.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.http import Http404

from amp.core.ledger.model import Ledger
from amp.core.occupancy import (
    Contract,
    ContractOption,
    ExitReason,
    FlowEvent,
    FlowKind,
    FreePlaces,
    PriceBasis,
    Voucher,
    VoucherKind,
    free_places_known,
)
from amp.core.problems import InputProblems
from amp.io.occupancy.context import Context
from amp.io.occupancy.store import MeasureData
from amp.web.massnahmen.models import ContractRow, FlowRow, MeasureStore, VoucherRow
from amp.web.plans.models import (
    STEERING_EDITORS,
    STEERING_ROLES,
    Jobcenter,
    Membership,
    PlanVersion,
    Role,
)
from amp.web.plans.selectors import AnyUser

EDITORS = STEERING_EDITORS
FREE_PLACE_READERS = (*STEERING_ROLES, Role.INTEGRATION, Role.FALLMANAGEMENT)


@dataclass(frozen=True)
class Access:
    jobcenter: Jobcenter
    year: int
    role: str
    version: PlanVersion | None  # the plan version of the year (None only for free places)

    @property
    def can_edit(self) -> bool:
        return self.role in EDITORS

    @property
    def steering(self) -> bool:
        return self.role in STEERING_ROLES


def access(user: AnyUser, code: str, year: int, free_places_only: bool = False) -> Access:
    """The user's access to the measures of a Jobcenter and year. Steering screens need a
    steering role and a plan of the year; the free places any role that reads them."""
    from amp.web.vollzug.selectors import plan_version

    if not user.is_authenticated or not 1900 <= year <= 9999:
        raise Http404("Diese Seite gibt es nicht.")
    roles = FREE_PLACE_READERS if free_places_only else STEERING_ROLES
    membership = (
        Membership.objects.filter(user=user, jobcenter__code=code, role__in=roles)
        .select_related("jobcenter")
        .first()
    )
    if membership is None:
        raise Http404("Diese Seite gibt es nicht.")
    version = plan_version(user, membership.jobcenter, year)
    if version is None and not free_places_only:
        raise Http404("Für dieses Jahr gibt es keinen Plan.")
    return Access(membership.jobcenter, year, membership.role, version)


def store_for(jobcenter: Jobcenter) -> MeasureStore | None:
    return MeasureStore.objects.filter(jobcenter=jobcenter).first()


# ---------------------------------------------------------------- rows ↔ core records


def contract(row: ContractRow) -> Contract:
    return Contract(
        row.source_id,
        row.measure,
        row.start,
        row.end,
        Decimal(row.price),
        PriceBasis(row.basis),
        row.places,
        row.hours_per_month,
        row.lot or None,
        row.provider or None,
        tuple(s.strip() for s in row.sites.split(";") if s.strip()),
        tuple(
            ContractOption(
                date.fromisoformat(o["ende"]), date.fromisoformat(o["frist"]), bool(o["gezogen"])
            )
            for o in row.options
        ),
        row.line or None,
        row.awarded_on,
        row.name or None,
    )


def flow(row: FlowRow) -> FlowEvent:
    return FlowEvent(
        row.source_id,
        row.person,
        row.measure,
        FlowKind(row.kind),
        row.day,
        ExitReason(row.reason) if row.reason else None,
        row.contract or None,
        row.woman,
        row.long_term,
        row.under_25,
        row.employed_after,
        row.synthetic,
    )


def voucher(row: VoucherRow) -> Voucher:
    return Voucher(
        row.source_id,
        row.person,
        VoucherKind(row.kind),
        row.goal,
        row.issued,
        row.redeemed,
        row.valid_until,
        row.synthetic,
    )


KEPT = 16
_kept: OrderedDict[str, MeasureData] = OrderedDict()
_lock = threading.Lock()


def measure_data(jobcenter: Jobcenter) -> MeasureData:
    """The Jobcenter's contracts, flows and vouchers as core records; kept per process by
    the store's stamp (any change makes a new stamp, so nothing is served stale)."""
    from pathlib import Path

    store = store_for(jobcenter)
    if store is None:
        return MeasureData(Path("massnahmen"), (), (), ())
    key = str(store.stamp)
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    data = MeasureData(
        Path("massnahmen"),
        tuple(contract(r) for r in ContractRow.objects.filter(store=store)),
        tuple(flow(r) for r in FlowRow.objects.filter(store=store).iterator(chunk_size=5000)),
        tuple(voucher(r) for r in VoucherRow.objects.filter(store=store)),
    )
    with _lock:
        _kept[key] = data
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return data


def ledger(jobcenter: Jobcenter, year: int, version: PlanVersion) -> Ledger | None:
    """The year's ledger from the Vollzug, where one is recorded and fits the plan."""
    from amp.web.vollzug.models import LedgerRecord
    from amp.web.vollzug.selectors import core_ledger

    record = LedgerRecord.objects.filter(jobcenter=jobcenter, year=year).first()
    if record is None:
        return None
    try:
        return core_ledger(record, version).ledger
    except InputProblems:
        return None


def context(a: Access) -> Context:
    assert a.version is not None
    return Context(
        a.version.core_plan(), measure_data(a.jobcenter), ledger(a.jobcenter, a.year, a.version)
    )


def stand(data: MeasureData, year: int) -> date:
    """The day the screens look at: the last day in the data, within the year (the year's
    last day for a past year, its first for a year still to come)."""
    days = [e.day for e in data.events] + [v.issued for v in data.vouchers]
    days += [v.redeemed for v in data.vouchers if v.redeemed is not None]
    last = max(days, default=datetime.now(tz=ZoneInfo("Europe/Berlin")).date())
    return min(max(last, date(year, 1, 1)), date(year, 12, 31))


def free_places(jobcenter: Jobcenter, on: date) -> dict[str, FreePlaces]:
    """Free places per measure of the Jobcenter on `on` (for the offer finder), with the
    Stand of the flows: a day after the last imported flow is not known better than it."""
    data = measure_data(jobcenter)
    return free_places_known(data.contracts, data.events, on)
