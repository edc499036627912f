"""The § 16i cohort feeds the ledger: its Vorbelastungen equal the cohort module's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amp.core.ledger import Ledger, LedgerLine
from amp.core.ledger.multiyear import preloads
from amp.example import DEMO_PLAN
from amp.rules.calculators.wage_subsidy import law_16i
from amp.rules.cohort_csv import read_cohort
from amp.rules.commitments import commitments, ledger_commitments
from amp.rules.law import load_law

COHORT = DEMO_PLAN / "kohorte_16i.csv"


def test_cohort_commitments_give_the_same_preloads() -> None:
    jobs = read_cohort(COHORT)
    law = law_16i(load_law())
    by_year = {y.year: y.approved for y in commitments(jobs, law, 2024)}
    ledger = Ledger(
        lines=(LedgerLine("taam", "§ 16i", "taam"),),
        plans={2024: {"taam": Decimal(0)}},
        commitments=tuple(ledger_commitments(jobs, law, 2024)),
    )
    loads = preloads(ledger, 2024, date(2024, 12, 31))
    assert [load.year for load in loads] == [2025, 2026, 2027, 2028]
    for load in loads:
        assert load.total == by_year[load.year]
        assert load.total > 0 or load.year > 2026
    assert sum(c.amount_in_year(2024) for c in ledger.commitments) == by_year[2024]
