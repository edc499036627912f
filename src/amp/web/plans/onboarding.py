"""A new Jobcenter's first day in the browser: the operator of the installation (Betrieb)
creates the Jobcenter and its first Administration; the Planung then downloads the blank
template with the Jobcenter's Stammdaten filled in, imports it filled, or starts an empty
plan for a year.

Who is the operator: a user with the permission `plans.betrieb` ("Betrieb"). Django's
superusers hold every permission, so the account made by `amp manage createsuperuser` is
one; others get it granted by a superuser (`amp manage shell` or the permission tables).
The operator sees no plans by this alone: reading and writing plans go by Membership.
"""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from typing import Any

from django.db import transaction
from openpyxl import Workbook

from amp.core import limits
from amp.core.budget import BudgetPlan
from amp.core.plan import Jobcenter as CoreJobcenter
from amp.core.plan import JobcenterKind, PlanStatus, Version
from amp.core.plan import Plan as CorePlan
from amp.io.xlsx.layout import FIRST_ROW, STAMMDATEN, STAMMDATEN_ROWS
from amp.io.xlsx.template import blank_workbook
from amp.web.plans import accounts
from amp.web.plans.models import Jobcenter, Plan, PlanVersion, Role
from amp.web.plans.services import EditError, audit, new_version

OPERATE = "plans.betrieb"
KENNUNG = re.compile(r"[a-z0-9][a-z0-9_-]*")  # as an id in a plan: a YAML key, a web address


def may_operate(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(OPERATE))


def kennung_problem(code: str) -> str | None:
    """Why a typed Kennung cannot be a Jobcenter's, in German; None when it can."""
    if not code:
        return "Pflichtangabe fehlt (die Kennung wird nicht aus dem Namen abgeleitet)"
    if len(code) > limits.MAX_ID:
        return f"höchstens {limits.MAX_ID} Zeichen"
    if not KENNUNG.fullmatch(code):
        return (
            "nur Kleinbuchstaben (ohne Umlaute), Ziffern, _ und -, am Anfang ein Buchstabe "
            "oder eine Ziffer (z. B. jobcenter_musterstadt)"
        )
    if Jobcenter.objects.filter(code=code).exists():
        return "diese Kennung ist schon vergeben"
    return None


@transaction.atomic
def create_jobcenter(
    operator: Any,
    name: str,
    code: str,
    kind: str,
    region: str,
    admin: dict[str, str],
) -> tuple[Jobcenter, Any]:
    """The Jobcenter and its first user with the role Administration, both or neither.

    `admin` holds username, password, first_name, last_name, email; raises
    accounts.AccountError or django's ValidationError (a weak password)."""
    if not may_operate(operator):
        raise accounts.AccountError("Nur der Betrieb legt Jobcenter an.")
    problem = kennung_problem(code)
    if problem:
        raise accounts.AccountError(f"Kennung: {problem}.")
    jobcenter = Jobcenter.objects.create(code=code, name=name, kind=kind, region=region)
    user = accounts.create_user(
        operator,
        jobcenter,
        admin["username"],
        admin["password"],
        Role.ADMIN,
        admin.get("first_name", ""),
        admin.get("last_name", ""),
        admin.get("email", ""),
    )
    return jobcenter, user


def core_jobcenter(jobcenter: Jobcenter) -> CoreJobcenter:
    return CoreJobcenter(
        id=jobcenter.code,
        name=jobcenter.name,
        kind=JobcenterKind(jobcenter.kind),
        region=jobcenter.region or None,
    )


def template_for(jobcenter: Jobcenter, year: int) -> bytes:
    """The blank template with the Jobcenter's Kennung, name, Trägerform and region filled
    in, so that the filled workbook imports into this Jobcenter as it is."""
    book: Workbook = blank_workbook(year, jobcenter.name)
    sheet = book[STAMMDATEN]
    values = {
        "jobcenter.id": jobcenter.code,
        "jobcenter.kind": jobcenter.kind,
        "jobcenter.region": jobcenter.region or None,
    }
    for offset, (key, _label) in enumerate(STAMMDATEN_ROWS):
        if key in values and values[key] is not None:
            sheet.cell(FIRST_ROW + offset, 2, values[key])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def empty_plan(jobcenter: Jobcenter, year: int, today: date) -> CorePlan:
    return CorePlan(
        jobcenter=core_jobcenter(jobcenter),
        year=year,
        version=Version(as_of=today, label="leerer Plan"),
        status=PlanStatus.ENTWURF,
        budget=BudgetPlan(title=f"Finanzplanung Eingliederungsmittel {year}", groups=()),
    )


@transaction.atomic
def start_empty_plan(jobcenter_id: int, user: Any, year: int, today: date) -> PlanVersion:
    """A new plan of the Jobcenter for `year`: version 1, an empty draft."""
    jobcenter = Jobcenter.objects.select_for_update().get(pk=jobcenter_id)
    if Plan.objects.filter(jobcenter=jobcenter, year=year).exists():
        raise EditError(f"Für {year} gibt es schon einen Plan von {jobcenter.name}.")
    plan = Plan.objects.create(jobcenter=jobcenter, year=year)
    core = empty_plan(jobcenter, year, today)
    created = new_version(plan, dataclasses.replace(core), user, parent=None, label="leerer Plan")
    audit(user, created, "", None, f"leerer Plan {year} angelegt")
    return created
