"""Benchmark of the whole Arbeitsmarktprogramm as PDF (results go to docs/benchmarks.md).

    .venv/bin/python benchmarks/document_bench.py [--repeat 3]

Side by side, in one run, alternating so that the load of the machine hits all alike:
  1. today's report end to end: `amp report PLAN --format pdf` (WeasyPrint, untagged);
  2. the whole document end to end: `amp report PLAN --gesamt --format pdf` (Typst, PDF/UA-1);
  3. the engines alone on the same document (chapters, tables, charts, findings), in this
     process after one warm-up: WeasyPrint 70 with `pdf_variant="pdf/ua-1"` on the
     document's HTML, and Typst (Python package) with `pdf_standards=["ua-1"]` on its Typst
     source. Both PDFs are checked for being tagged (StructTreeRoot, MarkInfo /Marked).
Target: (2) at most an eighth of (1).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from amp.core.checks import check_plan
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.reports import typst_pdf
from amp.reports.chapters import read_sources
from amp.reports.document import build_document, render_document_html
from amp.rules.legal_facts import legal_facts

EXAMPLE = DEMO_PLAN
AMP = Path(sys.executable).parent / "amp"


def run(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(AMP), *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def timed(action: Callable[[], bytes]) -> tuple[float, bytes]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def tagged(pdf: bytes, path: Path) -> str:
    path.write_bytes(pdf)
    root = PdfReader(path).trailer["/Root"]
    marked = root.get("/MarkInfo", {}).get("/Marked")
    pages = len(PdfReader(path).pages)
    return f"{pages} Seiten, getaggt: {'ja' if '/StructTreeRoot' in root and marked else 'nein'}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from weasyprint import HTML

    loaded = load_plan(EXAMPLE)
    findings = check_plan(loaded.plan, legal_facts(loaded.plan.year, EXAMPLE))
    doc = build_document(loaded.plan, read_sources(EXAMPLE), findings)
    html = render_document_html(doc)

    def weasy() -> bytes:
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")  # type: ignore[no-any-return]

    def typst() -> bytes:
        return typst_pdf.pdf_bytes(doc)

    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        _, first_w = timed(weasy)  # warm-up
        _, first_t = timed(typst)
        for _ in range(args.repeat):
            results.setdefault("heute: amp report --format pdf", []).append(
                run("report", str(EXAMPLE), "--format", "pdf", "--output", str(out / "r.pdf"))
            )
            results.setdefault("neu: amp report --gesamt --format pdf", []).append(
                run(
                    "report",
                    str(EXAMPLE),
                    "--gesamt",
                    "--format",
                    "pdf",
                    "--output",
                    str(out / "d.pdf"),
                )
            )
            results.setdefault("Satz allein: WeasyPrint pdf/ua-1", []).append(timed(weasy)[0])
            results.setdefault("Satz allein: Typst ua-1", []).append(timed(typst)[0])
        print(
            f"WeasyPrint: {tagged(first_w, out / 'w.pdf')}; Typst: {tagged(first_t, out / 't.pdf')}"
        )
        print(f"Gesamtdokument (amp): {tagged((out / 'd.pdf').read_bytes(), out / 'd2.pdf')}")
    medians = {name: statistics.median(times) for name, times in results.items()}
    for name, times in results.items():
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name}: Median {medians[name]:.2f} s (Läufe {runs})")
    today, new = (
        medians["heute: amp report --format pdf"],
        medians["neu: amp report --gesamt --format pdf"],
    )
    engines = medians["Satz allein: WeasyPrint pdf/ua-1"] / medians["Satz allein: Typst ua-1"]
    print(
        f"Verhältnis heute / neu (Ende zu Ende): {today / new:.1f}×; "
        f"WeasyPrint / Typst: {engines:.1f}×"
    )


if __name__ == "__main__":
    main()
