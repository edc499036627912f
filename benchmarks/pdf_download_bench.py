"""Load benchmark of the report download (results go to docs/benchmarks.md).

    .venv/bin/python benchmarks/pdf_download_bench.py [--users 20] [--duration 60]

Runs benchmarks/web_bench.py (gunicorn on PostgreSQL, locust users pausing 1–3 s between
two requests) against the PDF download of the published example version, in a database
of its own (amp_bench_pdf). The warm-up request renders the report once; every request
under load is served from the stored PDF (AMP_DATA_DIR/berichte), as every download of an
unchanged version is. Target: p95 < 200 ms with 20 users.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import web_bench  # noqa: E402

PATH = "/staende/{beschlossen}/bericht.pdf"


def main() -> int:
    web_bench.DATABASE = "amp_bench_pdf"
    sys.argv = [sys.argv[0], PATH, "--port", "8791", *sys.argv[1:]]
    return web_bench.main()


if __name__ == "__main__":
    sys.exit(main())
