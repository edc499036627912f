"""Benchmark of the PDF report of the example plan (results go to docs/benchmarks.md).

    .venv/bin/python benchmarks/report_bench.py [--repeat 3]

Steps, each timed separately:
  1. end to end: `amp report src/amp/examples/jobcenter-en-2024 --format pdf --output FILE` in a
     fresh process (start-up, loading, checks, charts, HTML, WeasyPrint, writing)
  2. in this process, after one warm-up run: loading and checking the plan, the HTML with
     its three SVG charts, and the PDF layout by WeasyPrint
Target: the full PDF of the example in under 5 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from amp.core.checks import check_plan
from amp.io.plan_dir import load_plan
from amp.reports.html import render_html
from amp.reports.pdf import pdf_bytes
from amp.rules.legal_facts import legal_facts

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "amp" / "examples" / "jobcenter-en-2024"
AMP = Path(sys.executable).parent / "amp"


def end_to_end(output: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(AMP), "report", str(EXAMPLE), "--format", "pdf", "--output", str(output)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def cold_import(module: str) -> float:
    """Wall time of a fresh interpreter importing one module (start-up included)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
    return time.perf_counter() - start


def in_process() -> dict[str, float]:
    times: dict[str, float] = {}
    start = time.perf_counter()
    loaded = load_plan(EXAMPLE)
    findings = check_plan(loaded.plan, legal_facts(loaded.plan.year, EXAMPLE))
    times["Plan laden und prüfen"] = time.perf_counter() - start
    start = time.perf_counter()
    html = render_html(loaded.plan, findings)
    times["HTML mit Grafiken"] = time.perf_counter() - start
    start = time.perf_counter()
    document = pdf_bytes(html)
    times["PDF (WeasyPrint)"] = time.perf_counter() - start
    times["PDF-Größe in KB"] = len(document) / 1024
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        output = Path(directory) / "bericht.pdf"
        runs = [end_to_end(output) for _ in range(args.repeat)]
        pages = len(PdfReader(output).pages)
    print(
        f"amp report --format pdf, Ende zu Ende: beste {min(runs):.2f} s "
        f"(Läufe {', '.join(f'{r:.2f}' for r in runs)} s), {pages} Seiten"
    )
    print("Kaltstart (neuer Interpreter, nur Import):")
    for module in ("amp.cli", "weasyprint"):
        print(f"  {module}: {cold_import(module):.2f} s")
    print("im Prozess, nach einem Aufwärmlauf:")
    in_process()  # warm-up: imports and font caches
    for label, value in in_process().items():
        unit = "" if "KB" in label else " s"
        print(f"  {label}: {value:.2f}{unit}")


if __name__ == "__main__":
    main()
