"""Benchmark of the § 48a indicator engine (results go to docs/benchmarks.md).

    .venv/bin/python benchmarks/kpi_bench.py --scale en [--pandas]
    .venv/bin/python benchmarks/kpi_bench.py --scale national

Steps, each timed separately:
  1. synthetic data (`amp kpi synth`), skipped when the directory already holds it
  2. end to end: `amp kpi compute DIR --month latest --format json` in a fresh process
     (start-up, validation, all figures, output); peak memory of that process
  3. a plain DuckDB scan of the same columns (the floor any engine on these files has)
  4. optionally a straightforward pandas implementation of K1E2, K1E3, K1E4 and K2
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import duckdb

SCALES = {
    "en": {"jobcenters": 1, "elb": 20_000},
    "national": {"jobcenters": 400, "elb": 4_000_000},
}


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall time in s and peak RSS in MB of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before) // 1024


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


def pandas_reference(directory: Path, month: str) -> tuple[float, dict[str, float]]:
    """K1E2, K1E3, K1E4 and K2 as one would write them in plain pandas."""
    import pandas as pd

    start = time.perf_counter()
    panel = pd.read_parquet(directory / "panel.parquet")
    events = pd.read_parquet(directory / "ereignisse.parquet")
    elb = panel[panel["elb"]].copy()
    y, m = (int(x) for x in month.split("-"))
    elb["m"] = elb["monat"].str[:4].astype(int) * 12 + elb["monat"].str[5:7].astype(int) - 1
    target = y * 12 + m - 1
    results: dict[str, float] = {}
    for jc, group in elb.groupby("jobcenter"):
        stock = group.groupby("m")["person_id"].nunique()
        keys = set(zip(group["person_id"], group["m"], strict=True))
        prev = [(p, mm - 1) in keys for p, mm in zip(group["person_id"], group["m"], strict=True)]
        nxt = [(p, mm + 1) in keys for p, mm in zip(group["person_id"], group["m"], strict=True)]
        group = group.assign(prev=prev, nxt=nxt)
        entries = group[~group["prev"]].groupby("m").size()
        exits = group[~group["nxt"]].groupby(group["m"] + 1).size()
        window = range(target - 11, target + 1)
        results[f"{jc}:K1E2"] = stock.get(target, 0) / stock.get(target - 12, 1) * 100 - 100
        results[f"{jc}:K1E3"] = (
            sum(entries.get(t, 0) for t in window) / sum(stock.get(t, 0) for t in window) * 100
        )
        results[f"{jc}:K1E4"] = (
            sum(exits.get(t, 0) for t in window) / sum(stock.get(t - 1, 0) for t in window) * 100
        )
        ev = events[events["art"].isin(["svb", "ausbildung", "selbstaendig"])].copy()
        ev["m"] = ev["datum"].map(lambda d: d.year * 12 + d.month - 1)
        ev = ev[
            (ev["erfasst_am"].isna())
            | (ev["erfasst_am"].map(lambda d: d.year * 12 + d.month - 1) <= ev["m"] + 3)
        ]
        evkeys = set(zip(ev["person_id"], ev["m"], strict=True))
        counted = 0
        for p, mm, was_prev in zip(group["person_id"], group["m"], group["prev"], strict=True):
            t = mm + 1
            if t in window and ((p, t) in evkeys or (not was_prev and (p, mm) in evkeys)):
                counted += 1
        den = sum(stock.get(t - 1, 0) for t in window) / 12
        results[f"{jc}:K2"] = counted / den * 100
    return time.perf_counter() - start, results


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
            "amp.kpi.cli",
            "synth",
            "--out",
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
        "amp.kpi.cli",
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
    if args.engine == "duckdb":
        from amp.kpi.engines import compute_duckdb
        from amp.kpi.figures import compute_figures, latest_month
        from amp.kpi.params import Params

        inproc = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            base = compute_duckdb(data, Params(), month="latest")
            compute_figures(base, latest_month(base, Params()), Params())
            inproc.append(time.perf_counter() - start)
        print(f"in-process (validation + all figures, no interpreter start): {min(inproc):.2f} s")
    scan = min(plain_scan(data) for _ in range(args.repeat))
    print(f"plain DuckDB scan of the same columns: {scan:.2f} s; ratio {best / scan:.1f}x")
    if args.pandas:
        month = subprocess.run(compute, check=True, capture_output=True, text=True).stdout
        import json

        latest = json.loads(month)["berichtsmonat"]
        seconds, values = pandas_reference(data, latest)
        ratio = seconds / best
        print(f"pandas (K1E2, K1E3, K1E4, K2 only): {seconds:.2f} s; amp is {ratio:.1f}x faster")
        print({k: round(v, 1) for k, v in sorted(values.items())[:8]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
