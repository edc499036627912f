"""The legal facts a plan's checks need, as in force in the plan year."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from amp.core.checks import LegalFacts
from amp.core.checks.base import RuleInForce
from amp.rules.parameters import Parameter, all_parameters, load_parameter


def in_force(parameter: Parameter, year: int) -> RuleInForce:
    """The closed date ranges of `year` on which the parameter has a value."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    entries = sorted(parameter.entries, key=lambda e: e.valid_from)
    periods: list[tuple[date, date]] = []
    for index, entry in enumerate(entries):
        if entry.value is None:
            continue
        following = entries[index + 1].valid_from if index + 1 < len(entries) else None
        start = max(entry.valid_from, first)
        end = last if following is None else min(following - timedelta(days=1), last)
        if start <= end:
            periods.append((start, end))
    changes = [e for e in entries if first < e.valid_from <= last]
    deciding = changes[0] if changes else parameter.entry_at(first) or entries[0]
    return RuleInForce(parameter.name.de, tuple(periods), deciding.reference)


def legal_facts(year: int) -> LegalFacts:
    """Values in force on 1 January of `year`, and when each rule is in force in `year`."""
    validity = {key: in_force(parameter, year) for key, parameter in all_parameters()}
    share = load_parameter("kommunaler_finanzierungsanteil").entry_at(date(year, 1, 1))
    if share is None or not isinstance(share.value, Decimal):
        return LegalFacts(in_force=validity)
    return LegalFacts(share.value, share.reference, validity)
