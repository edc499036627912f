"""What the Vollzug screens read and who may see or change it: the permission filters, and
the conversion of the stored rows into the core ledger model (`amp.core.ledger`) with the
plan the ledger steers against.

Members of a Jobcenter read its Vollzug (Beirat against the published plan only); Planung
and Administration change it. Anyone else gets 404: the Jobcenter's existence stays hidden.
"""

from __future__ import annotations

import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.http import Http404

from amp.core.ledger.model import Booking, Commitment, CommitmentStatus, Ledger
from amp.core.ledger.steering import Steering, steer
from amp.core.plan import Plan
from amp.io.ledger.store import (
    CONFIG,
    LedgerConfig,
    LedgerDirectory,
    ledger_lines,
    plan_amounts,
    read_config,
)
from amp.web.plans.derived import document_digest
from amp.web.plans.models import (
    PUBLISHED,
    STEERING_ROLES,
    Jobcenter,
    Membership,
    PlanVersion,
    Role,
)
from amp.web.plans.selectors import AnyUser, visible_versions
from amp.web.vollzug.models import AccountRule, BookingRow, CommitmentRow, LedgerRecord
from amp.web.vollzug.records import payments_from_json

EDITORS = (Role.PLANUNG, Role.ADMIN)


@dataclass(frozen=True)
class Access:
    jobcenter: Jobcenter
    year: int
    role: str
    version: PlanVersion  # the plan version the ledger steers against
    record: LedgerRecord | None  # None: nothing recorded for this year yet

    @property
    def can_edit(self) -> bool:
        return self.role in EDITORS


def access(user: AnyUser, code: str, year: int) -> Access:
    """The user's access to the Vollzug of a Jobcenter and year; 404 for non-members and for
    a year without a plan the user may see."""
    if not user.is_authenticated or not 1900 <= year <= 9999:
        raise Http404("Diesen Vollzug gibt es nicht.")
    membership = (
        Membership.objects.filter(user=user, jobcenter__code=code, role__in=STEERING_ROLES)
        .select_related("jobcenter")
        .first()
    )
    if membership is None:
        raise Http404("Diesen Vollzug gibt es nicht.")
    version = plan_version(user, membership.jobcenter, year)
    if version is None:
        raise Http404("Für dieses Jahr gibt es keinen Plan.")
    record = LedgerRecord.objects.filter(jobcenter=membership.jobcenter, year=year).first()
    return Access(membership.jobcenter, year, membership.role, version, record)


def plan_version(user: AnyUser, jobcenter: Jobcenter, year: int) -> PlanVersion | None:
    """The newest published version of the year's plan (what the year is steered against);
    the newest draft only while nothing is published yet."""
    versions = visible_versions(user).filter(plan__jobcenter=jobcenter, plan__year=year)
    return (
        versions.filter(status__in=PUBLISHED).order_by("-number").first()
        or versions.order_by("-number").first()
    )


# ---------------------------------------------------------------- rows ↔ core records


def booking(row: BookingRow) -> Booking:
    return Booking(
        row.source_id,
        row.day,
        Decimal(row.amount),
        row.account,
        row.cost_center or None,
        row.measure or None,
        row.commitment or None,
        row.one_off,
        row.text or None,
    )


def commitment(row: CommitmentRow) -> Commitment:
    return Commitment(
        row.source_id,
        row.line,
        row.day,
        CommitmentStatus(row.status),
        payments_from_json(row.payments),
        row.measure or None,
        row.closed_on,
    )


def stored_bookings(record: LedgerRecord) -> dict[str, Booking]:
    return {r.source_id: booking(r) for r in BookingRow.objects.filter(ledger=record)}


def stored_commitments(record: LedgerRecord) -> dict[str, Commitment]:
    return {r.source_id: commitment(r) for r in CommitmentRow.objects.filter(ledger=record)}


def rules(record: LedgerRecord) -> list[AccountRule]:
    return list(AccountRule.objects.filter(ledger=record))


def read_settings(settings: dict[str, Any], rules: list[AccountRule], plan: Plan) -> LedgerConfig:
    """The stored settings read exactly as the CLI reads vollzug.yaml (the same checks and
    German messages; raises InputProblems)."""
    settings = dict(settings)
    settings["kontenzuordnung"] = [
        {"konto": r.account, "zeile": r.line}
        | ({"kostenstelle": r.cost_center} if r.cost_center else {})
        for r in rules
    ]
    with tempfile.TemporaryDirectory(prefix="amp-vollzug-") as name:
        directory = Path(name)
        (directory / CONFIG).write_text(
            yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        return read_config(directory, plan)


def core_ledger(record: LedgerRecord, version: PlanVersion) -> LedgerDirectory:
    """The stored ledger as the core model, with its settings read exactly as the CLI reads
    vollzug.yaml (the same checks and German messages; raises InputProblems)."""
    plan = version.core_plan()
    config = read_settings(record.settings, rules(record), plan)
    ledger = Ledger(
        lines=ledger_lines(plan, config.jobperspektive_lines),
        plans=plan_amounts(plan, config),
        bookings=tuple(stored_bookings(record).values()),
        commitments=tuple(stored_commitments(record).values()),
        funds=config.funds,
        mapping=config.mapping,
        plan_changes=config.plan_changes,
        commitment_authority=config.authority,
    )
    return LedgerDirectory(Path(CONFIG), plan, config, ledger, dict(record.columns))


# ---------------------------------------------------------------- steering, kept per revision

KEPT = 16
_kept: OrderedDict[tuple[str, str], tuple[LedgerDirectory, Steering]] = OrderedDict()
_lock = threading.Lock()


def steering(record: LedgerRecord, version: PlanVersion) -> tuple[LedgerDirectory, Steering]:
    """The ledger and its steering figures at the stored Stand. Forecasts take a moment, so
    results are kept per process, keyed by the ledger's stamp and the plan document's
    digest (any change makes a new key; nothing can be served stale)."""
    key = (str(record.stamp), document_digest(version.document))
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    data = core_ledger(record, version)
    result = (data, steer(data.ledger, data.config.year, data.config.stand))
    with _lock:
        _kept[key] = result
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return result


def line_choices(version: PlanVersion) -> list[tuple[str, str]]:
    return [(line.id, line.name) for line in version.core_plan().budget.lines()]
