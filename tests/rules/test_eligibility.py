"""Eligibility with reasons: YAML cases and the `amp eligibility` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter
from typer.testing import CliRunner

from amp.cli import app
from amp.rules.eligibility import CHECKS, Person
from amp.rules.law import load_law

ROOT = Path(__file__).parents[2]
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "eligibility.yaml").read_text("utf-8")
)
runner = CliRunner()


@pytest.mark.parametrize("case", CASES, ids=lambda c: str(c["name"]))
def test_eligibility_case(case: dict[str, Any]) -> None:
    person = TypeAdapter(Person).validate_python(case["person"])
    result = CHECKS[case["check"]](load_law(), person, case["date"])
    assert result.eligible is case["eligible"]
    assert [c.label for c in result.conditions if not c.met] == case["not_met"]
    assert all(c.reference for c in result.conditions)


def test_eligibility_cli_json() -> None:
    person = ROOT / "examples" / "personen" / "langzeitleistungsbezieherin.yaml"
    args = ["eligibility", "16i", "--input", str(person), "--date", "2024-06-01"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["eligible"] is True
    assert document["conditions"][1] == {
        "label": "Mindestalter",
        "met": True,
        "detail": "49 Jahre, nötig 25",
        "reference": "§ 16i Abs. 3 Satz 1 Nr. 1 SGB II",
    }


def test_eligibility_cli_bad_input_names_file_and_line(tmp_path: Path) -> None:
    file = tmp_path / "person.yaml"
    file.write_text("birth_date: 1980-01-01\nunemployed_months: viele\n", encoding="utf-8")
    args = ["eligibility", "16e", "--input", str(file), "--date", "2024-06-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "person.yaml:2" in result.output
    assert "keine ganze Zahl" in result.output
    unknown = tmp_path / "typo.yaml"
    unknown.write_text("geburtsdatum: 1980-01-01\n", encoding="utf-8")
    result = runner.invoke(
        app, ["eligibility", "16e", "--input", str(unknown), "--date", "2024-06-01"]
    )
    assert result.exit_code == 2
    assert "unbekannter Schlüssel" in result.output
