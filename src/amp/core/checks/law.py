"""Checks that use the law of the plan year: planned money for an instrument that is not,
or only partly, in force in that year."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from amp.core.budget import Column
from amp.core.checks.base import LegalFacts, RuleInForce, Table
from amp.core.findings import Finding, Location, Severity
from amp.core.money import ZERO
from amp.core.periods import MONTH_NAMES
from amp.core.plan import Plan
from amp.core.units import Unit


def _days(month: date) -> list[date]:
    last = calendar.monthrange(month.year, month.month)[1]
    return [month.replace(day=d) for d in range(1, last + 1)]


def month_coverage(rule: RuleInForce, year: int) -> tuple[list[int], list[int]]:
    """(months with no day in force, months with only some days in force), 1-based."""

    def inside(day: date) -> bool:
        return any(start <= day <= end for start, end in rule.periods)

    missing: list[int] = []
    partial: list[int] = []
    for month in range(1, 13):
        flags = [inside(d) for d in _days(date(year, month, 1))]
        if not any(flags):
            missing.append(month)
        elif not all(flags):
            partial.append(month)
    return missing, partial


def _names(months: list[int]) -> str:
    words = [MONTH_NAMES[m - 1] for m in months]
    if len(words) > 2 and months == list(range(months[0], months[-1] + 1)):
        return f"von {words[0]} bis {words[-1]}"
    return "im " + ", ".join(words)


def check_law(plan: Plan, law: LegalFacts) -> Iterator[Finding]:
    for g, group in enumerate(plan.budget.groups):
        for i, line in enumerate(group.lines):
            instrument = plan.instrument(line.instrument)
            planned = line.amounts.plan
            if instrument is None or instrument.rule is None or not planned or planned <= ZERO:
                continue
            rule = law.in_force.get(instrument.rule)
            if rule is None:
                if law.in_force:
                    yield Finding(
                        "law.unknown_rule",
                        Severity.ERROR,
                        Location(Table.BUDGET, line.name, None, ("instruments",)),
                        f"Das Instrument „{instrument.name}“ verweist auf den unbekannten "
                        f"Rechtsparameter „{instrument.rule}“ (Namen: amp rules list).",
                    )
                continue
            missing, partial = month_coverage(rule, plan.year)
            if not missing and not partial:
                continue
            if len(missing) == 12:
                when = f"im ganzen Jahr {plan.year} nicht in Kraft"
            else:
                parts = [f"{_names(missing)} nicht"] if missing else []
                parts += [f"{_names(partial)} nur teilweise"] if partial else []
                when = f"{plan.year} " + " und ".join(parts) + " in Kraft"
            yield Finding(
                "law.in_force",
                Severity.WARNING,
                Location(
                    Table.BUDGET,
                    line.name,
                    plan.budget.column_label(Column.PLAN),
                    ("budget", "groups", g, "lines", i, "amounts", "plan"),
                ),
                f"{instrument.name} ({instrument.legal_basis}) ist {when} "
                f"({rule.reference}); der Plan setzt dafür Mittel für das ganze Jahr an. "
                "Nur Fälle, die vorher begonnen haben oder nach Übergangsrecht weiterlaufen, "
                "dürfen noch eingeplant werden.",
                None,
                None,
            )


TAAM_RULE_PREFIX = "sgb2_16i"


def check_taam_obligations(plan: Plan, law: LegalFacts) -> Iterator[Finding]:
    """The § 16i money planned (budget lines plus PAT) must cover the cohort's obligations."""
    where = Location(Table.BUDGET, "Teilhabe am Arbeitsmarkt (§ 16i SGB II)", None, ("budget",))
    if law.cohort_error is not None:
        yield Finding("law.cohort", Severity.ERROR, where, law.cohort_error)
        return
    if law.taam_obligation is None:
        return
    planned = ZERO
    for line in plan.budget.lines():
        instrument = plan.instrument(line.instrument)
        if instrument and instrument.rule and instrument.rule.startswith(TAAM_RULE_PREFIX):
            planned += line.amounts.plan or ZERO
    funding = plan.funding.year(plan.year) if plan.funding else None
    pat = funding.pat if funding else ZERO
    if planned + pat < law.taam_obligation:
        yield Finding(
            "law.taam_obligations",
            Severity.WARNING,
            where,
            f"Für § 16i SGB II sind {plan.year} aus Eingliederungsmitteln und PAT weniger "
            f"Mittel geplant als die bewilligten und geplanten Förderfälle der Kohorte "
            f"({law.cohort_source}) im Jahr binden (PAT-Pauschalen jeweils eingerechnet).",
            planned + pat,
            law.taam_obligation,
        )


def check_rates(plan: Plan, law: LegalFacts) -> Iterator[Finding]:
    """A subsidy rate the plan assumes must not exceed the legal maximum of its rule."""
    for index, instrument in enumerate(plan.instruments):
        if instrument.planned_rate is None or instrument.rule is None:
            continue
        maximum = law.maximum_rates.get(instrument.rule)
        if maximum is not None and instrument.planned_rate > maximum:
            yield Finding(
                "law.rate",
                Severity.ERROR,
                Location("Instrumente", instrument.name, "Fördersatz", ("instruments", index)),
                f"Der angenommene Fördersatz für {instrument.name} ({instrument.legal_basis}) "
                f"liegt über dem gesetzlichen Höchstsatz im Jahr {plan.year}.",
                instrument.planned_rate,
                maximum,
                Unit.PERCENT,
            )
