"""Ten simultaneous saves of one cell: one is saved, nine get the conflict message, none an
error - on an SQLite file (WAL, busy timeout, immediate transactions) and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.web.concurrent_writers import WRITERS, race

HERE = Path(__file__).parent


def _check(outcome: dict[str, object]) -> None:
    assert outcome["statuses"] == [302] + [409] * (WRITERS - 1)
    assert outcome["conflicts"] == WRITERS - 1
    assert outcome["audit"] == 1


@pytest.mark.skipif(os.environ.get("AMP_TEST_BACKEND") is not None, reason="SQLite only")
def test_ten_writers_on_an_sqlite_file(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'amp.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "amp.web.settings_test",
        "AMP_ALLOWED_HOSTS": "testserver",
        "PYTHONPATH": os.pathsep.join([str(HERE.parent), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, str(HERE / "concurrent_writers.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["journal_mode"] == "wal"
    _check(outcome)


@pytest.mark.django_db(transaction=True)
def test_ten_writers_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass (tests/test_web_postgresql.py)")
    _check(race())
