"""Checks of a plan: each returns findings, none raises on a bad plan.

`check_plan` runs every rule of the catalogue (`amp.core.checks.catalogue.RULES`). The law
of the plan year comes in as `LegalFacts`, supplied by `amp.rules` from its parameter files;
the core knows no file.
"""

from __future__ import annotations

from amp.core.checks.base import SEVERITY_ORDER, CheckInput, LegalFacts
from amp.core.checks.catalogue import RULES
from amp.core.figures import figures
from amp.core.findings import Finding
from amp.core.plan import Plan

__all__ = ["LegalFacts", "check_plan"]


def check_plan(plan: Plan, law: LegalFacts | None = None) -> list[Finding]:
    """Every finding for the plan, most severe first, then in catalogue and document order."""
    given = CheckInput(plan, law or LegalFacts(), figures(plan))
    found = [finding for rule in RULES for finding in rule(given)]
    return sorted(found, key=lambda f: SEVERITY_ORDER[f.severity])
