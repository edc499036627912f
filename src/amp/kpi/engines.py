"""Run the base-series SQL (basesql.py) on DuckDB or Spark and collect the results.

Both engines execute the very same statements; only reading the files and materializing
intermediate views differ.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import duckdb

from amp.kpi import basesql
from amp.kpi.dialect import DUCKDB, SPARK, Dialect
from amp.kpi.inputs import (
    InputError,
    InputFiles,
    SourceTypes,
    file_problem,
    locate,
    validate,
)
from amp.kpi.params import Params
from amp.kpi.schema import TABLES, month_index

Number = int | Decimal
Progress = Callable[[str], None]


@dataclass
class BaseData:
    """Monthly base series per Jobcenter: series[column][(jobcenter, month)] = value."""

    first_month: int
    last_month: int
    has_spells: bool
    jobcenters: list[str]
    series: dict[str, dict[tuple[str, int], Number]] = field(default_factory=dict)

    def get(self, column: str, jobcenter: str, month: int) -> Number:
        return self.series.get(column, {}).get((jobcenter, month), 0)


class Executor(Protocol):
    dialect: Dialect

    def materialize(self, name: str, sql: str) -> None: ...

    def view(self, name: str, sql: str) -> None: ...

    def register_months(self, rows: list[tuple[int, int, int]]) -> None: ...

    def fetch(self, sql: str) -> Sequence[Sequence[Any]]: ...


def months_table(first: int, last: int) -> list[tuple[int, int, int]]:
    """(month key, day number of the Stichtag = last day of month, year)."""
    epoch = dt.date(1970, 1, 1)
    rows = []
    for m in range(first, last + 1):
        year, month = divmod(m, 12)
        last_day = dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])
        rows.append((m, (last_day - epoch).days, year))
    return rows


def _norm(value: Any) -> Number:
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return value
    return int(value)


MonthChoice = int | str | None
"""A reporting month key, "latest", or None for all months (needed by the targets)."""


def rows_needed(target: int, params: Params, has_spells: bool) -> tuple[int, int]:
    """Panel months the figures of reporting month M read, and no more.

    Movements and integrations of the months M-11 … M come from the person-months one
    month earlier (M-12 …), and an integration needs to know whether that person-month
    follows one in the same Jobcenter (M-13); the K2-type denominators average the stock
    of M-11-offset … M-offset; Vorjahr comparisons need M-12. Exits and integrations are
    counted in the month after the person-month, so nothing after M is read. The
    month-level LZB approximation needs 23 more months of history. Coverage checks use
    the unfiltered data range."""
    first = target - max(13, 11 + params.denominator_offset)
    if not has_spells:
        first -= params.lzb_window_months - 1
    return first, target


def progress_steps(params: Params, has_spells: bool) -> int:
    """How often run_sql reports progress: once per prepared view and per aggregate."""
    return len(basesql.staging_steps(DUCKDB, params, has_spells)) + len(basesql.AGGREGATES)


def prepare(
    ex: Executor,
    has_spells: bool,
    params: Params,
    progress: Progress | None = None,
    month: MonthChoice = None,
) -> tuple[int, int]:
    """Create the prepared views (basesql.staging_steps); the first and last panel month."""
    # month texts (validated YYYY-MM, maybe with a day) sort in calendar order
    bounds = ex.fetch("SELECT MIN(monat), MAX(monat) FROM n_panel")[0]
    first, last = month_index(str(bounds[0])), month_index(str(bounds[1]))
    ex.register_months(months_table(first - 1, last + 1))
    month_range = None
    if month is not None:
        target = last - params.waiting_months if month == "latest" else int(month)
        month_range = rows_needed(target, params, has_spells)
    for prepared in basesql.staging_steps(ex.dialect, params, has_spells, month_range):
        if progress is not None:
            progress(f"Vorbereitung: {prepared.name}")
        if prepared.keep:
            ex.materialize(prepared.name, prepared.sql)
        else:
            ex.view(prepared.name, prepared.sql)
    return first, last


def run_sql(
    ex: Executor,
    has_spells: bool,
    params: Params,
    jobcenter: str | None,
    progress: Progress | None = None,
    month: MonthChoice = None,
) -> BaseData:
    def step(label: str) -> None:
        if progress is not None:
            progress(label)

    first, last = prepare(ex, has_spells, params, progress, month)
    data = BaseData(first, last, has_spells, [])
    for agg in basesql.AGGREGATES:
        step(f"Grundgrößen: {agg.name}")
        cols = agg.columns()
        for col in cols:
            data.series[col] = {}
        for row in ex.fetch(basesql.aggregate_sql(agg, jobcenter)):
            key = (str(row[0]), int(row[1]))
            for col, value in zip(cols, row[2:], strict=True):
                data.series[col][key] = _norm(value)
    # every panel row in the months read counts towards the money series
    jcs = sorted({jc for jc, _m in data.series["llu__insgesamt"]})
    if jobcenter is not None and jobcenter not in jcs:
        raise InputError(
            [file_problem("panel", None, "jobcenter", f"Jobcenter „{jobcenter}“ kommt nicht vor")]
        )
    data.jobcenters = [jobcenter] if jobcenter else jcs
    return data


class DuckDBExecutor:
    dialect = DUCKDB

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def materialize(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def view(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")

    def register_months(self, rows: list[tuple[int, int, int]]) -> None:
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE months (m INTEGER, st INTEGER, year INTEGER)"
        )
        self.con.executemany("INSERT INTO months VALUES (?, ?, ?)", rows)

    def fetch(self, sql: str) -> Sequence[Sequence[Any]]:
        return self.con.execute(sql).fetchall()


def duckdb_connection() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    # DuckDB's own progress bar writes to stdout, into the CSV/JSON output of long runs
    con.execute("SET enable_progress_bar = false")
    # spill files go to the system's temp directory, never into the working directory
    spill = Path(tempfile.gettempdir()) / "amp-kpi-duckdb"
    con.execute("SET temp_directory = ?", [str(spill)])
    threads = os.environ.get("AMP_KPI_THREADS")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    memory = os.environ.get("AMP_KPI_MEMORY_LIMIT")  # e.g. "9GB"; DuckDB spills beyond it
    if memory:
        con.execute("SET memory_limit = ?", [memory])
    return con


def load_and_validate(
    input_dir: Path,
) -> tuple[duckdb.DuckDBPyConnection, InputFiles, SourceTypes]:
    inputs = locate(input_dir)
    con = duckdb_connection()
    types = validate(con, inputs)
    return con, inputs, types


def native_ids(types: SourceTypes) -> bool:
    """Keep person ids in their own type when every file has the same non-text type."""
    kinds = {t.get("person_id", "VARCHAR") for t in types.values()}
    return len(kinds) == 1 and kinds != {"VARCHAR"}


def compute_duckdb(
    input_dir: Path,
    params: Params,
    jobcenter: str | None = None,
    progress: Progress | None = None,
    month: MonthChoice = None,
) -> BaseData:
    con, has_spells = open_duckdb(input_dir)
    try:
        return run_sql(DuckDBExecutor(con), has_spells, params, jobcenter, progress, month)
    finally:
        con.close()


def open_duckdb(input_dir: Path) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A connection with the validated input files as typed views n_*; whether there are
    day-precise spells."""
    con, inputs, types = load_and_validate(input_dir)
    # CSV line numbers are taken during validation; order no longer matters afterwards
    con.execute("SET preserve_insertion_order = false")
    keep = native_ids(types)
    for table in TABLES:
        if table.name in types:
            sql = basesql.normalize_sql(
                table, f"scan_{table.name}", types[table.name], keep, quote='"'
            )
            con.execute(f"CREATE OR REPLACE TEMP VIEW n_{table.name} AS {sql}")
    return con, inputs.has_spells


