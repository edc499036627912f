"""Ausschöpfung over many Jobcenters: the Land-level aggregation of in-year execution.

A Land (or the Bund) collects from every Jobcenter its bookings by plan line and the plan
of the year, and asks per Jobcenter and month: what was spent in the month, what since
1 January, against which plan — the Ausschöpfung. One SQL definition runs on DuckDB or on
Spark (local or a cluster), the engines of the indicators; sums are exact decimals on both.

Input directory (CSV with a header row or Parquet; each table also as a directory of
Parquet files, e.g. partitioned `buchungen/jobcenter=…/monat=…/teil-0.parquet`):

    buchungen   jobcenter, planzeile, datum (JJJJ-MM-TT), betrag (Euro, Punkt als Komma)
    ansaetze    jobcenter, jahr, planzeile, ansatz (Euro)

Bookings on a line without a plan amount of the year count towards the Jobcenter's actual
and are reported as "ohne Planansatz" (never dropped). Problems with the input are
reported with file, column and (for CSV) row, all at once, before anything is computed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from amp.core.money import round_half_up
from amp.kpi.inputs import InputError, file_problem

BOOKINGS = "buchungen"
PLANS = "ansaetze"
COLUMNS = {
    BOOKINGS: ("jobcenter", "planzeile", "datum", "betrag"),
    PLANS: ("jobcenter", "jahr", "planzeile", "ansatz"),
}
# the typed views both engines compute from; text is trimmed, amounts are DECIMAL(18,2)
TYPED = {
    BOOKINGS: (
        "TRIM(CAST(jobcenter AS STRING)) AS jobcenter, "
        "TRIM(CAST(planzeile AS STRING)) AS planzeile, "
        "CAST(TRIM(CAST(datum AS STRING)) AS DATE) AS datum, "
        "CAST(TRIM(CAST(betrag AS STRING)) AS DECIMAL(18,2)) AS betrag"
    ),
    PLANS: (
        "TRIM(CAST(jobcenter AS STRING)) AS jobcenter, "
        "CAST(TRIM(CAST(jahr AS STRING)) AS INTEGER) AS jahr, "
        "TRIM(CAST(planzeile AS STRING)) AS planzeile, "
        "CAST(TRIM(CAST(ansatz AS STRING)) AS DECIMAL(18,2)) AS ansatz"
    ),
}


@dataclass(frozen=True, slots=True)
class MonthRow:
    """One Jobcenter in one month of the year."""

    jobcenter: str
    month: int  # 1 … 12
    actual: Decimal  # bookings of the month (Rückforderungen negative)
    cumulative: Decimal  # since 1 January
    plan: Decimal  # the plan of the year, all lines

    @property
    def share(self) -> Decimal | None:
        """Ausschöpfung in percent, two places; None without a plan."""
        if self.plan == 0:
            return None
        return round_half_up(self.cumulative * 100 / self.plan, 2)


@dataclass
class Execution:
    year: int
    through: int  # the last month computed (the Stand)
    rows: list[MonthRow]
    unplanned: dict[str, Decimal] = field(default_factory=dict)  # per Jobcenter

    @property
    def jobcenters(self) -> list[str]:
        return sorted({row.jobcenter for row in self.rows})

    def at_stand(self) -> list[MonthRow]:
        """Per Jobcenter its row of the last month: the Ausschöpfung at the Stand."""
        return [row for row in self.rows if row.month == self.through]


def execution_sql(year: int, through: int) -> dict[str, str]:
    """The statements, over the views `buchungen` and `ansaetze`; same text for both engines."""
    months = " UNION ALL ".join(f"SELECT {m} AS m" for m in range(1, through + 1))
    return {
        "months": f"""
            WITH plan AS (
              SELECT jobcenter, SUM(ansatz) AS plan FROM ansaetze
              WHERE jahr = {year} GROUP BY jobcenter
            ), booked AS (
              SELECT jobcenter, MONTH(datum) AS m, SUM(betrag) AS actual FROM buchungen
              WHERE YEAR(datum) = {year} AND MONTH(datum) <= {through}
              GROUP BY jobcenter, MONTH(datum)
            ), jcs AS (
              SELECT jobcenter FROM plan UNION SELECT jobcenter FROM booked
            ), grid AS (
              SELECT jcs.jobcenter, months.m FROM jcs CROSS JOIN ({months}) months
            )
            SELECT grid.jobcenter, grid.m,
                   COALESCE(booked.actual, CAST(0 AS DECIMAL(18,2))) AS actual,
                   SUM(COALESCE(booked.actual, CAST(0 AS DECIMAL(18,2)))) OVER (
                     PARTITION BY grid.jobcenter ORDER BY grid.m
                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative,
                   COALESCE(plan.plan, CAST(0 AS DECIMAL(18,2))) AS plan
            FROM grid
            LEFT JOIN booked ON booked.jobcenter = grid.jobcenter AND booked.m = grid.m
            LEFT JOIN plan ON plan.jobcenter = grid.jobcenter
            ORDER BY grid.jobcenter, grid.m""",
        "unplanned": f"""
            SELECT b.jobcenter, SUM(b.betrag) AS amount FROM buchungen b
            WHERE YEAR(b.datum) = {year} AND MONTH(b.datum) <= {through}
              AND NOT EXISTS (
                SELECT 1 FROM ansaetze a
                WHERE a.jobcenter = b.jobcenter AND a.planzeile = b.planzeile
                  AND a.jahr = {year})
            GROUP BY b.jobcenter ORDER BY b.jobcenter""",
        "last_month": f"""
            SELECT MAX(MONTH(datum)) FROM buchungen WHERE YEAR(datum) = {year}""",
    }


Fetch = Callable[[str], Sequence[Sequence[Any]]]


def run(fetch: Fetch, year: int, through: int | None) -> Execution:
    """The aggregation on an engine whose views `buchungen` and `ansaetze` are typed."""
    if through is None:
        last = fetch(execution_sql(year, 12)["last_month"])[0][0]
        through = int(last) if last is not None else 12
    if not 1 <= through <= 12:
        raise ValueError("der Stand-Monat liegt zwischen 1 und 12")
    sql = execution_sql(year, through)
    rows = [
        MonthRow(str(jc), int(m), Decimal(actual), Decimal(cumulative), Decimal(plan))
        for jc, m, actual, cumulative, plan in fetch(sql["months"])
    ]
    unplanned = {str(jc): Decimal(amount) for jc, amount in fetch(sql["unplanned"])}
    return Execution(year, through, rows, unplanned)


# ---------------------------------------------------------------- reading the files


def locate(directory: Path) -> dict[str, tuple[Path, str]]:
    """Each table's file or directory and its kind (csv, parquet); InputError if missing."""
    found: dict[str, tuple[Path, str]] = {}
    problems = []
    for table in COLUMNS:
        candidates = [
            (directory / f"{table}.parquet", "parquet"),
            (directory / f"{table}.csv", "csv"),
            (directory / table, "parquet"),
        ]
        present = [(p, kind) for p, kind in candidates if p.exists()]
        if not present:
            problems.append(
                file_problem(
                    table,
                    None,
                    None,
                    f"fehlt: {table}.csv, {table}.parquet oder ein Verzeichnis {table}/ "
                    f"mit Parquet-Dateien in {directory}",
                )
            )
            continue
        found[table] = present[0]
    if problems:
        raise InputError(problems)
    return found


def _literal(path: Path | str) -> str:
    """A path as an SQL string literal (a quote in a folder name cannot end it)."""
    return "'" + str(path).replace("'", "''") + "'"


def _duckdb_source(path: Path, kind: str) -> str:
    if kind == "csv":
        return f"read_csv({_literal(path)}, header = true, all_varchar = true)"
    if path.is_dir():
        return f"read_parquet({_literal(f'{path}/**/*.parquet')}, hive_partitioning = true)"
    return f"read_parquet({_literal(path)})"


def _validate(con: Any, table: str, label: str, source: str, kind: str) -> list[Any]:
    """Missing columns and values that are no date or amount, with their rows (CSV)."""
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    missing = [c for c in COLUMNS[table] if c not in present]
    if missing:
        return [file_problem(label, None, c, "Spalte fehlt") for c in missing]
    problems = []
    checks = {
        BOOKINGS: {"datum": "DATE", "betrag": "DECIMAL(18,2)"},
        PLANS: {"jahr": "INTEGER", "ansatz": "DECIMAL(18,2)"},
    }[table]
    words = {"DATE": "kein Datum (JJJJ-MM-TT)", "INTEGER": "keine ganze Zahl"}
    for column, sql_type in checks.items():
        bad = con.execute(
            f"SELECT row, value FROM (SELECT row_number() OVER () + 1 AS row, "
            f"TRIM(CAST({column} AS VARCHAR)) AS value FROM {source}) "
            f"WHERE value IS NULL OR value = '' OR TRY_CAST(value AS {sql_type}) IS NULL "
            "LIMIT 20"
        ).fetchall()
        for row, value in bad:
            message = words.get(sql_type, "kein Betrag in Euro (z. B. 1234.56)")
            shown = "leer" if not value else f"„{value}“: {message}"
            problems.append(file_problem(label, int(row) if kind == "csv" else None, column, shown))
    for column in ("jobcenter", "planzeile"):
        empty = con.execute(
            f"SELECT COUNT(*) FROM {source} WHERE TRIM(CAST({column} AS VARCHAR)) = '' "
            f"OR {column} IS NULL"
        ).fetchone()[0]
        if empty:
            problems.append(
                file_problem(
                    label, None, column, f"{empty} {'Zeile' if empty == 1 else 'Zeilen'} ohne Wert"
                )
            )
    return problems


def _duckdb_views(con: Any, directory: Path) -> dict[str, tuple[Path, str]]:
    located = locate(directory)
    problems = []
    for table, (path, kind) in located.items():
        problems.extend(_validate(con, table, path.name, _duckdb_source(path, kind), kind))
    if problems:
        raise InputError(problems)
    for table, (path, kind) in located.items():
        typed = TYPED[table].replace("AS STRING", "AS VARCHAR")
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {table} AS "
            f"SELECT {typed} FROM {_duckdb_source(path, kind)}"
        )
    return located


