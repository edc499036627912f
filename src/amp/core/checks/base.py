"""What every check shares: a rule of the catalogue, the law's facts, table names and a
comparison helper."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from amp.core.figures import Figure
from amp.core.findings import Cause, Finding, Location, Severity
from amp.core.money import round_half_up
from amp.core.plan import Plan
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


@dataclass(frozen=True, slots=True)
class CheckInput:
    """What a rule looks at: the plan, the law of its year and the index of its figures."""

    plan: Plan
    law: LegalFacts
    index: dict[str, Figure]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the catalogue: its id, the severity of its findings, one German sentence
    saying what it checks, and the function that checks it."""

    id: str
    severity: Severity
    description: str
    check: Callable[[CheckInput], Iterable[Finding]] = field(repr=False, compare=False)

    def __call__(self, given: CheckInput) -> Iterable[Finding]:
        return self.check(given)

    def finding(
        self,
        location: Location,
        message: str,
        printed: Decimal | None = None,
        computed: Decimal | None = None,
        unit: Unit = Unit.EUR,
        consequence_of: tuple[Cause, ...] = (),
    ) -> Finding:
        return Finding(
            self.id, self.severity, location, message, printed, computed, unit, consequence_of
        )

    def cause(self, location: Location) -> Cause:
        """A reference to this rule's finding at `location`, for the findings that follow."""
        return Cause(self.id, location)


def rule(
    id: str, severity: Severity, description: str
) -> Callable[[Callable[[CheckInput], Iterable[Finding]]], Rule]:
    """Declare a check function as a rule of the catalogue (see amp.core.checks.catalogue)."""

    def declare(check: Callable[[CheckInput], Iterable[Finding]]) -> Rule:
        return Rule(id, severity, description, check)

    return declare


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
    rule: Rule,
    location: Location,
    message: str,
    unit: Unit = Unit.EUR,
) -> Iterator[Finding]:
    """A finding if a printed value differs from the computed one at the printed precision."""
    if printed is not None and round_half_up(computed, places) != printed:
        yield rule.finding(location, message, printed, computed, unit)
