"""Cluster tier: the indicators on a Spark standalone cluster (master and one worker as
separate JVMs on 127.0.0.1) give exactly the DuckDB figures.

Unlike `local` mode, the computation runs in an executor process of the worker: the SQL
plans, the cached intermediate tables and the results are serialized between driver and
executor, and every aggregation shuffles. Needs Java (skipped without it, fails in CI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import amp.cli
from amp.cli.kpi import app
from amp.kpi.engines import compute_duckdb, compute_spark
from amp.kpi.execution import execution_duckdb, execution_spark, write_synthetic
from amp.kpi.figures import compute_figures
from amp.kpi.params import Params
from amp.kpi.synth import SynthSpec, generate

from .sparkcluster import spark_home


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = Path(tmp_path_factory.mktemp("synth"))
    generate(SynthSpec(jobcenters=3, elb=900, months=30, seed=7), directory)
    return directory


def test_every_figure_on_the_cluster_equals_duckdb(
    cluster: Any, cluster_spark: Any, synthetic: Path
) -> None:
    params = Params()
    duck = compute_duckdb(synthetic, params)
    on_cluster = compute_spark(synthetic, params, spark=cluster_spark)
    assert cluster_spark.sparkContext.master == cluster.url
    # an executor of the worker did the work, not the driver
    assert list((cluster.directory / "work").glob("app-*/0")), cluster.log()
    assert on_cluster.jobcenters == duck.jobcenters == ["JC001", "JC002", "JC003"]
    assert on_cluster.series == duck.series
    months = range(duck.first_month + 13, duck.last_month + 1)
    compared = 0
    for month in months:
        expected = compute_figures(duck, month, params)
        assert compute_figures(on_cluster, month, params) == expected, month
        compared += sum(r.value is not None for r in expected)
    assert compared > 1000
    assert sum(duck.series["int__insgesamt"].values()) > 0
    assert sum(duck.series["elb_n_lzb__insgesamt"].values()) > 0


def test_cli_master_option_runs_on_the_cluster(
    cluster: Any, cluster_spark: Any, synthetic: Path
) -> None:
    runner = CliRunner()
    args = ["compute", str(synthetic), "-m", "2024-03", "-f", "csv", "--intern"]
    duck = runner.invoke(app, args)
    assert duck.exit_code == 0, duck.output
    spark = runner.invoke(app, [*args, "--engine", "spark", "--master", cluster.url])
    assert spark.exit_code == 0, spark.output
    assert spark.stdout == duck.stdout
    assert spark.stdout.count("\n") > 100


def test_cli_refuses_a_second_master(cluster_spark: Any, synthetic: Path) -> None:
    result = CliRunner().invoke(
        app, ["compute", str(synthetic), "--engine", "spark", "--master", "local[1]"]
    )
    assert result.exit_code != 0
    assert "läuft bereits eine Spark-Sitzung" in result.output


def test_master_needs_the_spark_engine(synthetic: Path) -> None:
    result = CliRunner().invoke(app, ["compute", str(synthetic), "--master", "spark://x:7077"])
    assert result.exit_code != 0
    assert "--master gilt nur mit --engine spark" in result.output


def test_execution_of_a_land_on_the_cluster_equals_duckdb(
    cluster: Any, cluster_spark: Any, tmp_path: Path
) -> None:
    """The Land-level Ausschöpfung over Parquet partitioned by Jobcenter and month."""
    land = tmp_path / "land"
    write_synthetic(land, jobcenters=4, year=2024, seed=11)
    on_cluster = execution_spark(land, 2024, spark=cluster_spark)
    assert cluster_spark.sparkContext.master == cluster.url
    on_duckdb = execution_duckdb(land, 2024)
    assert on_cluster.rows == on_duckdb.rows
    assert len(on_duckdb.rows) == 48
    assert on_cluster.unplanned == on_duckdb.unplanned
    runner = CliRunner()
    args = ["vollzug", str(land), "--jahr", "2024", "-f", "csv"]
    duck = runner.invoke(app, args)
    spark = runner.invoke(app, [*args, "--engine", "spark", "--master", cluster.url])
    assert duck.exit_code == 0, duck.output
    assert spark.exit_code == 0, spark.output
    assert spark.stdout == duck.stdout


def test_spark_submit_runs_amp_on_the_cluster(cluster: Any, tmp_path: Path) -> None:
    """amp as a spark-submit application (docs/kpi-cluster.md, section 2): master and
    resources come from spark-submit, the result on stdout equals DuckDB's."""
    land = tmp_path / "land"
    write_synthetic(land, jobcenters=3, year=2024, seed=13)
    args = ["kpi", "vollzug", str(land), "--jahr", "2024", "-f", "csv"]
    duck = CliRunner().invoke(app, args[1:])
    assert duck.exit_code == 0, duck.output
    env = cluster.env() | {
        "PYSPARK_PYTHON": sys.executable,
        "PYSPARK_DRIVER_PYTHON": sys.executable,
    }
    env.pop("AMP_KPI_SPARK_MASTER", None)
    entry = Path(amp.cli.__file__).with_name("__main__.py")
    submit = [
        str(spark_home() / "bin" / "spark-submit"),
        "--master",
        cluster.url,
        "--deploy-mode",
        "client",
        "--conf",
        "spark.driver.host=127.0.0.1",
        "--conf",
        "spark.driver.bindAddress=127.0.0.1",
        "--conf",
        "spark.ui.enabled=false",
        "--conf",
        "spark.sql.shuffle.partitions=2",
        "--executor-memory",
        "512m",
        "--total-executor-cores",
        "1",
        str(entry),
        *args,
        "--engine",
        "spark",
    ]
    done = subprocess.run(submit, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:] + cluster.log()
    assert done.stdout == duck.stdout
