"""`amp kpi compute` and `amp kpi synth` through the Typer app."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from amp.cli.kpi import app
from tests.kpi.caseio import load_cases, write_inputs

runner = CliRunner()


def grundfall(tmp_path: Path) -> Path:
    case = next(c for c in load_cases() if c.name == "grundfall")
    return write_inputs(case, tmp_path / "in")


def test_compute_csv_published_suppresses_small_cells(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compute", str(grundfall(tmp_path)), "-m", "2024-06", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = {(r["kennzahl"], r["gruppe"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows[("K1", "insgesamt")]["wert"] == "22.2"
    assert rows[("K1", "insgesamt")]["zaehler"] == "3300"
    # 3 women against 2 in the Vorjahresmonat: fewer than 3 persons -> suppressed
    assert rows[("K1E2", "frauen")]["wert"] == ""
    assert rows[("K1E2", "frauen")]["hinweis"].startswith("gesperrt")
    # suppressed even where the denominator is 0: the numerator (1 person) is not shown
    assert rows[("K1E2", "u25")]["zaehler"] == ""
    assert rows[("K1E2", "u25")]["lokal"] == "ja"


def test_compute_json_internal_keyed_by_code(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["compute", str(grundfall(tmp_path)), "-m", "2024-06", "-f", "json", "--intern"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["berichtsmonat"] == "2024-06"
    assert set(doc["kennzahlen"]) >= {"K1", "K2", "K2E3", "K3E4"}
    k1e2 = {w["gruppe"]: w for w in doc["kennzahlen"]["K1E2"]["werte"]}
    assert k1e2["frauen"]["wert"] == 50.0
    assert doc["kennzahlen"]["K2"]["vorschrift"].startswith("§ 5 Abs. 1")
    k3 = doc["kennzahlen"]["K3"]["werte"][0]
    assert k3["wert"] is None
    assert "24 Monate Vorlauf" in k3["hinweis"]


def test_compute_parameters_change_result(tmp_path: Path) -> None:
    args = ["compute", str(grundfall(tmp_path)), "-m", "2024-06", "-f", "csv", "--intern"]
    result = runner.invoke(app, [*args, "--nenner-versatz", "0"])
    rows = {(r["kennzahl"], r["gruppe"]): r for r in csv.DictReader(io.StringIO(result.stdout))}
    # denominator 2023-07..2024-06 = 60 person-months: 5 * 12 / 60 = 100 %
    assert rows[("K2", "insgesamt")]["wert"] == "100.0"


def test_compute_latest_respects_waiting_time(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compute", str(grundfall(tmp_path)), "-f", "json"])
    assert json.loads(result.stdout)["berichtsmonat"] == "2024-09"  # data until 2024-12


def test_compute_table(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compute", str(grundfall(tmp_path)), "-m", "2024-06"])
    assert result.exit_code == 0
    assert "Jobcenter EN, Berichtsmonat 2024-06" in result.stdout
    assert "22,2" in result.stdout


def test_bad_input_exit_2_without_traceback(tmp_path: Path) -> None:
    directory = grundfall(tmp_path)
    panel = directory / "panel.csv"
    panel.write_text(panel.read_text().replace("A,EN,2023-01,ja", "A,EN,2023-01,jain"))
    result = runner.invoke(app, ["compute", str(directory)])
    assert result.exit_code == 2
    assert "Spalte „elb“: kein Wahrheitswert" in result.output
    assert "Zeile 2" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_directory_and_bad_month(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compute", str(tmp_path / "fehlt")])
    assert result.exit_code == 2
    assert "Eingabeverzeichnis fehlt" in result.output
    result = runner.invoke(app, ["compute", str(tmp_path), "-m", "2024-13"])
    assert result.exit_code == 2
    assert "Berichtsmonat „2024-13“ ist ungültig" in result.output


def test_unknown_jobcenter(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compute", str(grundfall(tmp_path)), "--jobcenter", "XY"])
    assert result.exit_code == 2
    assert "Jobcenter „XY“ kommt nicht vor" in result.output


def test_synth_is_deterministic_and_computable(tmp_path: Path) -> None:
    args = ["synth", "--jobcenters", "2", "--elb", "1500", "--months", "30", "--seed", "7"]
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "a")]).exit_code == 0
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "b")]).exit_code == 0
    other = [*args[:-1], "8", "--out", str(tmp_path / "c")]
    assert runner.invoke(app, other).exit_code == 0
    for name in ("panel", "zeitraeume", "ereignisse", "beschaeftigung"):
        a = pq.read_table(tmp_path / "a" / f"{name}.parquet")
        assert a.equals(pq.read_table(tmp_path / "b" / f"{name}.parquet"))
    panel_a = pq.read_table(tmp_path / "a" / "panel.parquet")
    assert not panel_a.equals(pq.read_table(tmp_path / "c" / "panel.parquet"))
    assert set(panel_a.column("jobcenter").to_pylist()) == {"JC001", "JC002"}
    result = runner.invoke(app, ["compute", str(tmp_path / "a"), "-f", "json", "--intern"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    k2 = [w for w in doc["kennzahlen"]["K2"]["werte"] if w["gruppe"] == "insgesamt"]
    assert len(k2) == 2
    assert all(5 < w["wert"] < 30 for w in k2)  # plausible Integrationsquoten


def test_progress_bar_counts_every_step(tmp_path: Path) -> None:
    """The bar's total is the number of steps the computation reports, with and without
    day-precise spells."""
    from amp.kpi.engines import compute_duckdb, progress_steps
    from amp.kpi.params import Params

    for case in load_cases():
        directory = write_inputs(case, tmp_path / case.name)
        spells = (directory / "zeitraeume.csv").exists()
        labels: list[str] = []
        compute_duckdb(directory, Params(), progress=labels.append, month="latest")
        assert len(labels) == progress_steps(Params(), spells) > 5, case.name
        assert labels[0].startswith("Vorbereitung")
        assert labels[-1].startswith("Grundgrößen")


def test_duckdb_prints_no_progress_of_its_own() -> None:
    """DuckDB's progress bar would land in stdout, inside the CSV or JSON of a long run."""
    from amp.kpi.engines import duckdb_connection

    con = duckdb_connection()
    assert con.execute("SELECT current_setting('enable_progress_bar')").fetchone() == (False,)
