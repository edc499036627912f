"""Benchmark: import of one million bookings from a CSV export (docs/benchmarks.md).

    /usr/bin/time -v .venv/bin/python benchmarks/vollzug_import_bench.py --dir /tmp/vb
    /usr/bin/time -v .venv/bin/python benchmarks/vollzug_import_bench.py --dir /tmp/vb \
        --phase wieder

Writes (once, into a temporary directory) a finance-system export with German headers,
German numbers and dates, then runs the import as `amp vollzug import` does it: read and
check every row, preview against the (empty) store, write the store. Then it imports the
same file again (every row unchanged, nothing written). Peak memory: `/usr/bin/time -v`
("Maximum resident set size").
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from amp.io.ledger.importer import Kind, apply_import, preview_import


def write_export(file: Path, rows: int) -> None:
    rng = random.Random(1)
    start = date(2024, 1, 1)
    with file.open("w", encoding="utf-8") as out:
        out.write(
            "Belegnummer;Buchungsdatum;Betrag in €;Sachkonto;Kostenstelle;Vertrag;Buchungstext\n"
        )
        for i in range(rows):
            day = start + timedelta(days=rng.randrange(366))
            cents = rng.randrange(-50_000, 5_000_000)
            euros, rest = divmod(abs(cents), 100)
            amount = f"{'-' if cents < 0 else ''}{euros:,}".replace(",", ".") + f",{rest:02d}"
            contract = f"V-{rng.randrange(5000)}" if rng.random() < 0.6 else ""
            out.write(
                f"{i + 1:08d};{day:%d.%m.%Y};{amount};68511.{rng.randrange(30):03d};"
                f"KST-{rng.randrange(12)};{contract};Zahlung\n"
            )


def timed(label: str, action):  # type: ignore[no-untyped-def]
    """Wall time and the process's CPU time: on a shared machine the CPU time is what the
    step costs, the wall time also what other processes took meanwhile."""
    begin, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(
        f"{label}: {time.perf_counter() - begin:.1f} s (CPU {time.process_time() - cpu:.1f} s)",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--dir", type=Path, help="Arbeitsverzeichnis (bleibt erhalten, für --phase wieder)"
    )
    parser.add_argument(
        "--phase",
        choices=["erst", "wieder"],
        default="erst",
        help="erst: Export schreiben und in einen leeren Vollzug einlesen; "
        "wieder: dieselbe Datei noch einmal einlesen",
    )
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)
    export, store = work / "export.csv", work / "vollzug"
    if args.phase == "erst":
        timed(
            f"Export mit {args.rows} Zeilen schreiben (nicht Teil der Messung)",
            lambda: write_export(export, args.rows),
        )
        begin, cpu = time.perf_counter(), time.process_time()
        first = timed(
            "Lesen, prüfen, Vorschau", lambda: preview_import(store, Kind.BOOKINGS, export)
        )
        assert first.counts()["neu"] == args.rows, first.counts()
        timed("Speichern", lambda: apply_import(store, first))
        print(
            f"Import gesamt: {time.perf_counter() - begin:.1f} s "
            f"(CPU {time.process_time() - cpu:.1f} s)",
            flush=True,
        )
    else:
        again = timed(
            "Erneuter Import derselben Datei (nichts geändert)",
            lambda: apply_import(store, preview_import(store, Kind.BOOKINGS, export)),
        )
        assert again is None


if __name__ == "__main__":
    main()
