"""A scenario's result and its form lines as the scenario page shows them."""

from __future__ import annotations

from typing import Any

from amp.core import formatting
from amp.core.plan import Plan as CorePlan
from amp.core.scenarios import ScenarioResult, effect
from amp.core.units import Unit


def shown_result(result: ScenarioResult) -> dict[str, Any]:
    return {
        "requested": formatting.signed(result.requested, Unit.EUR),
        "before": formatting.money(result.before_total),
        "after": formatting.money(result.after_total),
        "change": formatting.signed(result.after_total - result.before_total, Unit.EUR),
        "lines": [
            {
                "group": line.group,
                "name": line.name,
                "mandatory": line.mandatory,
                "priority": line.priority or "",
                "commitments": formatting.money(line.commitments),
                "before": formatting.money(line.before),
                "after": formatting.money(line.after),
                "change": formatting.signed(line.change, Unit.EUR) if line.change else "",
                "effect": effect(line),
            }
            for line in result.lines
        ],
    }


def form_lines(core: CorePlan, data: Any) -> list[dict[str, Any]]:
    """The Ermessensleistungen, each with its priority input as typed."""
    rows = []
    for line in core.budget.lines():
        instrument = core.instrument(line.instrument)
        if instrument is not None and instrument.mandatory:
            continue
        rows.append({"id": line.id, "name": line.name, "priority": data.get(f"prio-{line.id}", "")})
    return rows
