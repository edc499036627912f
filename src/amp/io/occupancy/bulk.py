"""Monthly occupancy for a Land's worth of flows (millions of events) with DuckDB.

The same definitions as `amp.core.occupancy.flows.monthly_flows` (a spell runs from an
Eintritt to the first Austritt on or after it and before the person's next Eintritt in the
measure; both days count; the stock is taken on the last day of the month), in SQL over a
table `events(person, measure, kind, day, reason)`; tests/io/occupancy/test_bulk.py checks
that both give the same months.
"""

from __future__ import annotations

from typing import Any

from amp.core.occupancy.flows import FlowSummary, MonthFlows
from amp.core.periods import Month

_SQL = """
WITH months AS (
    SELECT m AS serial,
           make_date(CAST(m // 12 AS INTEGER), CAST(m % 12 + 1 AS INTEGER), 1) AS first_day,
           last_day(make_date(CAST(m // 12 AS INTEGER), CAST(m % 12 + 1 AS INTEGER), 1))
               AS last_day
    FROM range($lo, $hi + 1) t(m)
),
entries AS (
    SELECT person, measure, day,
           lead(day) OVER (PARTITION BY person, measure ORDER BY day) AS next_day
    FROM events WHERE kind = 'eintritt'
),
exits AS (SELECT person, measure, day FROM events WHERE kind = 'austritt'),
paired AS (
    SELECT en.measure, en.day AS start_day, ex.day AS exit_day, en.next_day
    FROM entries en ASOF LEFT JOIN exits ex
      ON en.person = ex.person AND en.measure = ex.measure AND ex.day >= en.day
),
spells AS (
    SELECT measure, start_day,
           CASE WHEN exit_day IS NOT NULL AND (next_day IS NULL OR exit_day < next_day)
                THEN exit_day END AS end_day
    FROM paired
),
changes AS (
    SELECT measure, start_day AS d, 1 AS delta FROM spells
    UNION ALL
    SELECT measure, end_day + 1, -1 FROM spells WHERE end_day IS NOT NULL
),
levels AS (
    SELECT measure, d,
           sum(sum(delta)) OVER (PARTITION BY measure ORDER BY d) AS level,
           lead(d) OVER (PARTITION BY measure ORDER BY d) AS next_d
    FROM changes GROUP BY measure, d
),
presence AS (
    -- each level holds from d to the day before the next change; split it by month
    SELECT l.measure, m.serial,
           sum(l.level * (datediff('day', greatest(l.d, m.first_day),
                                   least(coalesce(l.next_d - 1, m.last_day), m.last_day)) + 1))
               AS days,
           sum(l.level) FILTER (WHERE coalesce(l.next_d - 1, m.last_day) >= m.last_day)
               AS stock
    FROM levels l JOIN months m
      ON l.d <= m.last_day AND coalesce(l.next_d - 1, m.last_day) >= m.first_day
    WHERE l.level <> 0
    GROUP BY ALL
),
counts AS (
    SELECT measure, year(day) * 12 + month(day) - 1 AS serial,
           count(*) FILTER (WHERE kind = 'zuweisung') AS assignments,
           count(*) FILTER (WHERE kind = 'eintritt') AS entries,
           count(*) FILTER (WHERE kind = 'nichtantritt') AS no_shows,
           count(*) FILTER (WHERE kind = 'austritt' AND reason = 'regulaer') AS regular,
           count(*) FILTER (WHERE kind = 'austritt' AND reason = 'abbruch') AS dropout,
           count(*) FILTER (WHERE kind = 'austritt' AND reason = 'integration') AS integration
    FROM events
    WHERE year(day) * 12 + month(day) - 1 BETWEEN $lo AND $hi
    GROUP BY ALL
),
measures AS (SELECT DISTINCT measure FROM events)
SELECT ms.measure, m.serial,
       coalesce(p.days, 0), coalesce(p.stock, 0),
       coalesce(c.assignments, 0), coalesce(c.entries, 0), coalesce(c.no_shows, 0),
       coalesce(c.regular, 0), coalesce(c.dropout, 0), coalesce(c.integration, 0)
FROM measures ms CROSS JOIN months m
LEFT JOIN presence p ON p.measure = ms.measure AND p.serial = m.serial
LEFT JOIN counts c ON c.measure = ms.measure AND c.serial = m.serial
ORDER BY ms.measure, m.serial
"""


def monthly_flows_sql(con: Any, first: Month, last: Month) -> FlowSummary:
    """Monthly flows of the table `events` on the DuckDB connection `con` (columns person,
    measure, kind, day DATE, reason; kinds and reasons as amp writes them)."""
    lo = first.year * 12 + first.month - 1
    hi = last.year * 12 + last.month - 1
    rows = con.execute(_SQL, {"lo": lo, "hi": hi}).fetchall()
    months: dict[str, list[MonthFlows]] = {}
    for measure, serial, *figures in rows:
        month = Month(serial // 12, serial % 12 + 1)
        months.setdefault(measure, []).append(
            MonthFlows(measure, month, *(int(f) for f in figures))
        )
    return FlowSummary({m: tuple(v) for m, v in months.items()})


def load_events(con: Any, rows: list[tuple[str, str, str, Any, str | None]]) -> None:
    """Creates the table `events` from (person, measure, kind, day, reason) tuples."""
    con.execute(
        "CREATE OR REPLACE TABLE events "
        "(person VARCHAR, measure VARCHAR, kind VARCHAR, day DATE, reason VARCHAR)"
    )
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", rows)
