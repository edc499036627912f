"""What every check shares: the law's facts, table names and a comparison helper."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from amp.core.findings import Finding, Location, Severity
from amp.core.money import round_half_up
from amp.core.units import Unit

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


@dataclass(frozen=True, slots=True)
class LegalFacts:
    """The legal parameters the checks need, as in force in the plan year."""

    # kommunaler Finanzierungsanteil an den Verwaltungskosten, in percent (15.2)
    municipal_admin_share: Decimal | None = None
    municipal_admin_share_reference: str = ""
    # legal parameter key → the days of the plan year on which it is in force
    in_force: Mapping[str, RuleInForce] = field(default_factory=dict)
    # § 16i obligations of the plan year from the cohort file (PAT included), if there is one
    taam_obligation: Decimal | None = None
    taam_obligation_pat: Decimal | None = None
    cohort_source: str = ""
    cohort_error: str | None = None
    # percent parameter key → its highest value in force on 1 January (e.g. 100 for § 16i)
    maximum_rates: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleInForce:
    """When a rule is in force within the plan year: closed date ranges, in order."""

    name: str
    periods: tuple[tuple[date, date], ...]
    reference: str  # the § of the change that starts or ends it in the plan year


class Table:
    FUNDING = "Mittelausstattung"
    BUDGET = "Finanzplanung Eingliederungsmittel"
    TARGET_GROUPS = "Mittelverteilung nach Zielgruppen"
    MUNICIPAL = "Kommunale Eingliederungsleistungen"
    VOUCHERS = "Bildungszielplanung"
    AVGS = "AVGS-Maßnahmezielplanung"
    CLAIMS = "Aussagen im Text"


def mismatch(
    printed: Decimal | None,
    computed: Decimal,
    *,
    places: int = 2,
    rule: str,
    location: Location,
    message: str,
    unit: Unit = Unit.EUR,
    severity: Severity = Severity.ERROR,
) -> Finding | None:
    """A finding if a printed value differs from the computed one at the printed precision."""
    if printed is None or round_half_up(computed, places) == printed:
        return None
    return Finding(rule, severity, location, message, printed, computed, unit)
