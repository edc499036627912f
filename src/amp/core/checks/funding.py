"""Checks of the Mittelausstattung: its derived rows, the municipal share the law fixes,
and that the budget plan spends exactly the integration budget available."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from amp.core.budget import Column
from amp.core.checks.base import LegalFacts, Table, mismatch
from amp.core.findings import Finding, Location, Severity
from amp.core.money import HUNDRED, decimal_places
from amp.core.plan import Plan

DERIVED_ROWS = (
    ("admin_total", "Verwaltungsmittel – insgesamt", "Bund, Umschichtung und kommunaler Anteil"),
    (
        "integration_federal_total",
        "Eingliederungsmittel – Bund",
        "Eingliederungsmittel ohne JobPerspektive und JobPerspektive",
    ),
    ("integration_available", "Eingliederungsmittel – Bund insgesamt zur Verfügung", ""),
)


def check_funding(plan: Plan, law: LegalFacts) -> Iterator[Finding]:
    if plan.funding is None:
        return
    for index, year in enumerate(plan.funding.years):
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
            finding = mismatch(
                printed,
                computed,
                places=decimal_places(printed) if printed is not None else 0,
                rule="funding.sum",
                location=Location(Table.FUNDING, row, column, (*path, "printed", attribute)),
                message=f"Die gedruckte Zeile „{row}“ ist nicht {what}.",
            )
            if finding:
                yield finding
        if year.printed.transfer_deducted is not None:
            finding = mismatch(
                year.printed.transfer_deducted,
                -year.transfer_to_admin,
                places=decimal_places(year.printed.transfer_deducted),
                rule="funding.transfer",
                location=Location(
                    Table.FUNDING,
                    "abzgl. Umschichtung aus den Eingliederungsmitteln Bund",
                    column,
                    (*path, "printed", "transfer_deducted"),
                ),
                message="Die abgezogene Umschichtung stimmt nicht mit der Umschichtung in die "
                "Verwaltungsmittel überein.",
            )
            if finding:
                yield finding
        yield from _municipal_share(plan, law, index)
    yield from _budget_matches_funding(plan)


def _municipal_share(plan: Plan, law: LegalFacts, index: int) -> Iterator[Finding]:
    """The county pays a fixed share of all administrative costs (§ 46 Abs. 3 SGB II)."""
    assert plan.funding is not None
    year = plan.funding.years[index]
    share = law.municipal_admin_share
    if share is None or year.admin_total == 0:
        return
    # municipal = share × total, where total includes the municipal part itself
    federal_part = year.admin_federal + year.transfer_to_admin
    expected = federal_part * share / (HUNDRED - share)
    finding = mismatch(
        year.admin_municipal,
        expected,
        places=decimal_places(year.admin_municipal),
        rule="law.municipal_admin_share",
        location=Location(
            Table.FUNDING,
            "Verwaltungsmittel – kommunaler Anteil",
            str(year.year),
            ("funding", "years", index, "admin_municipal"),
        ),
        message=f"Der kommunale Anteil entspricht nicht dem kommunalen Finanzierungsanteil von "
        f"{share} % der Verwaltungsmittel insgesamt ({law.municipal_admin_share_reference}).",
    )
    if finding:
        yield finding


def _budget_matches_funding(plan: Plan) -> Iterator[Finding]:
    assert plan.funding is not None
    year = plan.funding.year(plan.year)
    if year is None:
        return
    index = plan.funding.years.index(year)
    planned = plan.budget.computed_total().plan
    assert planned is not None
    if planned != year.integration_available:
        yield Finding(
            "balance.funding",
            Severity.ERROR,
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
    services = plan.municipal_services
    municipal = year.municipal_integration
    if services is not None and municipal is not None and services.total != municipal:
        yield Finding(
            "funding.municipal_services",
            Severity.ERROR,
            Location(
                Table.FUNDING,
                "Kommunale Eingliederungsmittel",
                str(year.year),
                ("funding", "years", index, "municipal_integration"),
            ),
            "Die kommunalen Eingliederungsmittel der Mittelausstattung stimmen nicht mit "
            "dem Ansatz der kommunalen Eingliederungsleistungen überein.",
            year.municipal_integration,
            services.total,
        )
