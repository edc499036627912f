"""Shared local SparkSession: skipped without PySpark/Java, but a failure when CI=true."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.system import unavailable


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    reason = None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        reason = "PySpark ist nicht installiert"
    if reason is None and shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        reason = "Java (17) ist nicht installiert"
    if reason is not None:
        unavailable(reason)
    from amp.kpi.engines import spark_session

    session = spark_session("local[2]")
    session.conf.set("spark.sql.shuffle.partitions", "2")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
