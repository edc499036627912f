"""`amp calc …` as a user runs it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from amp.cli import app

runner = CliRunner()


def test_calc_16i_json() -> None:
    args = ["calc", "16i", "--start", "2024-03-01", "--hours", "39", "--household", "single"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert len(document["months"]) == 60
    assert document["months"][0]["subsidy"] == "2498.92"
    assert document["years"]["2024"] == {"subsidy": "24989.20", "pat": "8000"}


def test_calc_16i_table_in_german_format() -> None:
    args = ["calc", "16i", "--start", "2024-03-01", "--hours", "39", "--wage", "12,41"]
    result = runner.invoke(app, [*args, "--months", "3"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "2.498,92 €" in result.output
    assert "100 % / 100 % / 90 % / 80 % / 70 %" in result.output


def test_calc_bad_input_exits_2_without_traceback() -> None:
    result = runner.invoke(app, ["calc", "16e", "--start", "2024-02-30", "--hours", "30"])
    assert result.exit_code == 2
    assert "den Tag 2024-02-30 gibt es nicht" in result.output
    result = runner.invoke(app, ["calc", "16i", "--start", "2024-01-01", "--hours", "60"])
    assert result.exit_code == 2
    assert "Wochenstunden" in result.output


def test_calc_egz_and_einstiegsgeld_json() -> None:
    args = ["calc", "egz", "--start", "2024-01-01", "--age", "52", "--group", "older"]
    egz = runner.invoke(app, [*args, "--format", "json"])
    assert egz.exit_code == 0, egz.output
    steps = {s["label"]: s["value"] for s in json.loads(egz.stdout)["steps"]}
    assert steps["Höchstdauer"] == "12"
    args = ["calc", "einstiegsgeld", "--start", "2024-01-01", "--household-size", "3"]
    args += ["--long-term-unemployed", "--months", "12", "--format", "json"]
    esg = runner.invoke(app, args)
    assert esg.exit_code == 0, esg.output
    assert json.loads(esg.stdout)["steps"][-1]["value"] == "6080.40"


def test_calc_buergergeldbonus_names_the_end() -> None:
    result = runner.invoke(
        app,
        ["calc", "buergergeldbonus", "--start", "2024-02-15", "--end", "2024-05-10"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "212,50 €" in result.output
    assert "endet am 27.03.2024" in result.output
