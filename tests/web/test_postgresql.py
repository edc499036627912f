"""The web tests (plans and Kennzahlen) once more on PostgreSQL, in a child pytest with
DATABASE_URL set.

PostgreSQL comes from AMP_TEST_DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/
amp_web_test; pytest-django creates and drops `test_<name>`). When the server cannot be
reached the test is skipped with the reason - except with CI=true, where it fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg
import pytest

from tests.support.system import unavailable

ROOT = Path(__file__).parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/amp_web_test"
INNER = "AMP_TEST_BACKEND"
# every web test but the browser ones (they use Django's live server on SQLite)
WEB_TESTS = ("tests/web", "--ignore=tests/web/browser")


def _reachable(url: str) -> str | None:
    """None when the server answers, else why not."""
    config = dj_database_url.parse(url)
    try:
        with psycopg.connect(
            host=config["HOST"] or "127.0.0.1",
            port=int(config["PORT"] or 5432),
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return None
    except psycopg.Error as exc:
        return str(exc).strip()


@pytest.mark.skipif(os.environ.get(INNER) is not None, reason="inner run on PostgreSQL")
def test_web_suite_passes_on_postgresql() -> None:
    url = os.environ.get("AMP_TEST_DATABASE_URL", DEFAULT_URL)
    problem = _reachable(url)
    if problem is not None:
        unavailable(f"PostgreSQL unter {url} nicht erreichbar: {problem}")
    env = {**os.environ, "DATABASE_URL": url, INNER: "postgresql"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--create-db",
            *WEB_TESTS,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
