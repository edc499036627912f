"""The legal facts a plan's checks need, as in force in the plan year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amp.core.checks import LegalFacts
from amp.rules.parameters import load_parameter


def legal_facts(year: int) -> LegalFacts:
    """Values in force on 1 January of `year` (none of these change within a year)."""
    share = load_parameter("kommunaler_finanzierungsanteil").entry_at(date(year, 1, 1))
    if share is None or not isinstance(share.value, Decimal):
        return LegalFacts()
    return LegalFacts(share.value, share.reference)
