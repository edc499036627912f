"""Issue 13 item 8: `amp manage` answers in German also before the installation has its
secret key, and the web application serves its CSS before `collectstatic` has run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"AMP_SECRET_KEY", "AMP_DEMO", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    return env | extra


def _amp(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "amp.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_manage_help_without_secret_key_is_german() -> None:
    for args in (["manage"], ["manage", "--help"], ["manage", "help"]):
        result = _amp(*args, env=_env())
        assert result.returncode == 0, result.stderr
        assert "Datenbank anlegen oder auf den neuen Stand bringen" in result.stdout
        assert "Betriebskonto anlegen" in result.stdout
        assert "Hinweis: Die Web-Anwendung ist nicht eingerichtet: AMP_SECRET_KEY fehlt" in (
            result.stdout
        )
        assert "Available subcommands" not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def test_manage_help_with_a_key_is_german_and_names_no_problem(tmp_path: Path) -> None:
    env = _env(AMP_SECRET_KEY="x" * 50, AMP_DATA_DIR=str(tmp_path))
    result = _amp("manage", "--help", env=env)
    assert result.returncode == 0, result.stderr
    assert "plan_import PLAN" in result.stdout
    assert "Hinweis" not in result.stdout


def test_css_is_served_before_collectstatic_without_debug(tmp_path: Path) -> None:
    """A production-like setting (no DEBUG, no demo) whose static directory is still empty."""
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.test import Client;"
        "r = Client().get('/static/amp/amp.css', HTTP_HOST='localhost');"
        "print(settings.DEBUG, settings.WHITENOISE_USE_FINDERS, r.status_code,"
        " b''.join(r.streaming_content)[:40] if r.streaming else r.content[:40])"
    )
    env = _env(
        AMP_SECRET_KEY="x" * 50,
        AMP_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="amp.web.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    debug, finders, status, *_rest = result.stdout.split()
    assert (debug, finders, status) == ("False", "True", "200"), result.stdout
    assert "No directory at" not in result.stderr
