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
    assert "kein Datum" in result.output
    result = runner.invoke(app, ["calc", "16i", "--start", "2024-01-01", "--hours", "60"])
    assert result.exit_code == 2
    assert "Wochenstunden" in result.output
