"""The Land-level aggregation of in-year execution (Ausschöpfung of many Jobcenters):
a hand-computed case, German problems with the input, and DuckDB = Spark, also on
Parquet partitioned by Jobcenter and month. The cluster run is in test_cluster.py."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from amp.cli.kpi import app
from amp.kpi.execution import MonthRow, execution_duckdb, execution_spark, write_synthetic
from amp.kpi.inputs import InputError

BOOKINGS = """jobcenter,planzeile,datum,betrag
JC1,a,2024-01-15,100.00
JC1,a,2024-01-20, 50.50
JC1,b,2024-03-01,-20.00
JC1,x,2024-02-10,7.00
JC2,a,2024-02-29,1000.00
JC2,a,2023-12-31,999.00
JC2,a,2024-04-01,5.00
"""
PLANS = """jobcenter,jahr,planzeile,ansatz
JC1,2024,a,1000.00
JC1,2024,b,500.00
JC2,2024,a,4000.00
JC2,2023,a,1.00
"""


@pytest.fixture
def by_hand(tmp_path: Path) -> Path:
    (tmp_path / "buchungen.csv").write_text(BOOKINGS)
    (tmp_path / "ansaetze.csv").write_text(PLANS)
    return tmp_path


def row(jc: str, month: int, actual: str, cumulative: str, plan: str) -> MonthRow:
    return MonthRow(jc, month, Decimal(actual), Decimal(cumulative), Decimal(plan))


def test_hand_computed_case(by_hand: Path) -> None:
    result = execution_duckdb(by_hand, 2024, through=3)
    # JC1: 150,50 in January (two bookings), 7,00 on a line without plan amount in
    # February, a Rückforderung of 20,00 in March; plan 1.000 + 500. JC2: the booking of
    # 31.12.2023 and the plan of 2023 belong to the other year; April is after the Stand.
    assert result.rows == [
        row("JC1", 1, "150.50", "150.50", "1500.00"),
        row("JC1", 2, "7.00", "157.50", "1500.00"),
        row("JC1", 3, "-20.00", "137.50", "1500.00"),
        row("JC2", 1, "0.00", "0.00", "4000.00"),
        row("JC2", 2, "1000.00", "1000.00", "4000.00"),
        row("JC2", 3, "0.00", "1000.00", "4000.00"),
    ]
    assert result.unplanned == {"JC1": Decimal("7.00")}
    assert [r.share for r in result.at_stand()] == [Decimal("9.17"), Decimal("25.00")]


def test_the_stand_defaults_to_the_last_month_with_bookings(by_hand: Path) -> None:
    assert execution_duckdb(by_hand, 2024).through == 4


def test_every_problem_of_the_input_at_once(tmp_path: Path) -> None:
    (tmp_path / "buchungen.csv").write_text(
        "jobcenter,planzeile,datum,betrag\nJC1,a,2024-13-01,1\nJC1,,2024-01-01,x\n"
    )
    (tmp_path / "ansaetze.csv").write_text("jobcenter,jahr,planzeile\nJC1,2024,a\n")
    with pytest.raises(InputError) as caught:
        execution_duckdb(tmp_path, 2024)
    shown = [str(p) for p in caught.value.problems]
    assert shown == [
        "buchungen.csv, Zeile 2, Spalte „datum“: „2024-13-01“: kein Datum (JJJJ-MM-TT)",
        "buchungen.csv, Zeile 3, Spalte „betrag“: „x“: kein Betrag in Euro (z. B. 1234.56)",
        "buchungen.csv, Spalte „planzeile“: 1 Zeile ohne Wert",
        "ansaetze.csv, Spalte „ansatz“: Spalte fehlt",
    ]


def test_missing_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        execution_duckdb(tmp_path, 2024)
    assert len(caught.value.problems) == 2
    assert "buchungen.csv, buchungen.parquet oder ein Verzeichnis buchungen/" in str(caught.value)


def test_partitioned_parquet_gives_the_figures_of_one_file(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "partitioniert", jobcenters=3, year=2024, seed=5)
    write_synthetic(tmp_path / "eine_datei", jobcenters=3, year=2024, seed=5, partitioned=False)
    assert (tmp_path / "partitioniert" / "buchungen" / "jobcenter=JC002" / "monat=2024-07").is_dir()
    partitioned = execution_duckdb(tmp_path / "partitioniert", 2024)
    single = execution_duckdb(tmp_path / "eine_datei", 2024)
    assert partitioned.rows == single.rows
    assert len(single.rows) == 36
    assert single.unplanned == {f"JC00{j}": Decimal("1234.56") for j in (1, 2, 3)}


def test_cli_csv(by_hand: Path) -> None:
    result = CliRunner().invoke(app, ["vollzug", str(by_hand), "--jahr", "2024", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "jobcenter,monat,ist_monat,ist_kumuliert,plan,ausschoepfung_prozent",
        "JC1,2024-01,150.50,150.50,1500.00,10.03",
    ]


def test_spark_gives_the_duckdb_figures(spark: Any, tmp_path: Path, by_hand: Path) -> None:
    assert execution_spark(by_hand, 2024, spark=spark).rows == execution_duckdb(by_hand, 2024).rows
    write_synthetic(tmp_path / "land", jobcenters=4, year=2024, seed=3)
    on_spark = execution_spark(tmp_path / "land", 2024, spark=spark)
    on_duckdb = execution_duckdb(tmp_path / "land", 2024)
    assert on_spark.rows == on_duckdb.rows
    assert len(on_duckdb.rows) == 48
    assert on_spark.unplanned == on_duckdb.unplanned


def test_a_quote_in_the_folder_name_is_only_a_character(tmp_path: Path) -> None:
    folder = tmp_path / "Land's Daten"
    write_synthetic(folder, jobcenters=1, year=2024, seed=2)
    assert len(execution_duckdb(folder, 2024).rows) == 12
