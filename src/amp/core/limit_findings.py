"""A stored plan that breaks amp's limits, as error findings and a plan that can be computed.

New input never gets past amp.core.limits, but a version stored before the limits existed
(or written by hand into the database) may hold, say, an amount of 28 digits. Such a plan
must still open: each value beyond a limit becomes an error finding at its place, and the
value is left out (emptied) for everything computed from the plan, so sums and checks run
on what is readable and the draft can be corrected.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from amp.core import limits
from amp.core.checks.base import Table
from amp.core.edit import set_at, value_at
from amp.core.findings import Finding, Location, ModelPath, Severity
from amp.core.plan import Plan

RULE = "grenzen"
_TABLES = {
    "funding": Table.FUNDING,
    "budget": Table.BUDGET,
    "target_groups": Table.TARGET_GROUPS,
    "municipal_services": Table.MUNICIPAL,
    "training_vouchers": Table.VOUCHERS,
    "avgs": Table.AVGS,
    "claims": Table.CLAIMS,
}


def _shown(value: Any) -> str:
    text = str(value)
    return limits.shortened(text, 40)


def _row(plan: Plan, path: ModelPath) -> str | None:
    if len(path) >= 5 and path[:2] == ("budget", "groups") and path[3] == "lines":
        try:
            return str(value_at(plan, (*path[:5], "name")))
        except LookupError:
            return None
    return None


def _emptied(value: Any, path: ModelPath) -> Any:
    if isinstance(value, Decimal):
        return None if "amounts" in path else Decimal(0)
    if isinstance(value, int):
        return None if path[-1] in {"value", "count"} else 0
    if isinstance(value, str):
        limit = limits.FIELD_LIMITS.get(str(path[-1]), limits.MAX_TEXT)
        printable = "".join(c if c.isprintable() or c in "\n\t" else " " for c in value)
        return limits.shortened(printable, limit)
    return value


def limit_findings(plan: Plan) -> tuple[Plan, list[Finding]]:
    """The plan with every value beyond a limit emptied, and an error finding for each."""
    found: list[Finding] = []
    readable = plan
    for path, problem in limits.plan_limit_problems(plan):
        value = value_at(plan, path)
        table = _TABLES.get(str(path[0]), "Plan") if path else "Plan"
        location = Location(table, _row(plan, path), str(path[-1]) if path else None, path)
        message = (
            f"Gespeicherter Wert „{_shown(value)}“: {problem}. Er bleibt bei allen Summen "
            "und Prüfungen außer Betracht; bitte korrigieren."
        )
        found.append(Finding(RULE, Severity.ERROR, location, message))
        try:
            readable = set_at(readable, path, _emptied(value, path))
        except (LookupError, TypeError, ValueError):
            continue
    return readable, found
