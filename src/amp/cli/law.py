"""The law on the command line: `amp rules …` (the legal parameters), `amp calc …` (the
calculators), `amp eligibility` and `amp commitments`. German output; the law itself lives
in amp.rules, which knows nothing of the command line.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from amp.cli.common import (
    FormatOption,
    OutputFormat,
    ScreenOrFile,
    console,
    day_or_today,
    fail,
    fail_problems,
    output_format,
    parse_day,
    show_or_write,
)
from amp.core.formatting import day, money, number, percent
from amp.core.units import Unit
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
from amp.rules.law import Key, Law, load_law

if TYPE_CHECKING:
    from rich.table import Table

    from amp.rules.eligibility import Person

# --- amp rules ----------------------------------------------------------------------------

rules_app = typer.Typer(
    help="Rechtsparameter: Werte des SGB II/III mit Datum, Fundstelle und Quelle.",
    no_args_is_help=True,
)


def _table(title: str, columns: tuple[str, ...] | list[str] = (), right: bool = False) -> Table:
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column, justify="right" if right else "left")
    return table


DateOption = Annotated[
    str | None, typer.Option("--date", help="Stichtag JJJJ-MM-TT; ohne Angabe: heute")
]


@rules_app.command("list")
def list_rules(when: DateOption = None) -> None:
    """Listet alle Rechtsparameter mit dem am Stichtag geltenden Wert."""
    from amp.core.formatting import day
    from amp.rules.describe import kind_text, value_text
    from amp.rules.parameters import all_parameters

    on = day_or_today(when)
    columns = ("Name", "Bezeichnung", "Art", f"Wert am {day(on)}", "gilt seit")
    table = _table(f"Rechtsparameter am {day(on)}", columns)
    for key, parameter in all_parameters():
        entry = parameter.entry_at(on)
        value = "noch nicht in Kraft" if entry is None else value_text(entry.value, parameter.unit)
        since = "" if entry is None else day(entry.valid_from)
        table.add_row(key, parameter.name.de, kind_text(parameter), value, since)
    console().print(table)


@rules_app.command("show")
def show_rule(
    name: Annotated[str, typer.Argument(help="Name, z. B. sgb2_16i.foerdersaetze")],
    when: DateOption = None,
) -> None:
    """Zeigt einen Rechtsparameter mit allen Änderungen und dem am Stichtag geltenden Wert."""
    from amp.core.formatting import day
    from amp.rules.describe import ENTRY_COLUMNS, entry_cells, kind_text, value_text
    from amp.rules.parameters import ParameterError, load_parameter

    try:
        parameter = load_parameter(name)
    except ParameterError as exc:
        raise fail_problems(exc.problems, "Der Rechtsparameter kann nicht gezeigt werden") from None
    on = day_or_today(when)
    out = console()
    out.print(f"[bold]{parameter.name.de}[/bold] ({name}, {kind_text(parameter)})")
    out.print(parameter.description, markup=False)
    entry = parameter.entry_at(on)
    if entry is None:
        out.print(f"\nAm {day(on)}: noch nicht in Kraft.")
    else:
        out.print(
            f"\nAm {day(on)}: [bold]{value_text(entry.value, parameter.unit)}[/bold] "
            f"(seit {day(entry.valid_from)}; {entry.reference})"
        )
    table = _table("Änderungen", ENTRY_COLUMNS)
    for e in parameter.entries:
        table.add_row(*entry_cells(e, parameter.unit))
    out.print(table)


@rules_app.command("docs")
def write_docs(output: ScreenOrFile = None) -> None:
    """Erzeugt die Dokumentation der Rechtsparameter (docs/recht.md)."""
    from amp.rules.docs import recht_markdown

    show_or_write(recht_markdown(), output)


# --- amp calc -----------------------------------------------------------------------------

calc_app = typer.Typer(
    help="Rechner: Förderbeträge nach dem Recht des jeweiligen Monats, mit Rechenweg.\n\n"
    "Formate aller Rechner: text, json.",
    no_args_is_help=True,
)


StartOption = Annotated[str, typer.Option("--start", help="Förderbeginn JJJJ-MM-TT")]
HoursOption = Annotated[str, typer.Option("--hours", help="Wochenstunden laut Vertrag")]
WageOption = Annotated[
    str | None,
    typer.Option("--wage", help="Tariflicher Stundenlohn; ohne Angabe: Mindestlohn des Monats"),
]
MonthsOption = Annotated[
    int | None, typer.Option("--months", help="Förderdauer in Monaten; ohne Angabe: Höchstdauer")
]


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
    out = console()
    table = _table(title)
    columns = ["Monat", "ab", "Förderjahr", "Satz", "Stundenlohn", "Monatslohn"]
    columns += ["AG-Anteil SV", "Bemessung", "Zuschuss"] + (["davon PAT"] if with_pat else [])
    for column in columns:
        table.add_column(column, justify="right")
    for m in schedule.months:
        row = [str(m.number), day(m.start), str(m.subsidy_year), percent(m.rate, 0)]
        row += [money(m.hourly_wage), money(m.wage), number(m.employer_share, Unit.COUNT) + " %"]
        row += [money(m.base), money(m.subsidy)] + ([money(m.pat)] if with_pat else [])
        table.add_row(*row)
    out.print(table)
    years = _table("Je Kalenderjahr")
    for column in ["Jahr", "Zuschuss"] + (["davon PAT"] if with_pat else []):
        years.add_column(column, justify="right")
    for year, (subsidy, pat) in schedule.by_year().items():
        years.add_row(str(year), money(subsidy), *([money(pat)] if with_pat else []))
    years.add_row(
        "Summe", money(schedule.total), *([money(schedule.total_pat)] if with_pat else [])
    )
    out.print(years)
    for line in schedule.explanation:
        out.print(f"– {line}")


def _run(
    law: SubsidyLaw,
    title: str,
    start: str,
    hours: str,
    wage: str | None,
    months: int | None,
    household: Household,
    output: OutputFormat,
) -> None:
    output = output_format(output, OutputFormat.TEXT, OutputFormat.JSON)
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
    if output is OutputFormat.JSON:
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
    output: FormatOption = OutputFormat.TEXT,
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
    output: FormatOption = OutputFormat.TEXT,
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


def _print_explained(result: Explained, output: OutputFormat) -> None:
    output = output_format(output, OutputFormat.TEXT, OutputFormat.JSON)
    if output is OutputFormat.JSON:
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
    out = console()
    table = _table(result.title)
    for column in ("Größe", "Wert", "Fundstelle"):
        table.add_column(column, justify="right" if column == "Wert" else "left")
    for s in result.steps:
        table.add_row(s.label, _step_value(s.value, s.unit), s.reference)
    out.print(table)
    for note in result.notes:
        out.print(f"– {note}")


def _print_benefit(title: str, result: BenefitResult, output: OutputFormat) -> None:
    output = output_format(output, OutputFormat.TEXT, OutputFormat.JSON)
    if output is OutputFormat.JSON:
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
    out = console()
    table = _table(title)
    for column in ("Monat", "Tage mit Anspruch", "Betrag"):
        table.add_column(column, justify="right")
    for m in result.months:
        table.add_row(f"{m.month:%m/%Y}", str(m.days), money(m.amount))
    table.add_row("Summe", "", money(result.total))
    out.print(table)
    out.print("– Volle Kalendermonate: Monatsbetrag; Teilmonate: 1/30 je Kalendertag.")
    for note in result.notes:
        out.print(f"– {note}")


@calc_app.command("egz")
def calc_egz(
    start: StartOption,
    age: Annotated[int, typer.Option("--age", help="Alter bei Förderbeginn")],
    group: Annotated[
        EgzGroup, typer.Option("--group", help="Personengruppe nach §§ 89, 90 SGB III")
    ] = EgzGroup.STANDARD,
    output: FormatOption = OutputFormat.TEXT,
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
    output: FormatOption = OutputFormat.TEXT,
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


def _benefit(key: Key, title: str, start: str, end: str, keeps: bool, output: OutputFormat) -> None:
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
    start: StartOption, end: EndOption, output: FormatOption = OutputFormat.TEXT
) -> None:
    """Bürgergeldbonus (§ 16j SGB II a.F.); neue Fälle nur bis 27.03.2024."""
    title = "Bürgergeldbonus (§ 16j SGB II a.F.)"
    _benefit(Key.BONUS, title, start, end, True, output)


@calc_app.command("weiterbildungsgeld")
def calc_weiterbildungsgeld(
    start: StartOption, end: EndOption, output: FormatOption = OutputFormat.TEXT
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
    output: FormatOption = OutputFormat.TEXT,
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


# --- amp eligibility ----------------------------------------------------------------------


class Instrument(StrEnum):
    TAAM = "16i"
    EVL = "16e"
    CHANCEN = "104c"


def load_person(file: Path) -> Person:
    """A person file (YAML), or every problem in it and exit code 2."""
    from pydantic import TypeAdapter, ValidationError

    from amp.core.problems import Place, Problem
    from amp.io.model_schema import enforce_known_keys, german_message
    from amp.io.yaml_source import YamlError, read_yaml
    from amp.rules.eligibility import Person

    what = "Die Personendatei kann nicht gelesen werden"
    if not file.is_file():
        raise fail_problems([Problem(Place(file=str(file)), "Datei nicht gefunden")], what)
    try:
        document = read_yaml(file)
    except YamlError as exc:
        problem = Problem(Place(file=str(exc.file), line=exc.line), exc.message)
        raise fail_problems([problem], what) from None
    enforce_known_keys(Person)
    try:
        person: Person = TypeAdapter(Person).validate_python(document.data or {})
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            path = tuple(p for p in error["loc"] if isinstance(p, str | int))
            place = Place(
                file=str(file), line=document.line_of(path), path=".".join(map(str, path))
            )
            problems.append(Problem(place, german_message(error)))
        raise fail_problems(problems, what) from None
    return person


def eligibility(
    instrument: Annotated[Instrument, typer.Argument(help="16i, 16e oder 104c")],
    person_file: Annotated[Path, typer.Option("--input", help="Personendatei (YAML)")],
    when: Annotated[str, typer.Option("--date", help="Stichtag JJJJ-MM-TT")],
    output: FormatOption = OutputFormat.TEXT,
) -> None:
    """Prüft die Fördervoraussetzungen einer Person, jede Bedingung mit Begründung und §.

    Formate: text, json.
    """
    from amp.rules.eligibility import CHECKS

    output = output_format(output, OutputFormat.TEXT, OutputFormat.JSON)
    on = parse_day(when)
    result = CHECKS[instrument.value](load_law(), load_person(person_file), on)
    if output is OutputFormat.JSON:
        document = {
            "instrument": result.instrument,
            "date": on.isoformat(),
            "eligible": result.eligible,
            "conditions": [
                {"label": c.label, "met": c.met, "detail": c.detail, "reference": c.reference}
                for c in result.conditions
            ],
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    out = console()
    verdict = "ja" if result.eligible else "nein"
    out.print(f"[bold]{result.instrument} am {day(on)}: förderfähig – {verdict}[/bold]")
    for c in result.conditions:
        mark = "erfüllt" if c.met else "nicht erfüllt"
        out.print(f"  {'✓' if c.met else '✗'} {c.label}: {mark} – {c.detail} ({c.reference})")


# --- amp commitments ----------------------------------------------------------------------


def commitments(
    cohort: Annotated[Path, typer.Argument(help="Kohortendatei (CSV) der § 16i-Stellen")],
    first_year: Annotated[int, typer.Option("--from", help="Planjahr; gezeigt werden 5 Jahre")],
    output: FormatOption = OutputFormat.TEXT,
) -> None:
    """Vorbelastungen nach § 16i SGB II je Kalenderjahr: bewilligt und bis zur Höchstdauer,
    jeweils mit dem Anteil, den der Passiv-Aktiv-Transfer deckt.

    Formate: text, json.
    """
    from amp.reports.presenter import counted
    from amp.rules.cohort_csv import CohortError, read_cohort
    from amp.rules.commitments import commitments as compute

    output = output_format(output, OutputFormat.TEXT, OutputFormat.JSON)
    try:
        jobs = read_cohort(cohort)
    except CohortError as exc:
        raise fail_problems(exc.problems, "Die Kohortendatei kann nicht gelesen werden") from None
    try:
        years = compute(jobs, law_16i(load_law()), first_year)
    except CalculationError as exc:
        raise fail(str(exc)) from None
    if output is OutputFormat.JSON:
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
    columns = ["Jahr", "Stellen", "erreichen Höchstdauer", "bewilligt", "davon PAT"]
    columns += ["bis Höchstdauer", "davon PAT"]
    title = f"Vorbelastungen § 16i SGB II ab {first_year} ({counted(len(jobs), 'Stelle')})"
    table = _table(title, columns, right=True)
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
    out = console()
    out.print(table)
    out.print(
        "– bewilligt: Monate bis zum Ende der laufenden Bewilligung (auch geplante Eintritte); "
        "bis Höchstdauer: jede Stelle bis 60 Monate verlängert."
    )
    out.print(
        "– Zuschuss je Monat wie `amp calc 16i` (Mindestlohn oder Tariflohn, Fördersatz nach "
        "Förderjahr); PAT-Pauschale je Bedarfsgemeinschaft, höchstens der Zuschuss."
    )


def register(app: typer.Typer) -> None:
    """Add `amp rules …`, `amp calc …`, `amp eligibility` and `amp commitments`."""
    app.add_typer(rules_app, name="rules")
    app.add_typer(calc_app, name="calc")
    app.command()(eligibility)
    app.command()(commitments)
