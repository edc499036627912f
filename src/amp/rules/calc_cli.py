"""`amp calc …`: the calculators on the command line (German output)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from amp.core.units import Unit
from amp.formatting import day, money, number, percent
from amp.rules.calculators.egz import EgzGroup, egz_maximum
from amp.rules.calculators.einstiegsgeld import einstiegsgeld
from amp.rules.calculators.explained import Explained, Step
from amp.rules.calculators.monthly_benefit import BenefitResult, monthly_benefit, payer_notes
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
from amp.rules.law import Key, Law, load_law

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
    _run(law_16i(load_law()), title, start, hours, wage, months, household, output)


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
    _run(law_16e(load_law()), title, start, hours, wage, months, Household.SINGLE, output)


def _step_value(value: Decimal, unit: str) -> str:
    if unit == "€":
        return money(value)
    if unit == "%":
        return f"{number(value, Unit.COUNT)} %"
    return f"{number(value, Unit.COUNT)} {unit}"


def _print_explained(result: Explained, output: CalcFormat) -> None:
    if output is CalcFormat.JSON:
        document = {
            "title": result.title,
            "steps": [
                {"label": s.label, "value": str(s.value), "unit": s.unit, "reference": s.reference}
                for s in result.steps
            ],
            "notes": list(result.notes),
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    table = Table(title=result.title)
    for column in ("Größe", "Wert", "Fundstelle"):
        table.add_column(column, justify="right" if column == "Wert" else "left")
    for s in result.steps:
        table.add_row(s.label, _step_value(s.value, s.unit), s.reference)
    console.print(table)
    for note in result.notes:
        console.print(f"– {note}")


def _print_benefit(title: str, result: BenefitResult, output: CalcFormat) -> None:
    if output is CalcFormat.JSON:
        document = {
            "months": [
                {"month": m.month.isoformat()[:7], "days": m.days, "amount": str(m.amount)}
                for m in result.months
            ],
            "total": str(result.total),
            "notes": list(result.notes),
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    table = Table(title=title)
    for column in ("Monat", "Tage mit Anspruch", "Betrag"):
        table.add_column(column, justify="right")
    for m in result.months:
        table.add_row(f"{m.month:%m/%Y}", str(m.days), money(m.amount))
    table.add_row("Summe", "", money(result.total))
    console.print(table)
    console.print("– Volle Kalendermonate: Monatsbetrag; Teilmonate: 1/30 je Kalendertag.")
    for note in result.notes:
        console.print(f"– {note}")


@calc_app.command("egz")
def calc_egz(
    start: StartOption,
    age: Annotated[int, typer.Option("--age", help="Alter bei Förderbeginn")],
    group: Annotated[
        EgzGroup, typer.Option("--group", help="Personengruppe nach §§ 89, 90 SGB III")
    ] = EgzGroup.STANDARD,
    output: FormatOption = CalcFormat.TABLE,
) -> None:
    """Eingliederungszuschuss: gesetzlicher Höchstsatz und Höchstdauer."""
    try:
        result = egz_maximum(load_law(), group, parse_day(start, "--start"), age)
    except CalculationError as exc:
        raise fail(str(exc)) from None
    _print_explained(result, output)


@calc_app.command("einstiegsgeld")
def calc_einstiegsgeld(
    start: StartOption,
    household_size: Annotated[
        int, typer.Option("--household-size", help="Personen in der Bedarfsgemeinschaft")
    ] = 1,
    long_term_unemployed: Annotated[
        bool, typer.Option("--long-term-unemployed", help="mindestens zwei Jahre arbeitslos")
    ] = False,
    months: Annotated[int, typer.Option("--months", help="Dauer in Monaten")] = 24,
    standard_level: Annotated[
        int,
        typer.Option(
            "--standard-level",
            help="Regelbedarfsstufe der geförderten Person (1 allein, 2 Partner, …)",
        ),
    ] = 1,
    six_months_with_obstacles: Annotated[
        bool,
        typer.Option(
            "--six-months-with-obstacles",
            help="mindestens sechs Monate arbeitslos mit in der Person liegenden "
            "Vermittlungshemmnissen (§ 1 Abs. 3 ESGV)",
        ),
    ] = False,
    output: FormatOption = CalcFormat.TABLE,
) -> None:
    """Einstiegsgeld: Höchstbetrag je Monat nach § 1 ESGV und Summe über die Dauer."""
    try:
        result = einstiegsgeld(
            load_law(),
            parse_day(start, "--start"),
            household_size,
            long_term_unemployed,
            months,
            standard_level=standard_level,
            six_months_with_obstacles=six_months_with_obstacles,
        )
    except CalculationError as exc:
        raise fail(str(exc)) from None
    _print_explained(result, output)


EndOption = Annotated[str, typer.Option("--end", help="Ende der Teilnahme JJJJ-MM-TT")]


def _benefit(key: Key, title: str, start: str, end: str, keeps: bool, output: CalcFormat) -> None:
    law = load_law()
    try:
        result = monthly_benefit(
            law[key],
            parse_day(start, "--start"),
            parse_day(end, "--end"),
            keeps_rate_from_start=keeps,
            responsible=law.responsibility(key.value),
        )
    except CalculationError as exc:
        raise fail(str(exc)) from None
    _print_benefit(title, result, output)


@calc_app.command("buergergeldbonus")
def calc_buergergeldbonus(
    start: StartOption, end: EndOption, output: FormatOption = CalcFormat.TABLE
) -> None:
    """Bürgergeldbonus (§ 16j SGB II a.F.); neue Fälle nur bis 27.03.2024."""
    title = "Bürgergeldbonus (§ 16j SGB II a.F.)"
    _benefit(Key.BONUS, title, start, end, True, output)


@calc_app.command("weiterbildungsgeld")
def calc_weiterbildungsgeld(
    start: StartOption, end: EndOption, output: FormatOption = CalcFormat.TABLE
) -> None:
    """Weiterbildungsgeld (§ 87a Abs. 2 SGB III) für eine Teilnahme."""
    title = "Weiterbildungsgeld (§ 87a Abs. 2 SGB III)"
    _benefit(Key.TRAINING_ALLOWANCE, title, start, end, False, output)


class Exam(StrEnum):
    INTERMEDIATE = "zwischenpruefung"
    FINAL = "abschlusspruefung"


@calc_app.command("weiterbildungspraemie")
def calc_weiterbildungspraemie(
    passed: Annotated[str, typer.Option("--date", help="Tag der bestandenen Prüfung")],
    exam: Annotated[Exam, typer.Option("--exam", help="Art der Prüfung")] = Exam.FINAL,
    output: FormatOption = CalcFormat.TABLE,
) -> None:
    """Weiterbildungsprämie (§ 87a Abs. 1 SGB III) für eine bestandene Prüfung."""
    day_passed = parse_day(passed, "--date")
    law = load_law()
    key = Key.TRAINING_BONUS_FINAL if exam is Exam.FINAL else Key.TRAINING_BONUS_INTERMEDIATE
    parameter = law[key]
    entry = parameter.entry_at(day_passed)
    amount = entry.value if entry is not None else None
    if not isinstance(amount, Decimal):
        raise fail(f"{parameter.name.de}: am {day(day_passed)} nicht in Kraft")
    reference = entry.reference if entry is not None else ""
    result = Explained(
        "Weiterbildungsprämie (§ 87a Abs. 1 SGB III)",
        (Step(parameter.name.de, amount, "€", reference),),
        (
            "Vor dem 01.07.2023: § 131a Abs. 3 SGB III a.F. mit gleichen Beträgen.",
            *_payer_notes_on(law, key, day_passed),
        ),
    )
    _print_explained(result, output)


def _payer_notes_on(law: Law, key: Key, when: date) -> list[str]:
    """Who pays on `when` if it is not the Jobcenter (from the parameter's `responsible`)."""
    responsible = law.responsibility(key.value)
    if responsible is None or responsible.value_at(when) is not None:
        return []
    return payer_notes(responsible, when, when)
