"""Tests that need a program or service of the machine (LibreOffice, Chromium, PostgreSQL …).

Without it such a test is skipped with the reason — except in CI (`CI=true`), where
`.ci/run` installs or starts what the tests need, so a missing dependency is a failure.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> None:
    """Skip the test (fail it in CI) because `reason` keeps it from running here."""
    if in_ci():
        pytest.fail(f"{reason}; in CI (CI=true) muss dieser Test laufen")
    pytest.skip(reason)