def execution_duckdb(directory: Path, year: int, through: int | None = None) -> Execution:
    from amp.kpi.engines import duckdb_connection

    con = duckdb_connection()
    try:
        _duckdb_views(con, directory)
        return run(lambda sql: con.execute(sql).fetchall(), year, through)
    finally:
        con.close()


def execution_spark(
    directory: Path,
    year: int,
    through: int | None = None,
    spark: Any = None,
    master: str | None = None,
) -> Execution:
    """The same on Spark; the input is checked first (DuckDB reads it, as for the indicators)."""
    from amp.kpi.engines import duckdb_connection, spark_session

    con = duckdb_connection()
    try:
        located = _duckdb_views(con, directory)
    finally:
        con.close()
    session = spark if spark is not None else spark_session(master)
    for table, (path, kind) in located.items():
        if kind == "csv":
            df = session.read.option("header", "true").csv(str(path))
        else:
            df = session.read.parquet(str(path))  # a directory: partitions discovered
        df.createOrReplaceTempView(f"raw_{table}")
        session.sql(f"SELECT {TYPED[table]} FROM raw_{table}").createOrReplaceTempView(table)
    return run(lambda sql: [tuple(r) for r in session.sql(sql).collect()], year, through)


# ---------------------------------------------------------------- synthetic data


