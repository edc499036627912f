"""Checks of what the prose says: its figures against the figures the tables yield, quantities
against related counts, and its statements of law."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from amp.core import formatting
from amp.core.budget import QUANTITY_UNIT_LABELS
from amp.core.checks.base import CheckInput, Table, rule
from amp.core.claims import QUALIFIER_LABELS, Claim, Qualifier, holds
from amp.core.figures import describe, evaluate, result_unit
from amp.core.findings import Finding, Location, Severity
from amp.core.money import decimal_places, presentable, total
from amp.core.units import Unit


def _verdict(claim: Claim, given: CheckInput) -> tuple[bool, Decimal] | None:
    """Whether the claim holds in its reading, and the figure of that reading."""
    computed = evaluate(claim.refers_to, given.index)
    if computed is None:
        return None  # a percentage of nothing: nothing to compare
    return holds(claim.qualifier, claim.stated, claim.places, computed), computed


def _alternative_holds(claim: Claim, given: CheckInput) -> bool | None:
    """True or False if the other reading is checked by the data, None if it cannot be."""
    if claim.alternative is None or claim.alternative.refers_to is None:
        return None
    computed = evaluate(claim.alternative.refers_to, given.index)
    return computed is not None and holds(claim.qualifier, claim.stated, claim.places, computed)


def _stated(claim: Claim) -> str:
    qualifier = QUALIFIER_LABELS[claim.qualifier]
    return f"mit „{qualifier}“ angegebene Zahl" if qualifier else "genannte Zahl"


def _failed(given: CheckInput) -> Iterator[tuple[int, Claim, Decimal, Unit]]:
    for i, claim in enumerate(given.plan.claims):
        verdict = _verdict(claim, given)
        if verdict is None or verdict[0]:
            continue
        unit = result_unit(claim.refers_to, given.index) or Unit.EUR
        yield i, claim, presentable(verdict[1], unit, claim.places), unit


@rule(
    "claim",
    Severity.WARNING,
    "Eine Zahl im Text passt zu der Kennziffer, auf die sie sich bezieht, unter Beachtung von "
    "„rund“, „knapp“, „bis zu“ … – in keiner plausiblen Lesart des Satzes.",
)
def claims(given: CheckInput) -> Iterator[Finding]:
    for i, claim, computed, unit in _failed(given):
        if claim.alternative is not None and _alternative_holds(claim, given) is not False:
            continue  # a plausible reading makes it true or cannot be ruled out: claim.reading
        yield claims.finding(
            Location(Table.CLAIMS, claim.section, claim.id, ("claims", i, "value")),
            f"Die im Text {_stated(claim)} passt nicht zu den Daten "
            f"({describe(claim.refers_to, given.index)}): „{claim.quote}“",
            claim.stated,
            computed,
            unit,
        )


@rule(
    "claim.reading",
    Severity.NOTE,
    "Eine Zahl im Text, die in der gewählten Lesart nicht zu den Daten passt, in einer zweiten "
    "plausiblen Lesart aber stimmt (oder sich aus den Daten nicht widerlegen lässt), gibt einen "
    "Hinweis mit beiden Lesarten statt einer Warnung.",
)
def claim_readings(given: CheckInput) -> Iterator[Finding]:
    for i, claim, computed, unit in _failed(given):
        alternative = claim.alternative
        verdict = _alternative_holds(claim, given)
        if alternative is None or verdict is False:
            continue
        if alternative.refers_to is not None:
            other = evaluate(alternative.refers_to, given.index)
            assert other is not None
            value = presentable(other, unit, claim.places)
            shown = formatting.fixed(value, decimal_places(value))
            second = (
                f"In der Lesart „{alternative.reading}“ stimmt sie "
                f"({describe(alternative.refers_to, given.index)}: {shown})."
            )
        else:
            second = (
                f"Sie kann aber „{alternative.reading}“ meinen; das lässt sich aus den Daten "
                "des Plans nicht nachrechnen."
            )
        yield claim_readings.finding(
            Location(Table.CLAIMS, claim.section, claim.id, ("claims", i, "value")),
            f"Die im Text {_stated(claim)} passt nicht zu "
            f"{describe(claim.refers_to, given.index)}. {second} „{claim.quote}“",
            claim.stated,
            computed,
            unit,
        )


@rule(
    "budget.line_related",
    Severity.NOTE,
    "Die geplante Menge einer Zeile der Finanzplanung passt ungefähr (Toleranz von „ca.“) zu den "
    "verwandten Zahlen, auf die sie mit `related:` verweist (etwa Eintritte zu Plätzen oder "
    "Förderfälle zu Bildungsgutscheinen); weil beide anders zählen, nur als Hinweis.",
)
def related_quantities(given: CheckInput) -> Iterator[Finding]:
    budget = given.plan.budget
    for g, group in enumerate(budget.groups):
        for i, line in enumerate(group.lines):
            related, quantity = line.related, line.quantity
            if related is None or quantity is None or quantity.value is None:
                continue
            figures = [given.index[name] for name in related.figures]
            compared = total(figure.value for figure in figures)
            if holds(Qualifier.CA, Decimal(quantity.value), 0, compared):
                continue
            unit = f" {QUANTITY_UNIT_LABELS[quantity.unit]}" if quantity.unit else ""
            names = " + ".join(figure.label for figure in figures)
            yield related_quantities.finding(
                Location(
                    Table.BUDGET,
                    line.name,
                    "Menge",
                    ("budget", "groups", g, "lines", i, "quantity", "value"),
                ),
                f"Die geplante Menge ({quantity.value}{unit}) weicht deutlich von {names} ab. "
                f"{related.note}",
                Decimal(quantity.value),
                compared,
                Unit.COUNT,
            )


@rule(
    "text.legal_statement",
    Severity.NOTE,
    "Eine Aussage des Textes über das Recht, die das Gesetz so nicht trägt, wird mit der "
    "zutreffenden Rechtslage und ihrer Fundstelle genannt (Rechtsaussagen in `prose.yaml`).",
)
def legal_statements(given: CheckInput) -> Iterator[Finding]:
    prose = given.plan.prose
    for i, statement in enumerate(prose.legal_statements if prose else ()):
        if statement.law is None:
            continue
        yield legal_statements.finding(
            Location(
                Table.CLAIMS, statement.section, statement.id, ("prose", "legal_statements", i)
            ),
            f"Der Text sagt: „{statement.quote}“ Nach dem Gesetz: {statement.law} "
            f"({statement.source}).",
        )
