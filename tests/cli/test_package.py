"""An installed amp (a wheel, not this checkout) finds its example plan."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from amp.example import DEMO_PLAN

ROOT = Path(__file__).parents[2]


def test_the_example_plan_is_package_data() -> None:
    assert DEMO_PLAN.is_relative_to(Path(__import__("amp").__file__).parent)
    assert (DEMO_PLAN / "plan.yaml").is_file()


def _uv() -> str:
    found = shutil.which("uv") or str(ROOT / ".bootstrap" / "bin" / "uv")
    if not Path(found).exists():
        pytest.skip("uv is not installed (python3 dev.py installs it to .bootstrap/)")
    return found


def test_a_built_wheel_carries_the_example_and_finds_it(tmp_path: Path) -> None:
    built = subprocess.run(
        [_uv(), "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("amp-*.whl")
    installed = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "amp/examples/jobcenter-en-2024/plan.yaml" in names
        assert not [n for n in names if "__pycache__" in n]
        archive.extractall(installed)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(installed), "AMP_CACHE_DIR": "off"}

    def amp(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "amp.cli", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import amp.example as e; print(e.DEMO_PLAN)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert Path(where.stdout.strip()).is_relative_to(installed), where
    copied = amp("example", "--output", "plan")
    assert copied.returncode == 0, copied.stderr
    checked = amp("check", "plan")
    assert checked.returncode == 1, checked.stderr  # the seed plan has findings of severity Fehler
    assert "Jobcenter EN – Arbeitsmarktprogramm 2024" in checked.stdout
