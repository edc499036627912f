"""Benchmark of the § 48a indicator engine (results go to docs/benchmarks.md).

    .venv/bin/python benchmarks/kpi_bench.py --scale en [--pandas]
    .venv/bin/python benchmarks/kpi_bench.py --scale national

Steps, each timed separately:
  1. synthetic data (`amp kpi synth`), skipped when the directory already holds it
  2. end to end: `amp kpi compute DIR --month latest --format json` in a fresh process
     (start-up, validation, all figures, output); peak memory of that process
  3. in-process: input checks and all figures, without interpreter start-up
  4. a plain DuckDB scan of the same columns (the floor any engine on these files has)
  5. optionally an idiomatic pandas implementation of K1E2, K1E3, K1E4 and K2 (insgesamt,
     no input checks), checked against amp's values; compared with both amp timings
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

T = TypeVar("T")

SCALES = {
    "en": {"jobcenters": 1, "elb": 20_000},
    "national": {"jobcenters": 400, "elb": 4_000_000},
}


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall time in s and peak RSS in MB of one child process (not of earlier children)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, cmd)
    return elapsed, usage.ru_maxrss // 1024


def plain_scan(directory: Path) -> float:
    con = duckdb.connect()
    start = time.perf_counter()
    con.execute(
        f"""
        SELECT count(DISTINCT person_id), count(*), sum(llu), sum(luh),
               sum(CASE WHEN elb THEN 1 ELSE 0 END), min(monat), max(geschlecht),
               max(geburtsjahr), sum(CASE WHEN alleinerziehend THEN 1 ELSE 0 END),
               sum(CASE WHEN massnahme THEN 1 ELSE 0 END), max(jobcenter)
        FROM read_parquet('{directory / "panel.parquet"}')"""
    ).fetchall()
    for name in ("zeitraeume", "ereignisse", "beschaeftigung"):
        con.execute(f"SELECT count(*), count(DISTINCT person_id) FROM '{directory / name}.parquet'")
    return time.perf_counter() - start


SUBSET = ("K1E2", "K1E3", "K1E4", "K2")
"""Figures the pandas comparison computes (group "insgesamt" only, no input checks)."""


def pandas_reference(directory: Path, target: int) -> dict[tuple[str, str], float]:
    """K1E2, K1E3, K1E4 and K2 per Jobcenter as one would write them in idiomatic pandas:
    vectorized merges and group-bys, only the months needed, no input checks."""
    import pandas as pd

    keys = ["person_id", "jobcenter", "m"]
    panel = pd.read_parquet(
        directory / "panel.parquet", columns=["person_id", "jobcenter", "monat", "elb"]
    )
    months = {t: int(t[:4]) * 12 + int(t[5:7]) - 1 for t in panel["monat"].unique()}
    elb = panel.loc[panel["elb"], ["person_id", "jobcenter", "monat"]]
    elb = elb.assign(m=elb["monat"].map(months)).drop(columns="monat")
    elb = elb[elb["m"].between(target - 14, target + 1)]
    # same person in the same Jobcenter one month earlier / later
    shifted = elb[keys].assign(m=elb["m"] + 1, prev_same=True)
    elb = elb.merge(shifted, on=keys, how="left")
    shifted = elb[keys].assign(m=elb["m"] - 1, next_same=True)
    elb = elb.merge(shifted, on=keys, how="left")
    elb[["prev_same", "next_same"]] = elb[["prev_same", "next_same"]].notna()

    events = pd.read_parquet(directory / "ereignisse.parquet")
    events = events[events["art"].isin(["svb", "ausbildung", "selbstaendig"])]
    em = events["datum"].map(lambda d: d.year * 12 + d.month - 1)
    rec = events["erfasst_am"].map(lambda d: d.year * 12 + d.month - 1, na_action="ignore")
    events = pd.DataFrame({"person_id": events["person_id"], "m": em})[
        rec.isna() | (rec <= em + 3)
    ].drop_duplicates()
    # integration in t = m + 1: an event in t, or in m when the person is new in the stock
    in_next = events.assign(m=events["m"] - 1, ev_next=True)
    in_same = events.assign(ev_same=True)
    ints = elb.merge(in_next, on=["person_id", "m"], how="left").merge(
        in_same, on=["person_id", "m"], how="left"
    )
    counted = ints["ev_next"].notna() | (~ints["prev_same"] & ints["ev_same"].notna())

    stock = elb.groupby(["jobcenter", "m"]).size()
    entries = elb[~elb["prev_same"]].groupby(["jobcenter", "m"]).size()
    exits = elb[~elb["next_same"]].assign(m=lambda f: f["m"] + 1).groupby(["jobcenter", "m"])
    integrations = ints[counted].assign(m=lambda f: f["m"] + 1).groupby(["jobcenter", "m"])
    exits_n, ints_n = exits.size(), integrations.size()
    window = list(range(target - 11, target + 1))
    before = [t - 1 for t in window]

    def total(series: pd.Series, jc: str, ms: list[int]) -> int:
        return int(sum(series.get((jc, t), 0) for t in ms))

    results = {}
    for jc in sorted(elb["jobcenter"].unique()):
        now, year_ago = total(stock, jc, [target]), total(stock, jc, [target - 12])
        results[(jc, "K1E2")] = now / year_ago * 100 - 100
        results[(jc, "K1E3")] = total(entries, jc, window) / total(stock, jc, window) * 100
        results[(jc, "K1E4")] = total(exits_n, jc, window) / total(stock, jc, before) * 100
        results[(jc, "K2")] = total(ints_n, jc, window) / (total(stock, jc, before) / 12) * 100
    return results


def amp_in_process(directory: Path) -> tuple[int, dict[tuple[str, str], float]]:
    """Input checks and all figures in all breakdowns, as `amp kpi compute` does."""
    from amp.kpi.engines import compute_duckdb
    from amp.kpi.figures import compute_figures, latest_month
    from amp.kpi.params import Params

    base = compute_duckdb(directory, Params(), month="latest")
    target = latest_month(base, Params())
    results = compute_figures(base, target, Params())
    values = {
        (r.jobcenter, r.code): float(r.value)
        for r in results
        if r.group == "insgesamt" and r.code in SUBSET and r.value is not None
    }
    return target, values


def best_of(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    timings, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - start)
    assert result is not None
    return min(timings), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=sorted(SCALES), default="en")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--engine", default="duckdb")
    parser.add_argument("--pandas", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scale = SCALES[args.scale]
    data = args.data or Path(f"/tmp/amp-kpi-{args.scale}")
    python = sys.executable
    if not (data / "panel.parquet").exists():
        cmd = [
            python,
            "-m",
            "amp.cli",
            "kpi",
            "synth",
            "--output",
            str(data),
            "--months",
            "36",
            "--seed",
            "1",
            "--jobcenters",
            str(scale["jobcenters"]),
            "--elb",
            str(scale["elb"]),
        ]
        seconds, peak = run(cmd)
        print(f"synth: {seconds:.1f} s, peak {peak} MB")
    rows = duckdb.connect().execute(f"SELECT count(*) FROM '{data / 'panel.parquet'}'").fetchall()
    print(f"panel rows: {rows[0][0]}")
    compute = [
        python,
        "-m",
        "amp.cli",
        "kpi",
        "compute",
        str(data),
        "--month",
        "latest",
        "--format",
        "json",
        "--engine",
        args.engine,
    ]
    timings = []
    for _ in range(args.repeat):
        seconds, peak = run(compute)
        timings.append(seconds)
        print(f"compute ({args.engine}), end to end: {seconds:.2f} s, peak {peak} MB")
    best = min(timings)
    if args.engine != "duckdb":
        return 0
    inproc, (target, amp_values) = best_of(args.repeat, lambda: amp_in_process(data))
    print(f"amp in-process (input checks + all 15 figures x 4 breakdowns): {inproc:.2f} s")
    scan = min(plain_scan(data) for _ in range(args.repeat))
    print(f"plain DuckDB scan of the same columns: {scan:.2f} s")
    print(f"ratio end to end / scan {best / scan:.1f}x, in-process / scan {inproc / scan:.1f}x")
    if args.pandas:
        seconds, values = best_of(args.repeat, lambda: pandas_reference(data, target))
        differing = [k for k, v in values.items() if abs(v - amp_values.get(k, -1e9)) > 0.05]
        print(
            f"pandas ({', '.join(SUBSET)}, insgesamt only, no input checks): {seconds:.2f} s; "
            f"pandas / amp in-process {seconds / inproc:.1f}x, "
            f"pandas / amp end to end {seconds / best:.1f}x"
        )
        print(f"pandas agrees with amp on {len(values) - len(differing)} of {len(values)} values")
        for key in differing[:5]:
            print(f"  differs: {key}: pandas {values[key]:.2f}, amp {amp_values.get(key)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
