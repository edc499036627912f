"""One definition, two engines: Spark yields exactly the DuckDB base series and figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amp.kpi.engines import compute_duckdb, compute_spark
from amp.kpi.figures import compute_figures
from amp.kpi.params import Params
from amp.kpi.schema import month_index
from amp.kpi.synth import SynthSpec, generate

from .caseio import load_cases, write_inputs


def test_cases_agree(spark: Any, tmp_path: Path) -> None:
    params = Params()
    for case in load_cases():
        directory = write_inputs(case, tmp_path / case.name)
        duck = compute_duckdb(directory, params)
        sp = compute_spark(directory, params, spark=spark)
        assert sp.series == duck.series, case.name
        for month in case.expected:
            m = month_index(month)
            assert compute_figures(sp, m, params) == compute_figures(duck, m, params)


def test_synthetic_parquet_agrees(spark: Any, tmp_path: Path) -> None:
    generate(SynthSpec(jobcenters=2, elb=600, months=30, seed=3), tmp_path)
    params = Params()
    duck = compute_duckdb(tmp_path, params)
    sp = compute_spark(tmp_path, params, spark=spark)
    assert duck.jobcenters == sp.jobcenters == ["JC001", "JC002"]
    assert sp.series == duck.series
    assert sum(duck.series["int__insgesamt"].values()) > 0


def test_cli_engine_spark_matches_duckdb(spark: Any, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from amp.cli.kpi import app

    case = next(c for c in load_cases() if c.name == "grundfall")
    directory = str(write_inputs(case, tmp_path / "in"))
    runner = CliRunner()
    args = ["compute", directory, "-m", "2024-06", "-f", "csv"]
    duck = runner.invoke(app, args)
    sp = runner.invoke(app, [*args, "--engine", "spark"])  # reuses the running session
    assert sp.exit_code == 0, sp.output
    assert sp.stdout == duck.stdout
    assert "K2,insgesamt,101.7" in sp.stdout


def test_several_spells_agree(spark: Any, tmp_path: Path) -> None:
    """The merging of overlapping spells (persons with more than one) on both engines."""
    from .test_properties import build_spells

    people: list[list[tuple[int, int | None]]] = [
        [(1000, None)],
        [(800, 100), (650, 700)],  # overlapping, together LZB
        [(700, 300), (399, None)],  # adjacent
        [(720, 300), (300, 100), (150, None)],  # gaps
        [(500, 10), (400, 5)],  # short
    ]
    build_spells(people, tmp_path)
    duck = compute_duckdb(tmp_path, Params())
    sp = compute_spark(tmp_path, Params(), spark=spark)
    assert sp.series == duck.series
    assert duck.get("elb_n_lzb__insgesamt", "EN", month_index("2024-06")) == 3
