"""Checks that use the law of the plan year: planned money for an instrument that is not,
or only partly, in force in that year."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

from amp.core.budget import BudgetLine, Column, Instrument
from amp.core.checks.base import CheckInput, RuleInForce, Table, rule
from amp.core.findings import Finding, Location, Severity
from amp.core.money import ZERO
from amp.core.periods import MONTH_NAMES
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


def _linked_lines(given: CheckInput) -> Iterator[tuple[int, int, BudgetLine, Instrument, str]]:
    """Budget lines with money planned for an instrument linked to a legal parameter."""
    plan = given.plan
    for g, group in enumerate(plan.budget.groups):
        for i, line in enumerate(group.lines):
            instrument = plan.instrument(line.instrument)
            planned = line.amounts.plan
            if instrument is None or instrument.rule is None or not planned or planned <= ZERO:
                continue
            yield g, i, line, instrument, instrument.rule


@rule(
    "law.unknown_rule",
    Severity.ERROR,
    "Ein Instrument mit Planansatz verweist mit `rule:` auf einen Rechtsparameter, den amp kennt.",
)
def unknown_rule(given: CheckInput) -> Iterator[Finding]:
    if not given.law.in_force:
        return
    for _g, _i, line, instrument, key in _linked_lines(given):
        if key not in given.law.in_force:
            yield unknown_rule.finding(
                Location(Table.BUDGET, line.name, None, ("instruments",)),
                f"Das Instrument „{instrument.name}“ verweist auf den unbekannten "
                f"Rechtsparameter „{key}“ (Namen: amp rules list).",
            )


def _first_day_out_of_force(rule: RuleInForce, year: int) -> date | None:
    day = date(year, 1, 1)
    while day.year == year:
        if not any(start <= day <= end for start, end in rule.periods):
            return day
        day += timedelta(days=1)
    return None


@rule(
    "law.in_force",
    Severity.WARNING,
    "Ein Instrument mit Planansatz ist im Planjahr in Kraft; sonst nennt die Warnung die Monate, "
    "in denen es nicht oder nur teilweise gilt, und ob die Rechtsänderung erst nach dem Stand "
    "des Plans kam.",
)
def in_force(given: CheckInput) -> Iterator[Finding]:
    plan = given.plan
    for g, i, line, instrument, key in _linked_lines(given):
        found = given.law.in_force.get(key)
        if found is None:
            continue
        missing, partial = month_coverage(found, plan.year)
        if not missing and not partial:
            continue
        if len(missing) == 12:
            when = f"im ganzen Jahr {plan.year} nicht in Kraft"
        else:
            parts = [f"{_names(missing)} nicht"] if missing else []
            parts += [f"{_names(partial)} nur teilweise"] if partial else []
            when = f"{plan.year} " + " und ".join(parts) + " in Kraft"
        first = _first_day_out_of_force(found, plan.year)
        as_of = plan.version.as_of
        later = (
            f" Die Rechtsänderung (ab {first:%d.%m.%Y}) kam nach dem Stand des Plans "
            f"({as_of:%d.%m.%Y}); bei seiner Aufstellung war die Regelung noch in Kraft."
            if first is not None and first > as_of and len(missing) < 12
            else ""
        )
        yield in_force.finding(
            Location(
                Table.BUDGET,
                line.name,
                plan.budget.column_label(Column.PLAN),
                ("budget", "groups", g, "lines", i, "amounts", "plan"),
            ),
            f"{instrument.name} ({instrument.legal_basis}) ist {when} "
            f"({found.reference}); der Plan setzt dafür Mittel für das ganze Jahr an. "
            "Nur Fälle, die vorher begonnen haben oder nach Übergangsrecht weiterlaufen, "
            "dürfen noch eingeplant werden." + later,
        )


TAAM_RULE_PREFIX = "sgb2_16i"


TAAM_PLACE = Location(Table.BUDGET, "Teilhabe am Arbeitsmarkt (§ 16i SGB II)", None, ("budget",))


@rule(
    "law.cohort",
    Severity.ERROR,
    "Die Kohortendatei `kohorte_16i.csv` im Plan-Verzeichnis ist lesbar (sonst nennt der Befund "
    "Zeile und Spalte).",
)
def cohort_readable(given: CheckInput) -> Iterator[Finding]:
    if given.law.cohort_error is not None:
        yield cohort_readable.finding(TAAM_PLACE, given.law.cohort_error)


@rule(
    "law.taam_obligations",
    Severity.WARNING,
    "Die für § 16i SGB II geplanten Mittel (Zeilen mit `rule: sgb2_16i…` plus PAT) decken die "
    "Verpflichtungen der bewilligten und geplanten Förderfälle der Kohortendatei im Planjahr.",
)
def taam_obligations(given: CheckInput) -> Iterator[Finding]:
    """The § 16i money planned (budget lines plus PAT) must cover the cohort's obligations."""
    plan, law = given.plan, given.law
    if law.cohort_error is not None or law.taam_obligation is None:
        return
    planned = ZERO
    for line in plan.budget.lines():
        instrument = plan.instrument(line.instrument)
        if instrument and instrument.rule and instrument.rule.startswith(TAAM_RULE_PREFIX):
            planned += line.amounts.plan or ZERO
    funding = plan.funding.year(plan.year) if plan.funding else None
    pat = funding.pat if funding else ZERO
    if planned + pat < law.taam_obligation:
        yield taam_obligations.finding(
            TAAM_PLACE,
            f"Für § 16i SGB II sind {plan.year} aus Eingliederungsmitteln und PAT weniger "
            f"Mittel geplant als die bewilligten und geplanten Förderfälle der Kohorte "
            f"({law.cohort_source}) im Jahr binden (PAT-Pauschalen jeweils eingerechnet).",
            planned + pat,
            law.taam_obligation,
        )


@rule(
    "law.rate",
    Severity.ERROR,
    "Ein am Instrument angenommener Fördersatz (`planned_rate`) liegt nicht über dem "
    "gesetzlichen Höchstsatz des verknüpften Rechtsparameters im Planjahr.",
)
def rates(given: CheckInput) -> Iterator[Finding]:
    """A subsidy rate the plan assumes must not exceed the legal maximum of its rule."""
    plan, law = given.plan, given.law
    for index, instrument in enumerate(plan.instruments):
        if instrument.planned_rate is None or instrument.rule is None:
            continue
        maximum = law.maximum_rates.get(instrument.rule)
        if maximum is not None and instrument.planned_rate > maximum:
            yield rates.finding(
                Location("Instrumente", instrument.name, "Fördersatz", ("instruments", index)),
                f"Der angenommene Fördersatz für {instrument.name} ({instrument.legal_basis}) "
                f"liegt über dem gesetzlichen Höchstsatz im Jahr {plan.year}.",
                instrument.planned_rate,
                maximum,
                Unit.PERCENT,
            )
