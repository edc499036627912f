"""Checks of a plan: each returns findings, none raises on a bad plan.

`check_plan` runs them all. The law of the plan year comes in as `LegalFacts`, supplied
by `amp.rules` from its parameter files; the core knows no file.
"""

from __future__ import annotations

from amp.core.checks.base import SEVERITY_ORDER, LegalFacts
from amp.core.checks.budget import check_budget
from amp.core.checks.claims import check_claims
from amp.core.checks.funding import check_funding
from amp.core.checks.law import check_law, check_rates, check_taam_obligations
from amp.core.checks.measures import check_measures
from amp.core.checks.target_groups import check_target_groups
from amp.core.checks.vouchers import check_vouchers
from amp.core.figures import figures
from amp.core.findings import Finding
from amp.core.plan import Plan

__all__ = ["LegalFacts", "check_plan"]


def check_plan(plan: Plan, law: LegalFacts | None = None) -> list[Finding]:
    """Every finding for the plan, most severe first, then in document order."""
    index = figures(plan)
    found = [
        *check_funding(plan, law or LegalFacts()),
        *check_budget(plan, index),
        *check_target_groups(plan),
        *check_measures(plan),
        *check_vouchers(plan),
        *check_claims(plan, index),
        *check_law(plan, law or LegalFacts()),
        *check_taam_obligations(plan, law or LegalFacts()),
        *check_rates(plan, law or LegalFacts()),
    ]
    return sorted(found, key=lambda f: SEVERITY_ORDER[f.severity])
