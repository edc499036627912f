"""Benchmark of amp's start-up (results go to docs/benchmarks.md).

    .venv/bin/python benchmarks/startup_bench.py [--repeat 7]

Each round runs, in fresh processes and one right after the other (so a busy machine
slows all of them alike):
  - bare:   `python -c "import amp.core.plan"` (the floor: the interpreter and the model)
  - check:  `amp check src/amp/examples/jobcenter-en-2024` with a warm cache (amp.io.cache;
            one run before the rounds fills it)
  - cold:   the same with an empty cache directory (parse YAML, validate with pydantic,
            compute the § 16i obligations of the cohort)
  - help:   `amp --help`
Reported: the median of each and the ratio check/bare of the medians.
Targets (issue 10): check ≤ 0,6 s and ≤ 2,5 × bare; help ≤ 0,4 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "amp" / "examples" / "jobcenter-en-2024"
PYTHON = sys.executable
AMP = str(Path(PYTHON).parent / "amp")


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        warm = {**os.environ, "AMP_CACHE_DIR": str(Path(scratch) / "warm"), "COLUMNS": "100"}
        commands = {
            "bare": ([PYTHON, "-c", "import amp.core.plan"], warm),
            "check": ([AMP, "check", str(EXAMPLE)], warm),
            "cold": ([AMP, "check", str(EXAMPLE)], None),
            "help": ([AMP, "--help"], warm),
        }
        timed(commands["check"][0], warm)  # fills the warm cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(args.repeat):
            for name, (command, env) in commands.items():
                if env is None:  # an empty cache every time
                    env = {**warm, "AMP_CACHE_DIR": str(Path(scratch) / f"cold-{round_}")}
                times[name].append(timed(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        shown = " ".join(f"{v:.2f}" for v in values)
        print(f"{name:6} median {medians[name]:.3f} s   ({shown})")
    print(f"check / bare: {medians['check'] / medians['bare']:.2f}×")
    print(f"cold / bare:  {medians['cold'] / medians['bare']:.2f}×")


if __name__ == "__main__":
    main()
