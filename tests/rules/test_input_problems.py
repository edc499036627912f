"""Cohort and parameter files report every problem at once, each with its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from amp.cli import app
from amp.core.problems import InputProblems
from amp.rules import parameters
from amp.rules.cohort_csv import COLUMNS, CohortError, read_cohort
from amp.rules.parameters import ParameterError, load_area


def test_a_cohort_reports_every_bad_cell_of_every_row(tmp_path: Path) -> None:
    file = tmp_path / "kohorte.csv"
    file.write_text(
        ",".join(COLUMNS) + "\n"
        "a,2024-13-01,2025-02-28,39,single,,bewilligt\n"
        "b,2024-03-01,2025-02-28,viel,allein,,vielleicht\n"
        "c,2024-03-01,2025-02-28,39,single,,geplant\n",
        encoding="utf-8",
    )
    with pytest.raises(CohortError) as caught:
        read_cohort(file)
    assert isinstance(caught.value, InputProblems)
    places = [(p.place.row, p.place.column) for p in caught.value.problems]
    assert places == [(2, "start"), (3, "hours_per_week"), (3, "household"), (3, "status")]
    assert str(caught.value.problems[0]).startswith(f"{file}, Zeile 2, Spalte „start“: ")


def test_a_parameter_file_keeps_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "kaputt.yaml").write_text(
        "name: {de: a, en: b}\ndescription: § 1\nunit: euro\nkind: gesetzlich\n"
        "entries:\n  - valid_from: morgen\n    value: 1\n    reference: x\n    source: y\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(parameters, "PARAMETER_DIR", tmp_path)
    load_area.cache_clear()
    try:
        with pytest.raises(ParameterError) as caught:
            load_area("kaputt")
    finally:
        load_area.cache_clear()
    lines = sorted(p.place.line for p in caught.value.problems if p.place.line)
    assert lines == [4, 6]  # the kind and the date, not only the first


def test_rules_show_names_no_install_path() -> None:
    result = CliRunner().invoke(app, ["rules", "show", "gibt_es_nicht"])
    assert result.exit_code == 2
    assert "unbekannt" in result.output
    assert str(parameters.PARAMETER_DIR) not in result.output
    assert "/" not in result.output.split("unbekannt", 1)[1]
