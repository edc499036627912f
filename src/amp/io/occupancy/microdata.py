"""The status six months after exit from the indicator microdata (`amp kpi`, docs/kpi-daten.md):
the table `beschaeftigung` (person_id, monat: sozialversicherungspflichtig beschäftigt in the
month) with the same pseudonymous ids as the flows.

An Austritt on day d counts as „in SV-Beschäftigung nach sechs Monaten“ when the person is in
`beschaeftigung` in the month of d + 6 months. Known only for people the microdata know
(in `panel`) and for months the microdata cover; otherwise the flow's own field stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from amp.core.occupancy.model import FlowEvent, FlowKind, add_months
from amp.core.problems import InputProblems, Place, Problem


def _table(directory: Path, name: str) -> str:
    for suffix in (".parquet", ".csv"):
        file = directory / f"{name}{suffix}"
        if file.is_file():
            quoted = str(file).replace("'", "''")
            if suffix == ".csv":
                return f"read_csv('{quoted}', header = true, all_varchar = true)"
            return f"read_parquet('{quoted}')"
    raise InputProblems(
        [
            Problem(
                Place(file=str(directory / f"{name}.parquet")),
                f"Datei {name}.parquet oder {name}.csv fehlt in den Kennzahlendaten.",
            )
        ]
    )


def with_employment(events: Iterable[FlowEvent], kpi_dir: Path) -> tuple[FlowEvent, ...]:
    """The events, each Austritt with `employed_after` from the microdata where they know it."""
    import duckdb

    items = tuple(events)
    con = duckdb.connect()
    try:
        source = _table(kpi_dir, "beschaeftigung")
        query = f"SELECT DISTINCT person_id, CAST(monat AS VARCHAR) FROM {source}"
        employed = {(str(p), str(m)[:7]) for p, m in con.execute(query).fetchall()}
        known_people = {
            str(p)
            for (p,) in con.execute(
                f"SELECT DISTINCT person_id FROM {_table(kpi_dir, 'panel')}"
            ).fetchall()
        }
        row = con.execute(
            f"SELECT max(CAST(monat AS VARCHAR)) FROM {_table(kpi_dir, 'panel')}"
        ).fetchone()
    except duckdb.Error as exc:
        raise InputProblems(
            [Problem(Place(file=str(kpi_dir)), f"Die Kennzahlendaten sind nicht lesbar: {exc}")]
        ) from None
    finally:
        con.close()
    last = str(row[0])[:7] if row and row[0] is not None else None
    result = []
    for e in items:
        if e.kind is FlowKind.EXIT and e.person in known_people and last is not None:
            later = add_months(e.day, 6)
            month = f"{later.year:04d}-{later.month:02d}"
            if month <= last:
                e = replace(e, employed_after=(e.person, month) in employed)
        result.append(e)
    return tuple(result)
