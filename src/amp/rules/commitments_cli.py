"""`amp commitments COHORT.csv --from 2024`: § 16i obligations per calendar year."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from amp.formatting import money
from amp.rules.calc_cli import CalcFormat, fail
from amp.rules.calculators.wage_subsidy import CalculationError, law_16i
from amp.rules.cohort_csv import CohortError, read_cohort
from amp.rules.commitments import commitments as compute
from amp.rules.law import load_law


def commitments(
    cohort: Annotated[Path, typer.Argument(help="Kohortendatei (CSV) der § 16i-Stellen")],
    first_year: Annotated[int, typer.Option("--from", help="Planjahr; gezeigt werden 5 Jahre")],
    output: Annotated[CalcFormat, typer.Option("--format", help="Ausgabeformat")] = (
        CalcFormat.TABLE
    ),
) -> None:
    """Vorbelastungen nach § 16i SGB II je Kalenderjahr: bewilligt und bis zur Höchstdauer,
    jeweils mit dem Anteil, den der Passiv-Aktiv-Transfer deckt."""
    try:
        jobs = read_cohort(cohort)
        years = compute(jobs, law_16i(load_law()), first_year)
    except (CohortError, CalculationError) as exc:
        raise fail(str(exc)) from None
    if output is CalcFormat.JSON:
        document = [
            {
                "year": y.year,
                "jobs": y.jobs,
                "reaching_limit": y.ending,
                "approved": str(y.approved),
                "approved_pat": str(y.approved_pat),
                "to_limit": str(y.to_limit),
                "to_limit_pat": str(y.to_limit_pat),
            }
            for y in years
        ]
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Vorbelastungen § 16i SGB II ab {first_year} ({len(jobs)} Stellen)")
    columns = ["Jahr", "Stellen", "erreichen Höchstdauer", "bewilligt", "davon PAT"]
    columns += ["bis Höchstdauer", "davon PAT"]
    for column in columns:
        table.add_column(column, justify="right")
    for y in years:
        table.add_row(
            str(y.year),
            str(y.jobs),
            str(y.ending),
            money(y.approved),
            money(y.approved_pat),
            money(y.to_limit),
            money(y.to_limit_pat),
        )
    console = Console(highlight=False)
    console.print(table)
    console.print(
        "– bewilligt: Monate bis zum Ende der laufenden Bewilligung (auch geplante Eintritte); "
        "bis Höchstdauer: jede Stelle bis 60 Monate verlängert."
    )
    console.print(
        "– Zuschuss je Monat wie `amp calc 16i` (Mindestlohn oder Tariflohn, Fördersatz nach "
        "Förderjahr); PAT-Pauschale je Bedarfsgemeinschaft, höchstens der Zuschuss."
    )
