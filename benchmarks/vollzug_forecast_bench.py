"""Benchmark: the forecast for 400 Jobcenters × 30 lines with 36 months of history
(docs/benchmarks.md).

    .venv/bin/python benchmarks/vollzug_forecast_bench.py [--jobcenters 400] [--repeat 3]

Each line has three previous full years and ten months of the current year (Stand
31.10.), a seasonal pattern with noise, open commitments and an unbound share; every
line gets all four methods, the rolling backtest at three origins per previous year and
the chosen method's interval — what `amp vollzug hochrechnung` computes per line.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from decimal import Decimal

from amp.core.forecast import LineInput, YearSeries, forecast_line, total_forecast

PROFILE = (0.045, 0.07, 0.08, 0.085, 0.085, 0.085, 0.075, 0.07, 0.09, 0.095, 0.1, 0.12)


def _year(rng: random.Random, year: int, total: float, months: int) -> YearSeries:
    amounts = tuple(
        Decimal(f"{total * PROFILE[m] * rng.uniform(0.8, 1.2):.2f}") for m in range(months)
    )
    unbound = tuple(Decimal(f"{float(a) * 0.4:.2f}") for a in amounts)
    opened = tuple(Decimal(f"{total * 0.3 * (1 - m / 12):.2f}") for m in range(months))
    return YearSeries(year, amounts, unbound, opened)


def inputs(jobcenters: int, lines: int) -> list[LineInput]:
    rng = random.Random(7)
    result = []
    for jc in range(jobcenters):
        for line in range(lines):
            size = rng.uniform(20_000, 3_000_000)
            history = tuple(
                _year(rng, y, size * rng.uniform(0.85, 1.1), 12) for y in (2021, 2022, 2023)
            )
            result.append(LineInput(f"{jc}-{line}", _year(rng, 2024, size, 10), history))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobcenters", type=int, default=400)
    parser.add_argument("--lines", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = inputs(args.jobcenters, args.lines)
    print(f"{len(data)} Planzeilen, je 36 Monate Vorjahre + 10 Monate", flush=True)
    times, cpus = [], []
    for _ in range(args.repeat):
        begin, cpu = time.perf_counter(), time.process_time()
        forecasts = [forecast_line(line) for line in data]
        total_forecast(forecasts)
        times.append(time.perf_counter() - begin)
        cpus.append(time.process_time() - cpu)
        print(f"Lauf: {times[-1]:.1f} s (CPU {cpus[-1]:.1f} s)", flush=True)
    print(
        f"Median: {statistics.median(times):.1f} s (CPU {statistics.median(cpus):.1f} s), "
        f"bester Lauf: {min(times):.1f} s"
    )


if __name__ == "__main__":
    main()
