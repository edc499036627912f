"""`amp kpi`: compute the § 48a SGB II figures and generate synthetic microdata.

DuckDB, Spark and numpy are imported by the command that needs them, not by `amp`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amp.cli.common import (
    EXIT_FAILED,
    FORMAT_HELP,
    OutputFormat,
    console,
    fail,
    fail_problems,
    output_format,
    output_path,
)
from amp.core import formatting

# `-f` as before: the kpi commands had it from the start
KpiFormat = Annotated[OutputFormat, typer.Option("--format", "-f", help=FORMAT_HELP)]

if TYPE_CHECKING:
    from rich.progress import Progress

    from amp.kpi.inputs import InputError

app = typer.Typer(
    help="Kennzahlen nach § 48a SGB II aus Einzeldaten berechnen und Testdaten erzeugen.",
    no_args_is_help=True,
    add_completion=False,
)


class EngineName(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _bad_input(exc: InputError) -> typer.Exit:
    return fail_problems(
        exc.problems, "Die Eingabedaten sind fehlerhaft; es wurde nichts berechnet"
    )


def _progress(label: str) -> Progress:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn(label),
        BarColumn(),
        TimeElapsedColumn(),
        console=console(stderr=True),
        transient=True,
    )


@app.command()
def compute(
    input_dir: Annotated[
        Path,
        typer.Argument(
            metavar="EINGABE",
            help="Verzeichnis mit panel, ereignisse, beschaeftigung (und zeitraeume) "
            "als .parquet oder .csv",
        ),
    ],
    month: Annotated[
        str,
        typer.Option(
            "--month",
            "-m",
            help="Berichtsmonat JJJJ-MM oder „latest“ (neuester Monat nach Ablauf der Wartezeit)",
        ),
    ] = "latest",
    engine: Annotated[
        EngineName, typer.Option(help="Rechenwerk: duckdb (Standard) oder spark")
    ] = EngineName.duckdb,
    master: Annotated[
        str | None,
        typer.Option(
            "--master",
            help="Spark-Master für --engine spark, z. B. spark://host:7077, yarn oder "
            "k8s://https://host:443 (Standard: AMP_KPI_SPARK_MASTER, sonst local[*])",
        ),
    ] = None,
    jobcenter: Annotated[str | None, typer.Option(help="nur dieses Jobcenter berechnen")] = None,
    output: KpiFormat = OutputFormat.TEXT,
    internal: Annotated[
        bool,
        typer.Option(
            "--intern",
            help="ohne Sperrung kleiner Fallzahlen (nur für den internen Gebrauch)",
        ),
    ] = False,
    waiting_months: Annotated[
        int, typer.Option("--wartezeit", min=0, help="Wartezeit in Monaten")
    ] = 3,
    denominator_offset: Annotated[
        int,
        typer.Option("--nenner-versatz", min=0, help="Versatz des Nenners der Quoten in Monaten"),
    ] = 1,
) -> None:
    """Alle Kennzahlen und Ergänzungsgrößen je Jobcenter für einen Berichtsmonat.

    Formate: text, csv, json.
    """
    import duckdb

    from amp.kpi.engines import (
        BaseData,
        SparkUnavailable,
        compute_duckdb,
        compute_spark,
        progress_steps,
    )
    from amp.kpi.figures import compute_figures, latest_month, publish
    from amp.kpi.inputs import InputError, locate
    from amp.kpi.params import Params
    from amp.kpi.render import as_csv, as_json, figure_tables
    from amp.kpi.schema import month_index, month_text

    output = output_format(output, OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON)
    if month != "latest" and not MONTH_RE.match(month):
        raise fail(f"Berichtsmonat „{month}“ ist ungültig (erwartet JJJJ-MM oder latest).")
    if master is not None and engine is not EngineName.spark:
        raise fail("--master gilt nur mit --engine spark.")
    params = Params(waiting_months=waiting_months, denominator_offset=denominator_offset)
    try:
        steps = progress_steps(params, locate(input_dir).has_spells)
    except InputError as exc:
        raise _bad_input(exc) from None
    data: BaseData
    with _progress("{task.description}") as bar:
        task = bar.add_task("Eingaben prüfen", total=steps)

        def advance(label: str) -> None:
            bar.update(task, advance=1, description=label)

        try:
            wanted = "latest" if month == "latest" else month_index(month)
            if engine is EngineName.spark:
                data = compute_spark(
                    input_dir, params, jobcenter, advance, month=wanted, master=master
                )
            else:
                data = compute_duckdb(input_dir, params, jobcenter, advance, month=wanted)
        except InputError as exc:
            bar.stop()
            raise _bad_input(exc) from None
        except SparkUnavailable as exc:
            bar.stop()
            raise fail(str(exc), code=EXIT_FAILED) from None
        except (duckdb.Error, OSError) as exc:
            bar.stop()
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise fail(f"Die Berechnung ist abgebrochen: {first}", code=EXIT_FAILED) from None
        bar.update(task, completed=steps)
    target = latest_month(data, params) if month == "latest" else month_index(month)
    results = compute_figures(data, target, params)
    if not internal:
        results = [publish(r, params) for r in results]
    if output is OutputFormat.CSV:
        typer.echo(as_csv(results), nl=False)
    elif output is OutputFormat.JSON:
        meta = {
            "berichtsmonat": month_text(target),
            "rechenwerk": engine.value,
            **({"spark_master": master} if master else {}),
            "veroeffentlichung": not internal,
            "parameter": {
                "wartezeit_monate": params.waiting_months,
                "nenner_versatz_monate": params.denominator_offset,
                "lzb": "tagesgenau (638 von 730 Tagen)"
                if data.has_spells
                else "Näherung: 21 von 24 Monaten",
            },
        }
        typer.echo(as_json(results, meta))
    else:
        from rich.table import Table

        out = console()
        for shown in figure_tables(results):
            table = Table(title=shown.title)
            for i, column in enumerate(shown.columns):
                table.add_column(column, justify="right" if i >= 2 else "left")
            for row in shown.rows:
                table.add_row(*row)
            out.print(table)
            for note in shown.notes:
                out.print(f"  {note}", markup=False)


@app.command()
def synth(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Zielverzeichnis für die Parquet-Dateien [Pflicht]"),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", hidden=True)] = None,
    jobcenters: Annotated[int, typer.Option("--jobcenters", min=1, help="Zahl der Jobcenter")] = 1,
    elb: Annotated[
        int, typer.Option("--elb", min=1, help="eLb-Bestand insgesamt (über alle Jobcenter)")
    ] = 20_000,
    months: Annotated[int, typer.Option("--months", min=1, max=240, help="Zahl der Monate")] = 36,
    seed: Annotated[int, typer.Option("--seed", help="Startwert des Zufallsgenerators")] = 1,
    first_month: Annotated[
        str, typer.Option("--erster-monat", help="erster Monat des Panels (JJJJ-MM)")
    ] = "2022-01",
) -> None:
    """Synthetische Einzeldaten (Panel, Zeiträume, Ereignisse, Beschäftigung) erzeugen."""
    target = output_path(output, ("--out", out))
    if target is None:
        raise fail("Es fehlt die Option --output.")
    if not MONTH_RE.match(first_month):
        raise fail(f"Monat „{first_month}“ ist ungültig (erwartet JJJJ-MM).")
    from amp.kpi.synth import SynthSpec, generate  # numpy/pyarrow only when generating

    spec = SynthSpec(jobcenters, elb, months, seed, first_month)
    with _progress("Jobcenter {task.completed}/{task.total}") as bar:
        task = bar.add_task("synth", total=jobcenters)
        try:
            counts = generate(spec, target, lambda done, _total: bar.update(task, completed=done))
        except OSError as exc:
            raise fail(f"{target}: kann nicht geschrieben werden ({exc.strerror}).") from None
    console(stderr=True).print(
        f"Geschrieben nach {target}: "
        + ", ".join(f"{name} {formatting.count(n)} Zeilen" for name, n in counts.items()),
        markup=False,
    )


@app.command()
def kennzahlen() -> None:
    """Die Kennzahlen und Ergänzungsgrößen mit Fundstelle auflisten."""
    from amp.kpi.figures import FIGURES

    for fig in FIGURES:
        typer.echo(f"{fig.code:5} {fig.paragraph:18} {fig.name}")


@app.command()
def ziele(
    input_dir: Annotated[Path, typer.Argument(metavar="EINGABE", help="Eingabeverzeichnis")],
    targets_file: Annotated[
        Path,
        typer.Option("--ziele", help="CSV mit den Spalten jobcenter, jahr, integrationen"),
    ],
    month: Annotated[str, typer.Option("--month", "-m", help="JJJJ-MM oder latest")] = "latest",
    output: KpiFormat = OutputFormat.TEXT,
) -> None:
    """Zielerreichung Integrationen: Stand, Jahresfortschrittswert und Hochrechnung.

    Formate: text, csv, json.
    """
    from amp.kpi.engines import compute_duckdb
    from amp.kpi.figures import latest_month
    from amp.kpi.inputs import InputError
    from amp.kpi.params import Params
    from amp.kpi.render import german_number
    from amp.kpi.schema import month_index, month_text
    from amp.kpi.targets import progress, read_targets

    output = output_format(output, OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON)
    if month != "latest" and not MONTH_RE.match(month):
        raise fail(f"Berichtsmonat „{month}“ ist ungültig (erwartet JJJJ-MM oder latest).")
    params = Params()
    try:
        targets = read_targets(targets_file)
        data = compute_duckdb(input_dir, params)
    except InputError as exc:
        raise _bad_input(exc) from None
    target_month = latest_month(data, params) if month == "latest" else month_index(month)
    rows = [
        progress(data, t, target_month, params)
        for t in targets
        if t.jobcenter in data.jobcenters and t.year == target_month // 12
    ]
    if not rows:
        raise fail(f"Kein Ziel für das Jahr {target_month // 12} und die Jobcenter der Daten.")
    if output is OutputFormat.TEXT:
        from rich.table import Table

        table = Table(
            title=f"Zielerreichung Integrationen, Berichtsmonat {month_text(target_month)}"
        )
        for col in ("Jobcenter", "Ziel", "Ist", "Erreicht", "JFW", "Hochrechnung", "Verfahren"):
            table.add_column(col, justify="left" if col in ("Jobcenter", "Verfahren") else "right")
        for r in rows:
            if r.reason:
                table.add_row(r.jobcenter, str(r.target), "–", "–", "–", "–", r.reason)
                continue
            table.add_row(
                r.jobcenter,
                formatting.count(r.target),
                formatting.count(r.achieved),
                f"{german_number(r.progress)} %" if r.progress is not None else "–",
                f"{german_number(r.jfw)} %" if r.jfw is not None else "–",
                formatting.count(r.projection) if r.projection is not None else "–",
                r.projection_method,
            )
        console().print(table)
        return
    records = [
        {
            "jobcenter": r.jobcenter,
            "berichtsmonat": r.month,
            "ziel": r.target,
            "ist": r.achieved,
            "erreicht_prozent": None if r.progress is None else str(r.progress),
            "jahresfortschrittswert": None if r.jfw is None else str(r.jfw),
            "hochrechnung": r.projection,
            "verfahren": r.projection_method,
            "hinweis": r.reason,
        }
        for r in rows
    ]
    if output is OutputFormat.JSON:
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        typer.echo(buffer.getvalue(), nl=False)


@app.command("vollzug")
def execution(
    input_dir: Annotated[
        Path,
        typer.Argument(
            metavar="EINGABE",
            help="Verzeichnis mit buchungen und ansaetze (.csv, .parquet oder ein "
            "Verzeichnis mit Parquet-Dateien, z. B. nach Jobcenter und Monat partitioniert)",
        ),
    ],
    year: Annotated[int, typer.Option("--jahr", min=2000, max=2100, help="Haushaltsjahr")],
    through: Annotated[
        int | None,
        typer.Option(
            "--stand",
            min=1,
            max=12,
            help="letzter Monat (1–12); ohne Angabe: der letzte Monat mit Buchungen",
        ),
    ] = None,
    engine: Annotated[
        EngineName, typer.Option(help="Rechenwerk: duckdb (Standard) oder spark")
    ] = EngineName.duckdb,
    master: Annotated[
        str | None,
        typer.Option("--master", help="Spark-Master für --engine spark, z. B. spark://host:7077"),
    ] = None,
    output: KpiFormat = OutputFormat.TEXT,
) -> None:
    """Ausschöpfung vieler Jobcenter: Ist je Monat und seit Jahresbeginn gegen den Plan.

    Für ein Land oder den Bund über die Buchungen aller Jobcenter, auf DuckDB oder Spark
    (auch auf einem Cluster). Buchungen auf Planzeilen ohne Ansatz zählen mit und werden
    als „ohne Planansatz“ genannt. Formate: text, csv, json.
    """
    import duckdb

    from amp.kpi.engines import SparkUnavailable
    from amp.kpi.execution import execution_duckdb, execution_spark
    from amp.kpi.inputs import InputError

    output = output_format(output, OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON)
    if master is not None and engine is not EngineName.spark:
        raise fail("--master gilt nur mit --engine spark.")
    try:
        if engine is EngineName.spark:
            result = execution_spark(input_dir, year, through, master=master)
        else:
            result = execution_duckdb(input_dir, year, through)
    except InputError as exc:
        raise _bad_input(exc) from None
    except SparkUnavailable as exc:
        raise fail(str(exc), code=EXIT_FAILED) from None
    except (duckdb.Error, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise fail(f"Die Berechnung ist abgebrochen: {first}", code=EXIT_FAILED) from None
    records = [
        {
            "jobcenter": row.jobcenter,
            "monat": f"{year}-{row.month:02d}",
            "ist_monat": str(row.actual),
            "ist_kumuliert": str(row.cumulative),
            "plan": str(row.plan),
            "ausschoepfung_prozent": "" if row.share is None else str(row.share),
        }
        for row in result.rows
    ]
    if output is OutputFormat.JSON:
        document = {
            "jahr": year,
            "stand_monat": result.through,
            "rechenwerk": engine.value,
            "monate": records,
            "ohne_planansatz": {jc: str(amount) for jc, amount in result.unplanned.items()},
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif output is OutputFormat.CSV:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        typer.echo(buffer.getvalue(), nl=False)
    else:
        from rich.table import Table

        table = Table(title=f"Ausschöpfung {year}, Stand Ende {result.through:02d}/{year}")
        for column in (
            "Jobcenter",
            "Ist im Monat",
            "Ist seit Jahresbeginn",
            "Plan",
            "Ausschöpfung",
        ):
            table.add_column(column, justify="left" if column == "Jobcenter" else "right")
        for row in result.at_stand():
            table.add_row(
                row.jobcenter,
                formatting.money(row.actual),
                formatting.money(row.cumulative),
                formatting.money(row.plan),
                "–" if row.share is None else formatting.percent(row.share),
            )
        out = console()
        out.print(table)
        for jc, amount in result.unplanned.items():
            out.print(f"  {jc}: {formatting.money(amount)} ohne Planansatz", markup=False)


def register(main_app: typer.Typer) -> None:
    main_app.add_typer(app, name="kpi")
