"""`amp calc …`: the calculators on the command line (German output)."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from amp.core.units import Unit
from amp.formatting import day, money, number, percent
from amp.rules.calculators.wage_subsidy import (
    CalculationError,
    Household,
    SubsidyLaw,
    SubsidySchedule,
    law_16e,
    law_16i,
    subsidy_schedule,
)
from amp.rules.cli import EXIT_UNREADABLE, parse_day

calc_app = typer.Typer(
    help="Rechner: Förderbeträge nach dem Recht des jeweiligen Monats, mit Rechenweg.",
    no_args_is_help=True,
)


class CalcFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


StartOption = Annotated[str, typer.Option("--start", help="Förderbeginn JJJJ-MM-TT")]
HoursOption = Annotated[str, typer.Option("--hours", help="Wochenstunden laut Vertrag")]
WageOption = Annotated[
    str | None,
    typer.Option("--wage", help="Tariflicher Stundenlohn; ohne Angabe: Mindestlohn des Monats"),
]
MonthsOption = Annotated[
    int | None, typer.Option("--months", help="Förderdauer in Monaten; ohne Angabe: Höchstdauer")
]
FormatOption = Annotated[CalcFormat, typer.Option("--format", help="Ausgabeformat")]


def fail(message: str) -> typer.Exit:
    typer.echo(f"Fehler: {message}", err=True)
    return typer.Exit(EXIT_UNREADABLE)


def parse_decimal(text: str | None, option: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise fail(f"{option} '{text}' ist keine Zahl") from None
    if not value.is_finite() or value <= 0:
        raise fail(f"{option} '{text}' muss eine positive Zahl sein")
    return value


def _schedule_json(schedule: SubsidySchedule) -> dict[str, Any]:
    return {
        "months": [
            {
                "month": m.number,
                "start": m.start.isoformat(),
                "subsidy_year": m.subsidy_year,
                "rate": str(m.rate),
                "hourly_wage": str(m.hourly_wage),
                "wage": str(m.wage),
                "employer_share": str(m.employer_share),
                "base": str(m.base),
                "subsidy": str(m.subsidy),
                "pat": str(m.pat),
            }
            for m in schedule.months
        ],
        "years": {
            str(year): {"subsidy": str(subsidy), "pat": str(pat)}
            for year, (subsidy, pat) in schedule.by_year().items()
        },
        "total": str(schedule.total),
        "total_pat": str(schedule.total_pat),
        "explanation": list(schedule.explanation),
    }


def _print_schedule(schedule: SubsidySchedule, title: str, with_pat: bool) -> None:
    console = Console(highlight=False)
    table = Table(title=title)
    columns = ["Monat", "ab", "Förderjahr", "Satz", "Stundenlohn", "Monatslohn"]
    columns += ["AG-Anteil SV", "Bemessung", "Zuschuss"] + (["davon PAT"] if with_pat else [])
    for column in columns:
        table.add_column(column, justify="right")
    for m in schedule.months:
        row = [str(m.number), day(m.start), str(m.subsidy_year), percent(m.rate, 0)]
        row += [money(m.hourly_wage), money(m.wage), number(m.employer_share, Unit.COUNT) + " %"]
        row += [money(m.base), money(m.subsidy)] + ([money(m.pat)] if with_pat else [])
        table.add_row(*row)
    console.print(table)
    years = Table(title="Je Kalenderjahr")
    for column in ["Jahr", "Zuschuss"] + (["davon PAT"] if with_pat else []):
        years.add_column(column, justify="right")
    for year, (subsidy, pat) in schedule.by_year().items():
        years.add_row(str(year), money(subsidy), *([money(pat)] if with_pat else []))
    years.add_row(
        "Summe", money(schedule.total), *([money(schedule.total_pat)] if with_pat else [])
    )
    console.print(years)
    for line in schedule.explanation:
        console.print(f"– {line}")


def _run(
    law: SubsidyLaw,
    title: str,
    start: str,
    hours: str,
    wage: str | None,
    months: int | None,
    household: Household,
    output: CalcFormat,
) -> None:
    hours_value = parse_decimal(hours, "--hours")
    assert hours_value is not None
    try:
        schedule = subsidy_schedule(
            law,
            parse_day(start, "--start"),
            hours_value,
            months=months,
            hourly_wage=parse_decimal(wage, "--wage"),
            household=household,
        )
    except CalculationError as exc:
        raise fail(str(exc)) from None
    if output is CalcFormat.JSON:
        typer.echo(json.dumps(_schedule_json(schedule), ensure_ascii=False, indent=2))
    else:
        _print_schedule(schedule, title, law.pat is not None)


@calc_app.command("16i")
def calc_16i(
    start: StartOption,
    hours: HoursOption,
    household: Annotated[
        Household, typer.Option("--household", help="Art der Bedarfsgemeinschaft (für PAT)")
    ] = Household.SINGLE,
    wage: WageOption = None,
    months: MonthsOption = None,
    output: FormatOption = CalcFormat.TABLE,
) -> None:
    """§ 16i SGB II: Zuschuss Monat für Monat über bis zu 60 Monate, mit PAT-Anteil."""
    title = "Teilhabe am Arbeitsmarkt (§ 16i SGB II)"
    _run(law_16i(), title, start, hours, wage, months, household, output)


@calc_app.command("16e")
def calc_16e(
    start: StartOption,
    hours: HoursOption,
    wage: WageOption = None,
    months: MonthsOption = None,
    output: FormatOption = CalcFormat.TABLE,
) -> None:
    """§ 16e SGB II: Zuschuss im ersten und zweiten Jahr (75 % / 50 %)."""
    title = "Eingliederung von Langzeitarbeitslosen (§ 16e SGB II)"
    _run(law_16e(), title, start, hours, wage, months, Household.SINGLE, output)
