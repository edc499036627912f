"""Targets: progress, Jahresfortschrittswert and projection, hand-computed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amp.cli.kpi import app
from amp.kpi.engines import BaseData
from amp.kpi.inputs import InputError
from amp.kpi.params import Params
from amp.kpi.schema import month_index
from amp.kpi.targets import Target, progress, read_targets

from .caseio import load_cases, write_inputs


def test_grundfall_linear_projection(tmp_path: Path) -> None:
    case = next(c for c in load_cases() if c.name == "grundfall")
    directory = write_inputs(case, tmp_path / "in")
    (tmp_path / "ziele.csv").write_text("jobcenter,jahr,integrationen\nEN,2024,10\n")
    result = CliRunner().invoke(
        app,
        [
            "ziele",
            str(directory),
            "--ziele",
            str(tmp_path / "ziele.csv"),
            "-m",
            "2024-06",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    # January–June 2024: E (Jan), A (Feb), F (Apr), B (May) = 4 of 10
    assert row["ist"] == 4
    assert row["erreicht_prozent"] == "40.0"
    # JFW: 4 / average stock Dec 2023..May 2024 (5+4+4+5+5+6 = 29 over 6 months) = 82.76 %
    assert row["jahresfortschrittswert"] == "82.8"
    # no complete previous year in the data: linear 4 / 6 * 12 = 8
    assert row["hochrechnung"] == 8
    assert row["verfahren"] == "linear"


def test_projection_follows_previous_year_pattern() -> None:
    first = month_index("2022-12")
    ints: dict[tuple[str, int], int | Decimal] = {}
    stock: dict[tuple[str, int], int | Decimal] = {}
    for m in range(first, month_index("2024-12") + 1):
        stock[("EN", m)] = 1000
        # 2023: 5 per month in January–June, 15 per month afterwards (120 a year)
        ints[("EN", m)] = 5 if (m % 12) < 6 else 15
    for m in range(month_index("2024-01"), month_index("2024-07")):
        ints[("EN", m)] = 8  # 48 by June 2024, against 30 in the first half of 2023
    data = BaseData(first, month_index("2024-12"), False, ["EN"])
    data.series = {"int__insgesamt": ints, "elb_n__insgesamt": stock}
    result = progress(data, Target("EN", 2024, 3250), month_index("2024-06"), Params())
    assert result.achieved == 48
    # 48 so far; last year January–June held 30 of 120 integrations: 48 * 120 / 30 = 192
    assert result.projection == 192
    assert result.projection_method == "Verlauf des Vorjahres"
    assert result.jfw == Decimal("4.8")  # 48 / 1000 * 100
    assert result.progress == Decimal("1.5")  # 48 / 3250


def test_waiting_time_and_wrong_year() -> None:
    data = BaseData(month_index("2023-01"), month_index("2024-07"), False, ["EN"])
    late = progress(data, Target("EN", 2024, 100), month_index("2024-06"), Params())
    assert late.reason is not None
    assert "Wartezeit" in late.reason
    other = progress(data, Target("EN", 2023, 100), month_index("2024-03"), Params())
    assert other.reason is not None
    assert "nicht im Zieljahr 2023" in other.reason


def test_bad_target_file(tmp_path: Path) -> None:
    path = tmp_path / "ziele.csv"
    path.write_text("jobcenter,jahr,integrationen\nEN,2024,viele\nEN,2024,3250\nEN,2024,3000\n")
    with pytest.raises(InputError) as info:
        read_targets(path)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "Zeile 2, Spalte „integrationen“: keine positive ganze Zahl" in text
    assert "Zeile 4: doppeltes Ziel" in text


def test_ziele_table_is_german_formatted(tmp_path: Path) -> None:
    case = next(c for c in load_cases() if c.name == "grundfall")
    directory = write_inputs(case, tmp_path / "in")
    (tmp_path / "ziele.csv").write_text("jobcenter,jahr,integrationen\nEN,2024,3250\n")
    arguments = ["ziele", str(directory), "--ziele", str(tmp_path / "ziele.csv"), "-m", "2024-06"]
    result = CliRunner().invoke(app, arguments, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "3.250" in result.output  # thousands point
    assert "0,1 %" in result.output  # 4 of 3.250 = 0,123 %, shown to one decimal place
    assert "82,8 %" in result.output  # Jahresfortschrittswert as above
