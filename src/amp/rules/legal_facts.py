"""The legal facts a plan's checks need, as in force in the plan year."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from amp.core.checks import LegalFacts
from amp.core.checks.base import RuleInForce
from amp.io.cache import cached
from amp.rules.law import Key, Law, load_law
from amp.rules.parameters import Parameter, ParameterUnit, parameter_paths


def in_force(parameter: Parameter, year: int, responsible: Parameter | None = None) -> RuleInForce:
    """The closed date ranges of `year` on which the parameter has a value — and, where a
    `responsible` parameter says when the Jobcenter pays for it, only while it does."""
    rule = _in_force(parameter, year)
    if responsible is None:
        return rule
    jobcenter = _in_force(responsible, year)
    periods = tuple(
        (max(a0, b0), min(a1, b1))
        for a0, a1 in rule.periods
        for b0, b1 in jobcenter.periods
        if max(a0, b0) <= min(a1, b1)
    )
    if periods == rule.periods:
        return rule
    return RuleInForce(rule.name, periods, f"{jobcenter.name}: {jobcenter.reference}")


def _in_force(parameter: Parameter, year: int) -> RuleInForce:
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


COHORT_FILE = "kohorte_16i.csv"


def maximum_rates(law: Law, day: date) -> dict[str, Decimal]:
    """Every percent parameter's highest value in force on `day`."""
    found: dict[str, Decimal] = {}
    for key, parameter in law:
        if parameter.unit is not ParameterUnit.PERCENT:
            continue
        value = parameter.value_at(day)
        if isinstance(value, Decimal):
            found[key] = value
        elif isinstance(value, tuple) and value:
            found[key] = max(value)
    return found


def legal_facts(year: int, plan_dir: Path | None = None, law: Law | None = None) -> LegalFacts:
    """Values in force on 1 January of `year`, when each rule is in force in `year`, and
    the § 16i obligations of `year` if the plan directory holds a cohort file.

    `law`: the legal parameters; by default those of the parameter files, and then the
    result depends only on them and the cohort file: it is kept in the cache
    (amp.io.cache) until one of them or amp's code changes.
    """
    if law is not None:
        return _legal_facts(year, plan_dir, law)
    cohort = plan_dir / COHORT_FILE if plan_dir is not None else None
    inputs = parameter_paths()
    if cohort is not None and cohort.is_file():
        inputs.append(cohort)
    code = ("rules", "core", "io")
    return cached(
        f"legal-facts-{year}", inputs, code, lambda: _legal_facts(year, plan_dir, load_law())
    )


def _legal_facts(year: int, plan_dir: Path | None, law: Law) -> LegalFacts:
    # the calculators only when the facts are computed, not when they come from the cache
    from amp.rules.calculators.wage_subsidy import CalculationError, law_16i
    from amp.rules.cohort_csv import CohortError, read_cohort
    from amp.rules.commitments import commitments

    validity = {key: in_force(parameter, year, law.responsibility(key)) for key, parameter in law}
    share = law[Key.MUNICIPAL_SHARE].entry_at(date(year, 1, 1))
    facts = LegalFacts(in_force=validity, maximum_rates=maximum_rates(law, date(year, 1, 1)))
    if share is not None and isinstance(share.value, Decimal):
        facts = replace(
            facts,
            municipal_admin_share=share.value,
            municipal_admin_share_reference=share.reference,
        )
    cohort = plan_dir / COHORT_FILE if plan_dir is not None else None
    if cohort is None or not cohort.is_file():
        return facts
    try:
        first = commitments(read_cohort(cohort), law_16i(law), year, years=1)[0]
    except (CohortError, CalculationError) as exc:
        return replace(facts, cohort_error=f"Kohortendatei nicht auswertbar: {exc}")
    return replace(
        facts,
        taam_obligation=first.approved,
        taam_obligation_pat=first.approved_pat,
        cohort_source=COHORT_FILE,
    )
