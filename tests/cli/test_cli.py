"""The `amp` command as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amp.cli import app
from amp.example import DEMO_PLAN

EXAMPLE = DEMO_PLAN
runner = CliRunner()


def test_check_json_lists_findings_with_place_and_decimal_strings() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 1  # the seed has findings of severity Fehler
    document = json.loads(result.stdout)
    assert document["plan"]["year"] == 2024
    assert (
        document["plan"]["budget"]["groups"][0]["lines"][1]["amounts"]["commitments"] == "473344.31"
    )
    zwischensumme = next(
        f
        for f in document["findings"]
        if f["location"]["row"] == "Zwischensummen" and f["printed"] == "20376667.40"
    )
    assert zwischensumme == {
        "rule": "sum.total",
        "severity": "Fehler",
        "location": {
            "table": "Finanzplanung Eingliederungsmittel",
            "row": "Zwischensummen",
            "column": "Ausgaben HH 2023 Hochrechnung zum Jahresende",
            "file": str(EXAMPLE / "budget.yaml"),
            "line": zwischensumme["location"]["line"],
            "path": "totals[0].printed.forecast_prev",
        },
        "printed": "20376667.40",
        "computed": "17445988.89",
        "unit": "€",
        "message": zwischensumme["message"],
        "id": "sum.total@budget.totals[0].printed.forecast_prev",
        "consequence_of": [],
        "note": "",
    }
    total_row = next(
        f
        for f in document["findings"]
        if f["location"]["row"] == "Gesamtsummen" and f["printed"] == "18282016.90"
    )
    assert total_row["consequence_of"] == ["sum.group@budget.groups[0].printed_total.forecast_prev"]
    assert total_row["note"].startswith("Folgefehler von: Finanzplanung Eingliederungsmittel › ")
    budget_lines = (EXAMPLE / "budget.yaml").read_text("utf-8").splitlines()
    assert "forecast_prev: 20376667.40" in budget_lines[zwischensumme["location"]["line"] - 1]


def test_check_text_is_german_and_formatted() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE)])
    assert result.exit_code == 1
    assert "19 Befunde (8 Fehler, 4 Warnung, 7 Hinweis; davon 5 Folgefehler)" in result.output
    assert "gedruckt: 20.376.667,40 € · berechnet: 17.445.988,89 €" in result.output
    assert "Folgefehler von: Finanzplanung Eingliederungsmittel › Zwischensummen" in result.output


def test_check_exits_0_on_a_plan_without_errors(tmp_path: Path) -> None:
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan)
    budget = plan / "budget.yaml"
    text = budget.read_text("utf-8")
    # transcribe the Bürgergeldbonus as if the document's totals were right …
    text = text.replace(
        "amounts: {forecast_prev: 54000.00, commitments: 46595.00, plan: 126000.00}",
        "amounts: {plan: 126000.00}",
    )
    # … and correct the two Zwischensummen of the Hochrechnung
    text = text.replace("forecast_prev: 20376667.40", "forecast_prev: 17445988.89")
    text = text.replace("forecast_prev: 20728167.40", "forecast_prev: 17797488.89")
    budget.write_text(text, "utf-8")
    result = runner.invoke(app, ["check", str(plan), "--format", "json"])
    assert result.exit_code == 0, result.output
    severities = {f["severity"] for f in json.loads(result.stdout)["findings"]}
    assert severities == {"Warnung", "Hinweis"}


def test_show_prints_a_table_with_computed_and_printed_totals() -> None:
    result = runner.invoke(app, ["show", str(EXAMPLE), "finanzplanung"], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "Übersicht Finanzplanung Eingliederungsmittel 2024" in result.output
    assert "19.368.174,00 €" in result.output
    assert "gedruckt: 20.376.667,40 €" in result.output
    assert "~ 650 P" in result.output


def test_show_all_tables_and_unknown_table() -> None:
    everything = runner.invoke(app, ["show", str(EXAMPLE)], env={"COLUMNS": "250"})
    assert everything.exit_code == 0
    for title in (
        "Mittelausstattung 2024 gegenüber 2023",
        "Bildungszielplanung 2024",
        "AVGS Maßnahmezielplanung 2024",
        "Förderkette für Jugendliche",
    ):
        assert title in everything.output
    assert "-1.000.000,00 €" in everything.output  # Umschichtung, Δ against 2023
    unknown = runner.invoke(app, ["show", str(EXAMPLE), "budget"])
    assert unknown.exit_code == 2
    assert (
        "Unbekannte Tabelle 'budget'. Vorhanden: mittelausstattung, finanzplanung" in unknown.output
    )


def test_overview_shows_the_seed_plan_and_its_findings() -> None:
    result = runner.invoke(app, ["overview"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Arbeitsmarktprogramm 2024" in result.output
    assert "Jobcenter EN" in result.output
    assert "19 Befunde" in result.output


def test_demo_serves_the_example_on_the_given_port(monkeypatch: pytest.MonkeyPatch) -> None:
    from amp.web import demo

    calls: list[tuple[Path, int]] = []
    monkeypatch.setattr(demo, "serve", lambda plan_dir, port: calls.append((plan_dir, port)))
    result = runner.invoke(app, ["demo", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == [(EXAMPLE.resolve(), 8123)]


def test_show_targets_in_german_format() -> None:
    result = runner.invoke(app, ["show", str(EXAMPLE), "ziele"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "rund 3.250" in result.output
    assert "2023: ca. 3.000" in result.output


def test_manage_without_secret_key_says_so_in_german_without_a_traceback() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"AMP_SECRET_KEY", "AMP_DEMO", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [sys.executable, "-m", "amp.cli", "manage", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "nicht eingerichtet: AMP_SECRET_KEY fehlt" in result.stderr
    assert "Traceback" not in result.stderr
