#!/usr/bin/env python3
"""Bootstrap and run amp on a machine that has nothing but Python >= 3.11.

    python3 dev.py demo          start amp on the embedded demo plan (Jobcenter EN 2024)
    python3 dev.py test          run every check of the project: lint, types, tests
    python3 dev.py amp ARGS...   run the amp command inside the project environment

The first call creates `.bootstrap/` (a venv holding the pinned uv) and `.venv/` (the
project environment, installed exactly from `uv.lock`). Later calls reuse both.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

UV_VERSION = "0.13.8"
ROOT = Path(__file__).resolve().parent
BOOTSTRAP = ROOT / ".bootstrap"
PROJECT_ENV = ROOT / ".venv"
BIN = "Scripts" if os.name == "nt" else "bin"


def _run(*cmd: str | Path, env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def _uv() -> Path:
    uv = BOOTSTRAP / BIN / "uv"
    if not uv.exists():
        print(f"Einmalige Einrichtung: installiere uv {UV_VERSION} nach {BOOTSTRAP.name}/ …")
        venv.create(BOOTSTRAP, with_pip=True)
        pip = BOOTSTRAP / BIN / "pip"
        if _run(pip, "install", "--quiet", "--disable-pip-version-check", f"uv=={UV_VERSION}"):
            sys.exit("Fehler: uv konnte nicht installiert werden (Zugang zu PyPI nötig).")
    return uv


def _sync() -> None:
    """Install the project environment exactly as locked; fast when nothing changed."""
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(PROJECT_ENV)}
    code = _run(_uv(), "sync", "--frozen", "--quiet", "--python", sys.executable, env=env)
    if code:
        sys.exit("Fehler: die Projektumgebung konnte nicht eingerichtet werden (uv sync).")


def _tool(name: str) -> Path:
    return PROJECT_ENV / BIN / name


def test() -> int:
    """Lint, format check, type check and the test suite; the first failure decides."""
    steps: list[tuple[str, list[str | Path]]] = [
        ("ruff check", [_tool("ruff"), "check", "."]),
        ("ruff format --check", [_tool("ruff"), "format", "--check", "."]),
        ("mypy", [_tool("mypy")]),
        ("pytest", [_tool("pytest")]),
    ]
    for label, cmd in steps:
        print(f"\n=== {label} ===", flush=True)
        code = _run(*cmd)
        if code:
            print(f"\n{label} ist fehlgeschlagen (Exit-Code {code}).", flush=True)
            return code
    return 0


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - the guard is for users on older Pythons
        sys.exit("Fehler: amp braucht Python 3.11 oder neuer.")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    _sync()
    command, rest = argv[0], argv[1:]
    if command == "test":
        return test()
    if command == "demo":
        return _run(_tool("amp"), "demo", *rest)
    if command == "amp":
        return _run(_tool("amp"), *rest)
    print(f"Unbekannter Befehl: {command}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