class SparkExecutor:
    dialect = SPARK

    def __init__(self, spark: Any) -> None:
        self.spark = spark

    def materialize(self, name: str, sql: str) -> None:
        df = self.spark.sql(sql)
        df.cache()
        df.createOrReplaceTempView(name)

    def view(self, name: str, sql: str) -> None:
        self.spark.sql(sql).createOrReplaceTempView(name)

    def register_months(self, rows: list[tuple[int, int, int]]) -> None:
        df = self.spark.createDataFrame(rows, "m INT, st INT, year INT")
        df.createOrReplaceTempView("months")

    def fetch(self, sql: str) -> Sequence[Sequence[Any]]:
        return [tuple(r) for r in self.spark.sql(sql).collect()]


class SparkUnavailable(RuntimeError):
    pass


def spark_session(master: str | None = None) -> Any:
    """The running SparkSession, or a new one; raises SparkUnavailable (German message).

    Master: the argument (e.g. spark://host:7077, yarn, k8s://…), else AMP_KPI_SPARK_MASTER,
    else local[*]. Under spark-submit the session configured there is used as it is; a
    running session is reused only when it runs on the master asked for."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkUnavailable(
            "PySpark ist nicht installiert (Zusatz „spark“: pip install 'amp[spark]')."
        ) from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        running = active.sparkContext.master
        if master is None or master == running:
            return active
        raise SparkUnavailable(
            f"In diesem Prozess läuft bereits eine Spark-Sitzung mit Master „{running}“; "
            f"„{master}“ kann daneben nicht gestartet werden."
        )
    wanted = master or os.environ.get("AMP_KPI_SPARK_MASTER")
    # spark-submit starts the Python driver with the gateway port set and passes master,
    # memory and partitions itself; they are not overridden then
    submitted = wanted is None and "PYSPARK_GATEWAY_PORT" in os.environ
    builder = SparkSession.builder.appName("amp-kpi")
    if not submitted:
        wanted = wanted or "local[*]"
        builder = builder.master(wanted).config("spark.ui.enabled", "false")
        if wanted.startswith("local"):
            builder = builder.config("spark.sql.shuffle.partitions", "4")
    try:
        session = builder.getOrCreate()
    except Exception as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SparkUnavailable(
            f"Spark konnte nicht starten (Master „{wanted or 'spark-submit'}“; Java 17 nötig):"
            f" {first}"
        ) from exc
    session.conf.set("spark.sql.session.timeZone", "UTC")
    return session


def compute_spark(
    input_dir: Path,
    params: Params,
    jobcenter: str | None = None,
    progress: Progress | None = None,
    spark: Any = None,
    month: MonthChoice = None,
    master: str | None = None,
) -> BaseData:
    session = spark if spark is not None else spark_session(master)
    has_spells = open_spark(input_dir, session)
    ex = SparkExecutor(session)
    try:
        return run_sql(ex, has_spells, params, jobcenter, progress, month)
    finally:
        session.catalog.clearCache()


def open_spark(input_dir: Path, session: Any) -> bool:
    """The validated input files as typed temp views n_* of the session; whether there are
    day-precise spells."""
    # Validation (and its German messages with row numbers) is shared: DuckDB reads the files.
    con, inputs, _types = load_and_validate(input_dir)
    con.close()
    for table in TABLES:
        path = inputs.files.get(table.name)
        if path is None:
            continue
        if path.suffix == ".csv":
            df = session.read.option("header", "true").csv(str(path))
        else:
            df = session.read.parquet(str(path))
        present = set(df.columns)
        exprs = [
            f"CAST(`{c.name}` AS STRING) AS `{c.name}`"
            if c.name in present
            else f"CAST(NULL AS STRING) AS `{c.name}`"
            for c in table.columns
        ]
        df.selectExpr(*exprs).createOrReplaceTempView(f"raw_{table.name}")
        # Spark reads every column as text and normalizes it with the same function
        normalized = basesql.normalize_sql(table, f"raw_{table.name}", {}, native_id=False)
        session.sql(normalized).createOrReplaceTempView(f"n_{table.name}")
    return inputs.has_spells
