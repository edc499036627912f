"""Synthetic microdata for the indicator engine, calibrated roughly to the Jobcenter EN.

Deterministic per seed; one Jobcenter at a time is simulated and appended to the Parquet
files, so memory stays bounded by the largest Jobcenter, not by the whole country.

Every assumption is listed in ASSUMPTIONS with its source (or marked as an assumption) and
documented in docs/kpi-daten.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from amp.kpi.schema import month_index, month_text

EPOCH = dt.date(1970, 1, 1)
DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class Assumptions:
    long_share_of_inflow: float = 0.25
    long_mean_months: float = 84.0
    short_mean_months: float = 8.0
    """Two-type duration mixture: gives an LZB share of roughly 60 % of the eLb stock
    (G.I.B. Kurzbericht 1/2019: NRW-Jobcenter 61–76 %)."""
    exit_integration_share: float = 0.2
    in_stock_integration_hazard: float = 0.005
    """Together about 15 integrations per 100 eLb a year, i.e. about 3,000 for 20,000 eLb
    (the issue's EN target of 3,250 Integrationen 2024; K2 national 2024: 21.0 %)."""
    integration_kinds: tuple[tuple[str, float], ...] = (
        ("svb", 0.82),
        ("ausbildung", 0.12),
        ("selbstaendig", 0.06),
    )
    minijob_hazard: float = 0.005
    public_employment_hazard_long: float = 0.0015
    measure_share: float = 0.10
    employment_mean_months: float = 9.0
    late_record_share: float = 0.02
    women_share: float = 0.5
    single_parent_share_women: float = 0.22
    single_parent_share_men: float = 0.02
    """About 12 % single parents (G.I.B. 1/2019: 10–16 % in NRW)."""
    u25_share: float = 0.22
    children_per_elb: float = 0.3
    burn_in_months: int = 300


ASSUMPTIONS = Assumptions()

REGELBEDARF = {2021: 446, 2022: 449, 2023: 502, 2024: 563, 2025: 563, 2026: 563}
"""Regelbedarfsstufe 1 in € (§ 20 SGB II, jährliche Fortschreibung)."""


def _regelbedarf(year: int) -> int:
    if year in REGELBEDARF:
        return REGELBEDARF[year]
    return REGELBEDARF[min(REGELBEDARF)] if year < min(REGELBEDARF) else REGELBEDARF[2026]


def _stichtag_days(first: int, count: int) -> np.ndarray:
    days = []
    for m in range(first, first + count):
        year, month0 = divmod(m, 12)
        last = dt.date(year, month0 + 1, calendar.monthrange(year, month0 + 1)[1])
        days.append((last - EPOCH).days)
    return np.array(days, dtype=np.int64)


def _money(cents: np.ndarray) -> pa.Array:
    """Decimal(12, 2) array from integer cents without going through Python objects."""
    raw = np.zeros((len(cents), 2), dtype=np.int64)
    raw[:, 0] = cents
    return pa.Array.from_buffers(pa.decimal128(12, 2), len(cents), [None, pa.py_buffer(raw)])


def _dates(days: np.ndarray) -> pa.Array:
    return pa.array(days.astype(np.int32), pa.int32()).cast(pa.date32())


PANEL_SCHEMA = pa.schema(
    [
        ("person_id", pa.int64()),
        ("jobcenter", pa.string()),
        ("monat", pa.string()),
        ("elb", pa.bool_()),
        ("geschlecht", pa.string()),
        ("geburtsjahr", pa.int32()),
        ("alleinerziehend", pa.bool_()),
        ("llu", pa.decimal128(12, 2)),
        ("luh", pa.decimal128(12, 2)),
        ("massnahme", pa.bool_()),
    ]
)
SPELL_SCHEMA = pa.schema(
    [("person_id", pa.int64()), ("beginn", pa.date32()), ("ende", pa.date32())]
)
EVENT_SCHEMA = pa.schema(
    [
        ("person_id", pa.int64()),
        ("datum", pa.date32()),
        ("art", pa.string()),
        ("erfasst_am", pa.date32()),
    ]
)
EMPLOYMENT_SCHEMA = pa.schema([("person_id", pa.int64()), ("monat", pa.string())])


@dataclass(frozen=True)
class SynthSpec:
    jobcenters: int
    elb: int
    months: int
    seed: int
    first_month: str = "2022-01"


def jobcenter_sizes(spec: SynthSpec) -> list[int]:
    """eLb stock per Jobcenter: one Jobcenter gets all; several get skewed sizes."""
    if spec.jobcenters == 1:
        return [spec.elb]
    rng = np.random.default_rng([spec.seed, 999_999])
    weights = rng.lognormal(0.0, 0.7, spec.jobcenters)
    sizes = np.maximum(np.round(weights / weights.sum() * spec.elb), 50).astype(int)
    return [int(s) for s in sizes]


def jobcenter_name(index: int, count: int) -> str:
    return "EN" if count == 1 else f"JC{index + 1:03d}"


def _simulate(spec: SynthSpec, index: int, stock: int, id_offset: int) -> dict[str, pa.Table]:
    a = ASSUMPTIONS
    rng = np.random.default_rng([spec.seed, index])
    first = month_index(spec.first_month)
    st = _stichtag_days(first, spec.months)
    panel_start_day = st[0] - 30
    panel_end_day = int(st[-1])
    mean_months = (
        a.long_share_of_inflow * a.long_mean_months
        + (1 - a.long_share_of_inflow) * a.short_mean_months
    )
    horizon = a.burn_in_months + spec.months
    n_spells = rng.poisson(stock / mean_months * horizon)
    start = panel_end_day - rng.integers(0, int(horizon * DAYS_PER_MONTH), n_spells)
    long_type = rng.random(n_spells) < a.long_share_of_inflow
    mean_days = np.where(long_type, a.long_mean_months, a.short_mean_months) * DAYS_PER_MONTH
    end = start + np.floor(rng.exponential(mean_days)).astype(np.int64)
    keep = (end >= panel_start_day - 730) & (start <= panel_end_day)
    start, end, long_type = start[keep], end[keep], long_type[keep]
    n = len(start)
    pid = id_offset + np.arange(n, dtype=np.int64)
    women = rng.random(n) < a.women_share
    single = rng.random(n) < np.where(women, a.single_parent_share_women, a.single_parent_share_men)
    young = rng.random(n) < a.u25_share
    age0 = np.where(young, rng.integers(15, 25, n), rng.integers(25, 67, n))
    birth = (first // 12 - age0).astype(np.int32)
    llu_share = rng.uniform(0.35, 1.0, n)
    luh_cents = rng.integers(25_000, 65_000, n)

    # panel rows: month k where the spell covers the Stichtag
    k0 = np.searchsorted(st, start, side="left")
    k1 = np.searchsorted(st, end, side="right") - 1
    counts = np.maximum(k1 - k0 + 1, 0)
    row_spell = np.repeat(np.arange(n), counts)
    row_k = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + k0[row_spell]
    rows = len(row_spell)
    month_names = pa.array([month_text(first + k) for k in range(spec.months)])
    year_of_k = np.array([(first + k) // 12 for k in range(spec.months)])
    rb = np.array([_regelbedarf(int(y)) for y in year_of_k])
    llu_cents = np.round(llu_share[row_spell] * rb[row_k] * 100).astype(np.int64)
    measure = rng.random(rows) < a.measure_share
    # children with Sozialgeld (not eLb) share the months of a drawn eLb
    child = rng.random(n) < a.children_per_elb
    child_rows = child[row_spell]
    c_spell = row_spell[child_rows]
    c_k = row_k[child_rows]
    c_pid = id_offset + n + np.searchsorted(np.flatnonzero(child), c_spell)
    c_n = len(c_spell)
    c_birth = rng.integers(2010, 2021, int(child.sum()))
    jc = jobcenter_name(index, spec.jobcenters)
    panel = pa.table(
        {
            "person_id": pa.array(np.concatenate([pid[row_spell], c_pid])),
            "jobcenter": pa.array([jc] * (rows + c_n), pa.string()),
            "monat": month_names.take(pa.array(np.concatenate([row_k, c_k]))),
            "elb": pa.array(np.concatenate([np.ones(rows, bool), np.zeros(c_n, bool)])),
            "geschlecht": pa.array(
                np.where(
                    np.concatenate([women[row_spell], rng.random(c_n) < 0.5]), "w", "m"
                ).astype(object),
                pa.string(),
            ),
            "geburtsjahr": pa.array(
                np.concatenate(
                    [birth[row_spell], c_birth[np.searchsorted(np.flatnonzero(child), c_spell)]]
                ).astype(np.int32)
            ),
            "alleinerziehend": pa.array(np.concatenate([single[row_spell], np.zeros(c_n, bool)])),
            "llu": _money(
                np.concatenate([llu_cents, np.round(0.6 * rb[c_k] * 100).astype(np.int64)])
            ),
            "luh": _money(np.concatenate([luh_cents[row_spell], np.full(c_n, 12_000)])),
            "massnahme": pa.array(np.concatenate([measure, np.zeros(c_n, bool)])),
        },
        schema=PANEL_SCHEMA,
    )
    ongoing = end > panel_end_day
    spells = pa.table(
        {
            "person_id": pa.array(pid),
            "beginn": _dates(start),
            "ende": pa.array(end.astype(np.int32), pa.int32(), mask=ongoing).cast(pa.date32()),
        },
        schema=SPELL_SCHEMA,
    )

    # integrations: a share of exits, plus a monthly hazard in the stock
    exits = (
        (end <= panel_end_day)
        & (end >= panel_start_day)
        & (rng.random(n) < a.exit_integration_share)
    )
    ex_pid = pid[exits]
    ex_day = np.maximum(end[exits] - rng.integers(0, 21, int(exits.sum())), start[exits])
    hz = rng.random(rows) < a.in_stock_integration_hazard
    hz_pid = pid[row_spell[hz]]
    hz_day = st[row_k[hz]] + 1 + rng.integers(0, 28, int(hz.sum()))
    int_pid = np.concatenate([ex_pid, hz_pid])
    int_day = np.concatenate([ex_day, hz_day])
    kinds = [k for k, _ in a.integration_kinds]
    probs = [p for _, p in a.integration_kinds]
    int_kind = rng.choice(len(kinds), len(int_pid), p=probs)
    gb = rng.random(rows) < a.minijob_hazard
    oe = (rng.random(rows) < a.public_employment_hazard_long) & long_type[row_spell]
    other_pid = np.concatenate([pid[row_spell[gb]], pid[row_spell[oe]]])
    other_day = np.concatenate(
        [
            st[row_k[gb]] + 1 + rng.integers(0, 28, int(gb.sum())),
            st[row_k[oe]] + 1 + rng.integers(0, 28, int(oe.sum())),
        ]
    )
    other_kind = np.concatenate([np.full(int(gb.sum()), 3), np.full(int(oe.sum()), 4)])
    all_kinds = np.array([*kinds, "geringfuegig", "oeffentlich_gefoerdert"], dtype=object)
    ev_pid = np.concatenate([int_pid, other_pid])
    ev_day = np.concatenate([int_day, other_day])
    ev_kind = np.concatenate([int_kind, other_kind])
    ev_keep = ev_day <= panel_end_day
    ev_pid, ev_day, ev_kind = ev_pid[ev_keep], ev_day[ev_keep], ev_kind[ev_keep]
    # one event per person, day and kind (the key of the events file)
    order = np.lexsort((ev_kind, ev_day, ev_pid))
    ev_pid, ev_day, ev_kind = ev_pid[order], ev_day[order], ev_kind[order]
    dup = np.zeros(len(ev_pid), bool)
    if len(ev_pid) > 1:
        dup[1:] = (
            (ev_pid[1:] == ev_pid[:-1])
            & (ev_day[1:] == ev_day[:-1])
            & (ev_kind[1:] == ev_kind[:-1])
        )
    ev_pid, ev_day, ev_kind = ev_pid[~dup], ev_day[~dup], ev_kind[~dup]
    late = rng.random(len(ev_pid)) < a.late_record_share
    delay = np.where(late, rng.integers(125, 200, len(ev_pid)), rng.integers(0, 40, len(ev_pid)))
    events = pa.table(
        {
            "person_id": pa.array(ev_pid),
            "datum": _dates(ev_day),
            "art": pa.array(all_kinds[ev_kind], pa.string()),
            "erfasst_am": _dates(ev_day + delay),
        },
        schema=EVENT_SCHEMA,
    )

    # sv employment after svb integrations: a geometric number of months
    sv = ev_kind == 0
    sv_pid = ev_pid[sv]
    sv_k = np.searchsorted(st, ev_day[sv], side="left")  # month of the integration
    length = rng.geometric(1.0 / a.employment_mean_months, len(sv_pid))
    emp_rows = np.repeat(np.arange(len(sv_pid)), length)
    emp_k = (
        np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length) + sv_k[emp_rows] + 1
    )
    ok = emp_k < spec.months
    emp_pid, emp_k = sv_pid[emp_rows][ok], emp_k[ok]
    emp_key = np.unique(emp_pid * 1000 + emp_k)
    employment = pa.table(
        {
            "person_id": pa.array(emp_key // 1000),
            "monat": month_names.take(pa.array(emp_key % 1000)),
        },
        schema=EMPLOYMENT_SCHEMA,
    )
    return {
        "panel": panel,
        "zeitraeume": spells,
        "ereignisse": events,
        "beschaeftigung": employment,
    }


SCHEMAS = {
    "panel": PANEL_SCHEMA,
    "zeitraeume": SPELL_SCHEMA,
    "ereignisse": EVENT_SCHEMA,
    "beschaeftigung": EMPLOYMENT_SCHEMA,
}


def generate(
    spec: SynthSpec, out: Path, progress: Callable[[int, int], None] | None = None
) -> dict[str, int]:
    """Write panel/zeitraeume/ereignisse/beschaeftigung.parquet; returns row counts."""
    out.mkdir(parents=True, exist_ok=True)
    writers = {
        name: pq.ParquetWriter(out / f"{name}.parquet", schema, compression="zstd")
        for name, schema in SCHEMAS.items()
    }
    counts = dict.fromkeys(SCHEMAS, 0)
    offset = 0
    sizes = jobcenter_sizes(spec)
    try:
        for index, stock in enumerate(sizes):
            tables = _simulate(spec, index, stock, offset)
            offset += 10 * len(tables["zeitraeume"]) + 1_000_000
            for name, table in tables.items():
                writers[name].write_table(table, row_group_size=1_000_000)
                counts[name] += table.num_rows
            if progress is not None:
                progress(index + 1, len(sizes))
    finally:
        for writer in writers.values():
            writer.close()
    return counts
