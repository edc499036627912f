"""The catalogue of checks: every rule amp applies to a plan, in the order it runs them.

A rule is declared once, with `@rule(id, severity, description)` beside its function in the
module of its table; this list decides which rules run. docs/pruefungen.md is generated from
it (`python -m amp.core.checks.docs`), and tests/core/checks/cases/ holds at least one case
per rule that fires and one that stays silent.
"""

from __future__ import annotations

from amp.core.checks import budget, claims, funding, law, measures, target_groups, vouchers
from amp.core.checks.base import Rule

RULES: tuple[Rule, ...] = (
    funding.funding_sum,
    funding.funding_transfer,
    funding.municipal_share,
    funding.budget_matches_funding,
    funding.municipal_services,
    budget.group_totals,
    budget.total_rows,
    budget.commitments_covered,
    budget.balance_items,
    budget.balance_sums,
    budget.sources_equal_uses,
    target_groups.line_without_target_group,
    target_groups.target_group_amount,
    target_groups.target_group_share,
    target_groups.target_group_total,
    target_groups.target_group_total_share,
    measures.measure_places,
    measures.line_places,
    vouchers.voucher_goals,
    vouchers.voucher_quarters,
    vouchers.voucher_totals,
    vouchers.avgs_categories,
    vouchers.avgs_total,
    claims.claims,
    claims.claim_readings,
    claims.related_quantities,
    claims.legal_statements,
    law.unknown_rule,
    law.in_force,
    law.cohort_readable,
    law.taam_obligations,
    law.rates,
)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
assert len(RULES_BY_ID) == len(RULES), "rule ids must be unique"
