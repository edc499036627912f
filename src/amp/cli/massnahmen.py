"""`amp massnahmen`: measure and voucher controlling – belegung, ausschreibungen,
gutscheine, bilanz, import. Exit codes: 0 ok, 1 refused rows (import), 2 unreadable input."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from amp.cli.common import (
    EXIT_FINDINGS,
    FormatOption,
    OutputFormat,
    fail,
    fail_problems,
    output_format,
    output_problem,
    parse_day,
)
from amp.example import DEMO_PLAN

if TYPE_CHECKING:
    from amp.io.occupancy.context import Context

app = typer.Typer(
    name="massnahmen",
    help="Maßnahmen und Gutscheine im Jahr: Belegung, Verträge und Ausschreibungen, "
    "Gutscheine gegen den Plan, Eingliederungsbilanz, Import der Teilnahmedaten.",
    no_args_is_help=True,
    add_completion=False,
)

PlanOption = Annotated[
    Path, typer.Option("--plan", help="Plan-Verzeichnis; ohne Angabe der Beispielplan")
]
DataOption = Annotated[
    Path | None,
    typer.Option("--daten", help="Verzeichnis der Maßnahmedaten; ohne Angabe PLAN/massnahmen"),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="Stichtag JJJJ-MM-TT; ohne Angabe der letzte Tag in den Daten (Stand)"
    ),
]


def _context(plan_dir: Path, data_dir: Path | None) -> Context:
    from amp.core.problems import InputProblems
    from amp.io.occupancy.context import load_context
    from amp.io.plan_dir import PlanLoadError

    try:
        return load_context(plan_dir, data_dir)
    except PlanLoadError as exc:
        raise fail_problems(exc.problems, "Der Plan kann nicht gelesen werden") from None
    except InputProblems as exc:
        raise fail_problems(exc.problems, "Die Maßnahmedaten können nicht gelesen werden") from None


def _stand(ctx: Context, text: str | None) -> date:
    if text is not None:
        return parse_day(text)
    days = [e.day for e in ctx.data.events] + [v.issued for v in ctx.data.vouchers]
    days += [v.redeemed for v in ctx.data.vouchers if v.redeemed is not None]
    if not days:
        raise fail("Keine Teilnahme- oder Gutscheindaten; bitte --date angeben.")
    return max(days)


def _names(ctx: Context) -> dict[str, str]:
    from amp.io.occupancy.planning import measure_names

    names = measure_names(ctx.plan)
    for c in ctx.data.contracts:
        if c.name:
            names.setdefault(c.measure, c.name)
    return names


def _print_views(*views: Any) -> None:
    from amp.cli.common import console
    from amp.cli.terminal import render_table

    out = console()
    for view in views:
        render_table(out, view)


def _synthetic_note(ctx: Context) -> None:
    if ctx.data.synthetic:
        typer.echo("Hinweis: Die Teilnahme- und Gutscheindaten sind synthetische Demo-Daten.")


def _json(value: Any) -> None:
    def default(o: Any) -> Any:
        if isinstance(o, Decimal):
            return str(o)
        if isinstance(o, date):
            return o.isoformat()
        raise TypeError(type(o))

    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=default))


def _rate(value: Decimal | None) -> str | None:
    from amp.core.money import round_half_up

    return None if value is None else str(round_half_up(value))


@app.command()
def belegung(
    plan_dir: PlanOption = DEMO_PLAN,
    data_dir: DataOption = None,
    when: DateOption = None,
    measure: Annotated[
        str | None, typer.Option("--massnahme", help="nur diese Maßnahme, Monat für Monat")
    ] = None,
    threshold: Annotated[
        int, typer.Option("--schwelle", help="Warnung unter dieser Auslastung in %")
    ] = 80,
    months: Annotated[int, typer.Option("--monate", help="… so viele Monate in Folge")] = 3,
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """Belegung je Maßnahme im Jahr bis zum Stichtag: Plätze, Ø Bestand, Auslastung,
    Nichtantritts- und Abbruchquote, Kosten je besetztem Platz; Warnungen bei Auslastung
    unter der Schwelle; freie Plätze am Stichtag."""
    from amp.core.occupancy import free_places, occupancy, under_occupied
    from amp.core.occupancy.occupancy import YearOccupancy
    from amp.core.periods import Month
    from amp.reports.massnahmen import alerts_text, month_view, occupancy_view

    chosen = output_format(fmt, OutputFormat.TEXT, OutputFormat.JSON)
    ctx = _context(plan_dir, data_dir)
    on = _stand(ctx, when)
    names = _names(ctx)
    table = occupancy(ctx.data.contracts, ctx.data.events, Month(on.year, 1), Month.of(on))
    if measure is not None and measure not in table:
        raise fail(f"Die Maßnahme „{measure}“ hat weder Vertrag noch Teilnahmen.")
    years = [YearOccupancy(m, rows) for m, rows in table.items() if measure in (None, m)]
    under = [
        u
        for u in under_occupied(table, on, Decimal(threshold), months)
        if measure in (None, u.measure)
    ]
    free = free_places(ctx.data.contracts, ctx.data.events, on)
    if chosen is OutputFormat.JSON:
        _json(
            {
                "stand": on,
                "synthetisch": ctx.data.synthetic,
                "massnahmen": [
                    {
                        "massnahme": y.measure,
                        "name": names.get(y.measure, y.measure),
                        "auslastung": _rate(y.occupancy),
                        "durchschnittsbestand": _rate(y.average_stock),
                        "eintritte": y.entries,
                        "zuweisungen": y.assignments,
                        "nichtantrittsquote": _rate(y.no_show_rate),
                        "abbruchquote": _rate(y.dropout_rate),
                        "kosten": y.cost,
                        "kosten_je_besetztem_platz": _rate(y.cost_per_occupied_place),
                        "freie_plaetze": free[y.measure].free if y.measure in free else None,
                    }
                    for y in years
                ],
                "warnungen": alerts_text(under, [], [], names),
            }
        )
        return
    _synthetic_note(ctx)
    title = f"Belegung {on.year} bis {on:%d.%m.%Y}"
    if measure is not None:
        _print_views(month_view(table[measure], f"{names.get(measure, measure)}: {title}"))
    else:
        _print_views(occupancy_view(years, names, title))
    for line in alerts_text(under, [], [], names):
        typer.echo(f"Warnung: {line}")
    if not under:
        typer.echo(f"Keine Maßnahme unter {threshold} % in {months} Monaten in Folge.")


@app.command()
def ausschreibungen(
    plan_dir: PlanOption = DEMO_PLAN,
    data_dir: DataOption = None,
    when: DateOption = None,
    year: Annotated[
        int | None, typer.Option("--jahr", help="Kalenderjahr; ohne Angabe das des Stichtags")
    ] = None,
    horizon: Annotated[
        int, typer.Option("--vorlauf", help="Monate vor Vertragsende für die Warnung")
    ] = 6,
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """Vergabekalender: Vertragsenden, Optionen und ihre Fristen, Neuvergaben; Warnung, wenn
    ein Vertrag binnen des Vorlaufs endet und keine Option mehr offen ist (Ausschreibung
    nötig), und wenn eine Optionsfrist naht (90 Tage)."""
    from amp.core.occupancy import options_due, tender_alerts, tender_calendar
    from amp.core.occupancy.tenders import TENDER_STATUS_LABELS
    from amp.reports.massnahmen import alerts_text, tender_view

    chosen = output_format(fmt, OutputFormat.TEXT, OutputFormat.JSON)
    ctx = _context(plan_dir, data_dir)
    on = _stand(ctx, when)
    names = _names(ctx)
    items = tender_calendar(ctx.data.contracts, year or on.year, on, horizon)
    alerts = tender_alerts(ctx.data.contracts, on, horizon)
    options = options_due(ctx.data.contracts, on)
    if chosen is OutputFormat.JSON:
        _json(
            {
                "stand": on,
                "kalender": [
                    {
                        "datum": i.due,
                        "vertrag": i.contract.id,
                        "massnahme": i.contract.measure,
                        "los": i.contract.lot,
                        "stand": TENDER_STATUS_LABELS[i.status],
                        "warnung": i.alert,
                        "text": i.text,
                    }
                    for i in items
                ],
                "warnungen": alerts_text([], alerts, options, names),
            }
        )
        return
    _print_views(
        tender_view(items, names, f"Vergabekalender {year or on.year}, Stand {on:%d.%m.%Y}")
    )
    for line in alerts_text([], alerts, options, names):
        typer.echo(f"Warnung: {line}")


@app.command()
def gutscheine(
    plan_dir: PlanOption = DEMO_PLAN,
    data_dir: DataOption = None,
    when: DateOption = None,
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """Bildungsgutscheine je Bildungsziel und Quartal und AVGS je Kategorie: ausgegeben und
    eingelöst gegen den Plan, Einlösequote, Ø Tage bis zur Einlösung, verfallen, offen."""
    from amp.core.occupancy import VoucherKind, voucher_status
    from amp.core.occupancy.vouchers import totals
    from amp.io.occupancy.planning import voucher_goals
    from amp.reports.massnahmen import voucher_view

    chosen = output_format(fmt, OutputFormat.TEXT, OutputFormat.JSON)
    ctx = _context(plan_dir, data_dir)
    on = _stand(ctx, when)
    rows = voucher_status(voucher_goals(ctx.plan), ctx.data.vouchers, on.year, on)
    bgs = [r for r in rows if r.goal.kind is VoucherKind.BGS]
    avgs = [r for r in rows if r.goal.kind is VoucherKind.AVGS]
    groups = sorted({r.goal.group or "" for r in bgs})
    bgs_total = [totals(rows, VoucherKind.BGS, g) for g in groups]
    if chosen is OutputFormat.JSON:
        _json(
            {
                "stand": on,
                "synthetisch": ctx.data.synthetic,
                "ziele": [
                    {
                        "art": r.goal.kind.value,
                        "ziel": r.goal.goal,
                        "gruppe": r.goal.group,
                        "geplant": r.year.planned,
                        "ausgegeben": r.year.issued,
                        "eingeloest": r.year.redeemed,
                        "einloesequote": _rate(r.year.redemption_rate),
                        "tage_bis_einloesung": _rate(r.year.mean_delay),
                        "quartale": [
                            {"geplant": q.planned, "ausgegeben": q.issued, "eingeloest": q.redeemed}
                            for q in r.quarters
                        ],
                    }
                    for r in rows
                ],
            }
        )
        return
    _synthetic_note(ctx)
    title = f"Bildungsgutscheine {on.year}, Stand {on:%d.%m.%Y}"
    _print_views(
        voucher_view([*bgs, *bgs_total], title),
        voucher_view(
            [*avgs, totals(rows, VoucherKind.AVGS)], f"AVGS {on.year}, Stand {on:%d.%m.%Y}", False
        ),
    )


@app.command()
def bilanz(
    plan_dir: PlanOption = DEMO_PLAN,
    data_dir: DataOption = None,
    when: DateOption = None,
    year: Annotated[
        int | None, typer.Option("--jahr", help="Jahr der Bilanz; ohne Angabe das des Stichtags")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Datei .pdf, .xlsx oder .html; ohne Angabe auf den Bildschirm"
        ),
    ] = None,
    kpi_dir: Annotated[
        Path | None,
        typer.Option(
            "--kennzahlen-daten",
            help="Mikrodaten der Kennzahlen (panel, beschaeftigung): der Verbleib nach sechs "
            "Monaten von dort, wo sie die Person kennen",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TEXT,
) -> None:
    """Eingliederungsbilanz je Instrument (§ 54 SGB II a.F. i.V.m. § 11 SGB III a.F.):
    Planung und Ausgaben (aus dem Vollzug), Eintritte, Ø Bestand, Anteile Frauen, LZB und
    unter 25, Eingliederungsquote sechs Monate nach Austritt, Ausgaben je Eintritt und je
    Integration. Definitionen: docs/massnahmen.md."""
    from amp.cli.common import today
    from amp.core.problems import InputProblems
    from amp.io.occupancy.context import bilanz_of
    from amp.reports.massnahmen import bilanz_view, bilanz_xlsx, render_bilanz

    chosen = output_format(fmt, OutputFormat.TEXT, OutputFormat.JSON)
    ctx = _context(plan_dir, data_dir)
    on = _stand(ctx, when)
    try:
        result = bilanz_of(ctx, year or on.year, on, kpi_dir)
    except InputProblems as exc:
        raise fail_problems(
            exc.problems, "Die Kennzahlendaten können nicht gelesen werden"
        ) from None
    micro = kpi_dir is not None
    jobcenter = ctx.plan.jobcenter.name
    if output is not None:
        if problem := output_problem(output):
            raise fail(f"--output: {problem}")
        suffix = output.suffix.lower()
        if suffix == ".pdf":
            from amp.reports.pdf import write_pdf

            write_pdf(render_bilanz(result, jobcenter, today(), ctx.data.synthetic, micro), output)
        elif suffix == ".xlsx":
            output.write_bytes(bilanz_xlsx(result, jobcenter, ctx.data.synthetic, micro))
        elif suffix in {".html", ".htm"}:
            output.write_text(
                render_bilanz(result, jobcenter, today(), ctx.data.synthetic, micro),
                encoding="utf-8",
            )
        else:
            raise fail("--output: die Datei muss auf .pdf, .xlsx oder .html enden.")
        typer.echo(f"geschrieben: {output}")
        return
    if chosen is OutputFormat.JSON:
        _json(
            {
                "jahr": result.year,
                "stand": result.as_of,
                "synthetisch": ctx.data.synthetic,
                "instrumente": [
                    {
                        "instrument": r.instrument,
                        "name": r.name,
                        "planung": r.plan,
                        "ausgaben": r.spending,
                        "eintritte": r.entries,
                        "durchschnittsbestand": _rate(r.average_stock),
                        "frauenanteil": _rate(r.women.percent),
                        "anteil_lzb": _rate(r.long_term.percent),
                        "anteil_u25": _rate(r.under_25.percent),
                        "eingliederungsquote": _rate(r.employed_after.percent),
                        "ausgaben_je_eintritt": _rate(r.cost_per_entry),
                        "ausgaben_je_integration": _rate(r.cost_per_integration),
                    }
                    for r in result.rows
                ],
            }
        )
        return
    _synthetic_note(ctx)
    view = bilanz_view(result, micro)
    _print_views(view)
    for note in view.notes:
        typer.echo(note)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="Export (.csv oder .xlsx)")],
    kind: Annotated[
        str, typer.Option("--art", help="teilnahmen, vertraege oder gutscheine")
    ] = "teilnahmen",
    plan_dir: PlanOption = DEMO_PLAN,
    data_dir: DataOption = None,
    sheet: Annotated[str | None, typer.Option("--blatt", help="Blatt der Arbeitsmappe")] = None,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--spalte",
            help="Spaltenzuordnung FELD=Spaltenkopf, z. B. --spalte person=Kunden-ID "
            "(Felder der Teilnahmen: id, person, massnahme, art, datum, grund, vertrag, frau, "
            "lzb, u25, svb)",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--vorschau", help="nur zeigen, was sich ändern würde")
    ] = False,
) -> None:
    """Liest Teilnahmen (Zuweisung, Eintritt, Austritt, Nichtantritt), Verträge oder
    Gutscheine aus einem Export ein (Fachverfahren oder Trägerportal).

    Erst die Vorschau (neu, geändert, unverändert, abgelehnt), dann alles oder nichts.
    Dieselbe Datei noch einmal einzulesen ändert nichts (die Kennungen sind der Schlüssel).

    Exit-Code 1: abgelehnte Zeilen, nichts wurde gespeichert; 2: Datei nicht lesbar.
    """
    from amp.core.problems import InputProblems
    from amp.io.occupancy.importer import apply_import, preview_import
    from amp.io.occupancy.readers import KIND_LABELS, Kind
    from amp.io.occupancy.store import DIRECTORY

    try:
        chosen = Kind(kind)
    except ValueError:
        raise fail(f"--art „{kind}“: teilnahmen, vertraege oder gutscheine.") from None
    mapping: dict[str, str] | None = None
    if columns:
        mapping = {}
        for pair in columns:
            key, sep, header = pair.partition("=")
            if not sep or not key.strip() or not header.strip():
                raise fail(f"--spalte „{pair}“: als FELD=Spaltenkopf angeben.")
            mapping[key.strip()] = header.strip()
    target = data_dir or plan_dir / DIRECTORY
    try:
        result = preview_import(target, chosen, file, mapping, sheet)
    except InputProblems as exc:
        raise fail_problems(exc.problems, f"{file} kann nicht gelesen werden") from None
    typer.echo(
        f"{KIND_LABELS[chosen]} aus {file}: {result.rows} Zeilen – "
        + ", ".join(f"{n} {label}" for label, n in result.counts().items())
    )
    if result.refused:
        from amp.reports.presenter import problem_lines

        raise fail(
            "Abgelehnte Zeilen; nichts wurde gespeichert",
            problem_lines(result.refused),
            code=EXIT_FINDINGS,
        )
    if dry_run:
        typer.echo("Vorschau: nichts gespeichert.")
        return
    apply_import(target, result)
    typer.echo(f"Gespeichert in {target}.")


def register(main_app: typer.Typer) -> None:
    main_app.add_typer(app, name="massnahmen")
