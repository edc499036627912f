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
Modules are compiled once before the rounds (as in an installation, even where
PYTHONDONTWRITEBYTECODE is set). Reported: the median of each and the ratio check/bare.
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
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout of an earlier amp (e.g. /work/main): its `amp check` and `amp --help` "
        "run in the same rounds, for a side-by-side comparison",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        # as installed: compiled modules (.pyc) are kept, here under the scratch directory
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        warm = {**base, "AMP_CACHE_DIR": str(Path(scratch) / "warm"), "COLUMNS": "100"}
        commands = {
            "bare": ([PYTHON, "-c", "import amp.core.plan"], warm),
            "check": ([AMP, "check", str(EXAMPLE)], warm),
            "cold": ([AMP, "check", str(EXAMPLE)], None),
            "help": ([AMP, "--help"], warm),
        }
        if args.before is not None:
            src = args.before.resolve() / "src"
            plan = next(
                p
                for p in (args.before / "examples" / EXAMPLE.name, src / "amp" / "examples")
                if p.is_dir()
            )
            run = f"import sys; sys.path.insert(0, {str(src)!r}); from amp.cli import main; main()"
            commands["check-before"] = (
                [
                    PYTHON,
                    "-c",
                    run.replace("main()", f"sys.argv = ['amp', 'check', {str(plan)!r}]; main()"),
                ],
                warm,
            )
            commands["help-before"] = (
                [PYTHON, "-c", run.replace("main()", "sys.argv = ['amp', '--help']; main()")],
                warm,
            )
        for command, _env in commands.values():  # fills the cache and compiles the modules
            timed(command, warm)
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
    if "check-before" in medians:
        print(f"check-before / bare: {medians['check-before'] / medians['bare']:.2f}×")


if __name__ == "__main__":
    main()