def write_synthetic(
    directory: Path, jobcenters: int, year: int, seed: int = 1, partitioned: bool = True
) -> None:
    """Plans and bookings of `jobcenters` synthetic Jobcenters (8 lines each, about 40
    bookings per line and month, some Rückforderungen, one line without a plan amount).

    partitioned: bookings as Parquet partitioned by Jobcenter and month
    (`buchungen/jobcenter=JC001/monat=2024-01/….parquet`), as a Land would keep them;
    otherwise one `buchungen.parquet`."""
    import csv
    import random
    import tempfile

    from amp.kpi.engines import duckdb_connection

    rng = random.Random(seed)
    plans: list[tuple[str, int, str, str]] = []
    bookings: list[tuple[str, str, str, str]] = []
    for j in range(1, jobcenters + 1):
        jc = f"JC{j:03d}"
        for line in range(1, 9):
            amount = rng.randrange(100_000_00, 2_000_000_00)
            plans.append((jc, year, f"z{line}", f"{amount / 100:.2f}"))
            monthly = amount / 12 / 40
            for month in range(1, 13):
                for _ in range(rng.randrange(30, 50)):
                    cents = int(rng.gauss(monthly, monthly / 3))
                    if rng.random() < 0.02:
                        cents = -abs(cents) // 4  # a Rückforderung
                    day = rng.randrange(1, 29)
                    bookings.append(
                        (jc, f"z{line}", f"{year}-{month:02d}-{day:02d}", f"{cents / 100:.2f}")
                    )
        bookings.append((jc, "ohne_plan", f"{year}-03-15", "1234.56"))
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        plan_csv, booking_csv = Path(scratch) / "p.csv", Path(scratch) / "b.csv"
        for file, header, rows in (
            (plan_csv, COLUMNS[PLANS], plans),
            (booking_csv, COLUMNS[BOOKINGS], bookings),
        ):
            with file.open("w", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        con = duckdb_connection()
        try:
            con.execute(
                f"CREATE TABLE p AS SELECT {TYPED[PLANS].replace('AS STRING', 'AS VARCHAR')} "
                f"FROM {_duckdb_source(plan_csv, 'csv')}"
            )
            con.execute(
                f"CREATE TABLE b AS SELECT {TYPED[BOOKINGS].replace('AS STRING', 'AS VARCHAR')} "
                f"FROM {_duckdb_source(booking_csv, 'csv')}"
            )
            con.execute(f"COPY p TO {_literal(directory / 'ansaetze.parquet')} (FORMAT parquet)")
            if partitioned:
                con.execute(
                    "COPY (SELECT *, strftime(datum, '%Y-%m') AS monat FROM b) "
                    f"TO {_literal(directory / BOOKINGS)} "
                    "(FORMAT parquet, PARTITION_BY (jobcenter, monat))"
                )
            else:
                target = _literal(directory / "buchungen.parquet")
                con.execute(f"COPY b TO {target} (FORMAT parquet)")
        finally:
            con.close()
