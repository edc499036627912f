"""Checks of the Mittelausstattung: its derived rows, the municipal share the law fixes,
and that the budget plan spends exactly the integration budget available."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from amp.core.budget import Column
from amp.core.checks.base import CheckInput, Table, mismatch, rule
from amp.core.findings import Finding, Location, Severity
from amp.core.money import HUNDRED, decimal_places

DERIVED_ROWS = (
    ("admin_total", "Verwaltungsmittel – insgesamt", "Bund, Umschichtung und kommunaler Anteil"),
    (
        "integration_federal_total",
        "Eingliederungsmittel – Bund",
        "Eingliederungsmittel ohne JobPerspektive und JobPerspektive",
    ),
    ("integration_available", "Eingliederungsmittel – Bund insgesamt zur Verfügung", ""),
)


@rule(
    "funding.sum",
    Severity.ERROR,
    "Die abgeleiteten Zeilen der Mittelausstattung (Verwaltungsmittel insgesamt, "
    "Eingliederungsmittel Bund, Eingliederungsmittel zur Verfügung) sind die Summen ihrer Teile.",
)
def funding_sum(given: CheckInput) -> Iterator[Finding]:
    if given.plan.funding is None:
        return
    for index, year in enumerate(given.plan.funding.years):
        path = ("funding", "years", index)
        column = str(year.year)
        for attribute, row, parts in DERIVED_ROWS:
            computed: Decimal = getattr(year, attribute)
            printed: Decimal | None = getattr(year.printed, attribute)
            what = (
                f"die Summe aus {parts}"
                if parts
                else "Eingliederungsmittel Bund abzüglich Umschichtung"
            )
            yield from mismatch(
                printed,
                computed,
                places=decimal_places(printed) if printed is not None else 0,
                rule=funding_sum,
                location=Location(Table.FUNDING, row, column, (*path, "printed", attribute)),
                message=f"Die gedruckte Zeile „{row}“ ist nicht {what}.",
            )


@rule(
    "funding.transfer",
    Severity.ERROR,
    "Die von den Eingliederungsmitteln abgezogene Umschichtung ist die Umschichtung in die "
    "Verwaltungsmittel.",
)
def funding_transfer(given: CheckInput) -> Iterator[Finding]:
    if given.plan.funding is None:
        return
    for index, year in enumerate(given.plan.funding.years):
        if year.printed.transfer_deducted is None:
            continue
        yield from mismatch(
            year.printed.transfer_deducted,
            -year.transfer_to_admin,
            places=decimal_places(year.printed.transfer_deducted),
            rule=funding_transfer,
            location=Location(
                Table.FUNDING,
                "abzgl. Umschichtung aus den Eingliederungsmitteln Bund",
                str(year.year),
                ("funding", "years", index, "printed", "transfer_deducted"),
            ),
            message="Die abgezogene Umschichtung stimmt nicht mit der Umschichtung in die "
            "Verwaltungsmittel überein.",
        )


@rule(
    "law.municipal_admin_share",
    Severity.ERROR,
    "Der kommunale Anteil der Verwaltungsmittel ist der kommunale Finanzierungsanteil des "
    "Planjahres (15,2 % nach § 46 Abs. 3 Satz 1 SGB II, aus den Rechtsparametern), gerundet "
    "wie gedruckt.",
)
def municipal_share(given: CheckInput) -> Iterator[Finding]:
    """The county pays a fixed share of all administrative costs (§ 46 Abs. 3 SGB II)."""
    share = given.law.municipal_admin_share
    if given.plan.funding is None or share is None:
        return
    for index, year in enumerate(given.plan.funding.years):
        if year.admin_total == 0:
            continue
        # municipal = share × total, where total includes the municipal part itself
        federal_part = year.admin_federal + year.transfer_to_admin
        expected = federal_part * share / (HUNDRED - share)
        yield from mismatch(
            year.admin_municipal,
            expected,
            places=decimal_places(year.admin_municipal),
            rule=municipal_share,
            location=Location(
                Table.FUNDING,
                "Verwaltungsmittel – kommunaler Anteil",
                str(year.year),
                ("funding", "years", index, "admin_municipal"),
            ),
            message="Der kommunale Anteil entspricht nicht dem kommunalen Finanzierungsanteil "
            f"von {share} % der Verwaltungsmittel insgesamt "
            f"({given.law.municipal_admin_share_reference}).",
        )


@rule(
    "balance.funding",
    Severity.ERROR,
    "Die Finanzplanung verteilt genau die Eingliederungsmittel Bund, die im Planjahr zur "
    "Verfügung stehen.",
)
def budget_matches_funding(given: CheckInput) -> Iterator[Finding]:
    plan = given.plan
    year = plan.funding.year(plan.year) if plan.funding else None
    if year is None:
        return
    planned = plan.budget.computed_total().plan
    assert planned is not None
    if planned != year.integration_available:
        yield budget_matches_funding.finding(
            Location(
                Table.BUDGET,
                "Gesamtsummen",
                plan.budget.column_label(Column.PLAN),
                ("budget",),
            ),
            "Die Finanzplanung verteilt nicht genau die verfügbaren Eingliederungsmittel Bund "
            f"(Mittelausstattung {plan.year}, zur Verfügung).",
            year.integration_available,
            planned,
        )


@rule(
    "funding.municipal_services",
    Severity.ERROR,
    "Die kommunalen Eingliederungsmittel der Mittelausstattung sind der Ansatz der kommunalen "
    "Eingliederungsleistungen.",
)
def municipal_services(given: CheckInput) -> Iterator[Finding]:
    plan = given.plan
    year = plan.funding.year(plan.year) if plan.funding else None
    services = plan.municipal_services
    if year is None or services is None or year.municipal_integration is None:
        return
    assert plan.funding is not None
    if services.total != year.municipal_integration:
        yield municipal_services.finding(
            Location(
                Table.FUNDING,
                "Kommunale Eingliederungsmittel",
                str(year.year),
                ("funding", "years", plan.funding.years.index(year), "municipal_integration"),
            ),
            "Die kommunalen Eingliederungsmittel der Mittelausstattung stimmen nicht mit "
            "dem Ansatz der kommunalen Eingliederungsleistungen überein.",
            year.municipal_integration,
            services.total,
        )
