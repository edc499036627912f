"""Load benchmark of the report download (results go to docs/benchmarks.md).

    .venv/bin/python benchmarks/pdf_download_bench.py [--users 20] [--duration 60]

Runs benchmarks/web_bench.py (gunicorn on PostgreSQL, locust users pausing 1–3 s between
two requests) against the PDF download of the published example version, in a database
of its own (amp_bench_pdf). The warm-up request renders the report once; every request
under load is served from the stored PDF (AMP_DATA_DIR/berichte), as every download of an
unchanged version is. The overview of the same version runs beside it in the same run,
as a reference for the machine's load. Target: p95 < 200 ms with 20 users.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import web_bench

PATH = "/staende/{beschlossen}/bericht.pdf"
# measured side by side in the same run: the overview of the same version, a page whose
# p95 is known (docs/benchmarks.md), shows what the machine's load does to both
REFERENCE = "/staende/{beschlossen}/"


def main() -> int:
    web_bench.DATABASE = "amp_bench_pdf"
    sys.argv = [sys.argv[0], PATH, REFERENCE, "--port", "8791", *sys.argv[1:]]
    return web_bench.main()


if __name__ == "__main__":
    sys.exit(main())
