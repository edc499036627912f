"""Benchmark: a Land's worth of participant flows (10 million events) aggregated to monthly
occupancy per measure (docs/benchmarks.md). Target: under 20 s.

    .venv/bin/python benchmarks/occupancy_bench.py [--events 10000000] [--repeat 3]

2.000 measures (about 50 Jobcenters with 40 measures each) over three years; every person
has a Zuweisung, then an Eintritt (85 %) or a Nichtantritt (15 %); 90 % of the entries have
an Austritt (regulär, Abbruch or Integration) 14 to 360 days later. The events are built
deterministically in DuckDB (not timed). Timed: `amp.io.occupancy.bulk.monthly_flows_sql`
(DuckDB) on all events; side by side on the first `--compare` events also the pure-Python
`amp.core.occupancy.monthly_flows` that the screens and the CLI use for one Jobcenter, with
the check that both give the same months.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable
from datetime import date

import duckdb

from amp.core.occupancy import ExitReason, FlowEvent, FlowKind, monthly_flows
from amp.core.occupancy.flows import FlowSummary
from amp.core.periods import Month
from amp.io.occupancy.bulk import monthly_flows_sql

FIRST, LAST = Month(2022, 1), Month(2024, 12)
EVENTS_PER_PERSON = 1 + 0.15 + 0.85 + 0.85 * 0.9

BUILD = """
CREATE OR REPLACE TABLE people AS
SELECT 'P' || i AS person,
       'M' || lpad(CAST(hash(i, 1) % $measures AS VARCHAR), 4, '0') AS measure,
       DATE '2022-01-01' + CAST(hash(i, 2) % 1095 AS INTEGER) AS assigned,
       hash(i, 3) % 100 AS r1,
       CAST(3 + hash(i, 4) % 19 AS INTEGER) AS wait,
       CAST(14 + hash(i, 5) % 347 AS INTEGER) AS duration,
       hash(i, 6) % 100 AS r2,
       hash(i, 7) % 4 AS r3
FROM range($people) t(i);
CREATE OR REPLACE TABLE events AS
SELECT person, measure, 'zuweisung' AS kind, assigned AS day, NULL::VARCHAR AS reason
FROM people
UNION ALL
SELECT person, measure, 'nichtantritt', assigned + 10, NULL FROM people WHERE r1 < 15
UNION ALL
SELECT person, measure, 'eintritt', assigned + wait, NULL FROM people WHERE r1 >= 15
UNION ALL
SELECT person, measure, 'austritt', assigned + wait + duration,
       CASE r3 WHEN 2 THEN 'abbruch' WHEN 3 THEN 'integration' ELSE 'regulaer' END
FROM people WHERE r1 >= 15 AND r2 < 90;
"""


def build(con: duckdb.DuckDBPyConnection, events: int, measures: int) -> int:
    people = int(events / EVENTS_PER_PERSON) + 1
    for statement in BUILD.split(";"):
        if statement.strip():
            params = {
                k: v
                for k, v in {"measures": measures, "people": people}.items()
                if f"${k}" in statement
            }
            con.execute(statement, params)
    count: int = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
    return count


def as_objects(rows: list[tuple[str, str, str, date, str | None]]) -> list[FlowEvent]:
    return [
        FlowEvent(str(n), p, m, FlowKind(k), d, ExitReason(r) if r else None)
        for n, (p, m, k, d, r) in enumerate(rows)
    ]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # all threads of the process
    return usage.ru_utime + usage.ru_stime


def median_of(
    repeat: int, run: Callable[[], FlowSummary]
) -> tuple[float, list[float], FlowSummary, float]:
    """Median wall time, the times, the last result and the median CPU time (all threads:
    on a shared machine the wall time also counts the waiting for a core)."""
    times: list[float] = []
    cpus: list[float] = []
    result = FlowSummary({})
    for _ in range(repeat):
        begin, cpu = time.perf_counter(), _cpu()
        result = run()
        times.append(time.perf_counter() - begin)
        cpus.append(_cpu() - cpu)
    return statistics.median(times), times, result, statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--measures", type=int, default=2_000)
    parser.add_argument("--compare", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    con = duckdb.connect()
    begin = time.perf_counter()
    count = build(con, args.events, args.measures)
    print(f"{count} Ereignisse erzeugt in {time.perf_counter() - begin:.1f} s", flush=True)
    median, times, result, cpu = median_of(args.repeat, lambda: monthly_flows_sql(con, FIRST, LAST))
    rows = sum(len(v) for v in result.months.values())
    print(
        f"DuckDB, alle Ereignisse: Median {median:.2f} s {[round(t, 2) for t in times]}; "
        f"CPU {cpu:.2f} s; {rows} Maßnahme-Monate; Ziel < 20 s",
        flush=True,
    )

    # side by side on a sample: the same people's events with both implementations
    small = duckdb.connect()
    small_count = build(small, args.compare, args.measures)
    rows_small = small.execute("SELECT person, measure, kind, day, reason FROM events").fetchall()
    objects = as_objects(rows_small)
    sql_median, _sql_times, sql_result, sql_cpu = median_of(
        args.repeat, lambda: monthly_flows_sql(small, FIRST, LAST)
    )
    py_median, _py_times, py_result, py_cpu = median_of(
        args.repeat, lambda: monthly_flows(objects, FIRST, LAST)
    )
    same = sql_result.months == py_result.months
    print(
        f"{small_count} Ereignisse: DuckDB Median {sql_median:.2f} s, Python Median "
        f"{py_median:.2f} s (CPU {sql_cpu:.2f} s / {py_cpu:.2f} s), Verhältnis Python/DuckDB "
        f"{py_median / sql_median:.1f}; "
        f"gleiche Monate: {'ja' if same else 'NEIN'}",
        flush=True,
    )


if __name__ == "__main__":
    main()
