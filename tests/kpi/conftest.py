"""Spark sessions for the tests: skipped without PySpark/Java, but a failure when CI=true.

One SparkContext per process: the local session (fixture `spark`) and the session on the
standalone cluster (fixture `cluster_spark`) replace each other when a test asks for the
other one, so the tests run in any order."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.system import unavailable

LOCAL = "local[2]"


def require_spark() -> None:
    reason = None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        reason = "PySpark ist nicht installiert"
    if reason is None and shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        reason = "Java (17) ist nicht installiert"
    if reason is not None:
        unavailable(reason)


def stop_other_session(master: str) -> Any:
    """The running session if it runs on `master`; otherwise stop it and return None."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is None or active.sparkContext.master == master:
        return active
    active.stop()
    return None


@pytest.fixture(scope="session")
def _spark_cleanup() -> Iterator[None]:
    yield
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        active.stop()


@pytest.fixture
def spark(_spark_cleanup: None) -> Any:
    require_spark()
    session = stop_other_session(LOCAL)
    if session is None:
        from amp.kpi.engines import spark_session

        session = spark_session(LOCAL)
        session.conf.set("spark.sql.shuffle.partitions", "2")
        session.sparkContext.setLogLevel("ERROR")
    return session


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A standalone master and one worker on 127.0.0.1 (ports chosen at run time)."""
    require_spark()
    from .sparkcluster import Cluster

    running = Cluster(Path(tmp_path_factory.mktemp("spark-cluster")))
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def cluster_spark(cluster: Any) -> Iterator[Any]:
    """A session whose executors run on the cluster's worker."""
    from pyspark.sql import SparkSession

    stop_other_session(cluster.url)
    session = (
        SparkSession.builder.master(cluster.url)
        .appName("amp-kpi-cluster-test")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.memory", "512m")
        .config("spark.cores.max", "1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
