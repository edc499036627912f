"""Benchmark: what the workbook preflight adds to reading a ledger workbook (docs/benchmarks.md).

    .venv/bin/python benchmarks/vollzug_xlsx_preflight_bench.py --rows 100000 --repeat 3

Writes (once) a bookings export as .xlsx with German headers and numbers, then measures
side by side, alternating, `repeat` times each: the preflight alone
(amp.io.xlsx.preflight.check_workbook with the ledger's limits) and the whole read
(amp.io.ledger.readers.read_bookings: preflight, openpyxl, every row checked). Medians of
wall and CPU time; the share of the preflight in the whole read.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from amp.io.ledger.readers import read_bookings
from amp.io.ledger.tables import LEDGER_LIMITS
from amp.io.xlsx.preflight import check_workbook


def write_export(file: Path, rows: int) -> None:
    rng = random.Random(1)
    start = date(2024, 1, 1)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Buchungen")
    sheet.append(["Belegnummer", "Buchungsdatum", "Betrag in €", "Sachkonto", "Buchungstext"])
    for i in range(rows):
        day = start + timedelta(days=rng.randrange(366))
        cents = rng.randrange(-50_000, 5_000_000)
        euros, rest = divmod(abs(cents), 100)
        amount = f"{'-' if cents < 0 else ''}{euros:,}".replace(",", ".") + f",{rest:02d}"
        sheet.append(
            [f"{i + 1:08d}", f"{day:%d.%m.%Y}", amount, f"68511.{rng.randrange(30):03d}", "Zahlung"]
        )
    book.save(file)


def measure(action) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    begin, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - begin, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        file = Path(name) / "buchungen.xlsx"
        write_export(file, args.rows)
        print(f"{args.rows} Buchungen, {file.stat().st_size / 1024 / 1024:.1f} MB")
        checks: list[tuple[float, float]] = []
        reads: list[tuple[float, float]] = []
        for _ in range(args.repeat):
            checks.append(measure(lambda: check_workbook(file, file.name, LEDGER_LIMITS)))
            reads.append(measure(lambda: read_bookings(file)))
        for label, runs in (("Vorprüfung", checks), ("ganzes Lesen", reads)):
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(f"{label}: Median {wall:.2f} s Wandzeit, {cpu:.2f} s CPU")
        share = statistics.median(c[1] for c in checks) / statistics.median(r[1] for r in reads)
        print(f"Anteil der Vorprüfung an der CPU-Zeit des ganzen Lesens: {share:.0%}")


if __name__ == "__main__":
    main()
