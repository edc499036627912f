"""Benchmark of the Kennzahlen page and of what it adds to the demo start (docs/benchmarks.md).

    .venv/bin/python benchmarks/kennzahlen_web_bench.py [--repeat 5]

Steps, each timed separately, in one process with a fresh demo database:
  1. the demo's synthetic data (Jobcenter EN scale) into an empty cache, then a cache hit
  2. migrations, example plan and demo users (the demo start without Kennzahlen)
  3. `kpi_load` of that data: DuckDB over all months, 24 reporting months stored
  4. the page as the Beirat sees it (Django test client), best and median of --repeat
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(label: str, action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - start:.2f} s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from amp.web import demo

    demo.configure()
    import django

    django.setup()
    from django.test import Client

    from amp.web.kennzahlen.demo_data import demo_data, demo_label
    from amp.web.kennzahlen.loading import load
    from amp.web.kennzahlen.models import MonthlyFigures

    with tempfile.TemporaryDirectory() as cache:
        directory = timed(
            "synthetische Daten erzeugen (leerer Cache)", lambda: demo_data(Path(cache))
        )
        timed("synthetische Daten (Cache vorhanden)", lambda: demo_data(Path(cache)))
        timed(
            "Demo ohne Kennzahlen (Migrationen, Plan, Benutzer)",
            lambda: demo.prepare(ROOT / "src" / "amp" / "examples" / "jobcenter-en-2024"),
        )
        timed(
            "kpi_load (DuckDB, 24 Berichtsmonate speichern)",
            lambda: load(directory, label=demo_label()),
        )
    sizes = [len(str(m.figures)) + len(str(m.series)) for m in MonthlyFigures.objects.all()]
    print(f"gespeichert: {len(sizes)} Monate, je ≈ {statistics.mean(sizes) / 1024:.0f} KB JSON")

    client = Client(HTTP_HOST="localhost")  # the demo allows localhost, not "testserver"
    client.post("/anmelden/", {"username": "beirat", "password": "demo"})
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        response = client.get("/kennzahlen/jc-en/")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    print(
        f"Seite (Beirat): beste {min(times) * 1000:.0f} ms, Median "
        f"{statistics.median(times) * 1000:.0f} ms, {len(response.content) // 1024} KB HTML"
    )


if __name__ == "__main__":
    main()
