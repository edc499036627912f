"""Multi-year § 16i commitments: a hand-computed small cohort, the EN example's
calibration, the CSV errors and the check against the plan."""

from __future__ import annotations

import dataclasses
import json
import runpy
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amp.cli import app
from amp.core.checks import check_plan
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.rules.calculators.wage_subsidy import law_16i
from amp.rules.cohort_csv import read_cohort
from amp.rules.commitments import commitments
from amp.rules.law import load_law
from amp.rules.legal_facts import legal_facts

EXAMPLE = DEMO_PLAN
HEADER = "id,start,approved_until,hours_per_week,household,hourly_wage,status\n"
runner = CliRunner()

LAW = load_law()


def _cohort(tmp_path: Path, rows: str) -> Path:
    file = tmp_path / "kohorte.csv"
    file.write_text("# Testkohorte\n" + HEADER + rows, encoding="utf-8")
    return file


def test_a_small_cohort_by_hand(tmp_path: Path) -> None:
    file = _cohort(
        tmp_path,
        "a,2024-03-01,2025-02-28,39,single,,bewilligt\nb,2019-06-01,2024-05-31,39,other,,bewilligt\n",
    )
    years = commitments(read_cohort(file), law_16i(LAW), 2024)
    assert [y.year for y in years] == [2024, 2025, 2026, 2027, 2028]
    first, second = years[0], years[1]
    # a: 10 months × 2.498,92 € (100 %) = 24.989,20 €, PAT 10 × 800 €;
    # b: Jan–May 2024 are months 56–60 (70 %): 2.498,92 × 0,7 = 1.749,24 €, × 5 = 8.746,20 €,
    #    PAT "other" 1.100 € × 5 = 5.500 €
    assert first.approved == Decimal("24989.20") + Decimal("8746.20")
    assert first.approved_pat == Decimal(8000 + 5500)
    assert (first.jobs, first.ending) == (2, 1)
    # 2025: a is approved for Jan–Feb (2 × 2.592,31 €); to the limit all 12 months at 100 %
    assert second.approved == Decimal("5184.62")
    assert second.to_limit == Decimal("31107.72")
    assert second.approved_pat == Decimal(1600)


def test_the_en_cohort_matches_the_seed() -> None:
    jobs = read_cohort(EXAMPLE / "kohorte_16i.csv")
    at_start = [j for j in jobs if not j.planned]  # approved at the plan date
    assert len(at_start) == 150
    year = commitments(jobs, law_16i(LAW), 2024)[0]
    assert year.ending == 74
    assert Decimal(4_400_000) < year.to_limit < Decimal(4_600_000)


def test_cli_table_json_and_bad_cells(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["commitments", str(EXAMPLE / "kohorte_16i.csv"), "--from", "2024", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["reaching_limit"] == 74
    bad = _cohort(tmp_path, "a,2024-03-01,2025-02-28,neununddreißig,single,,bewilligt\n")
    result = runner.invoke(app, ["commitments", str(bad), "--from", "2024"])
    assert result.exit_code == 2
    assert "Zeile 3, Spalte „hours_per_week“" in result.output


def test_plan_below_the_obligations_is_warned_about(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE).plan
    law = legal_facts(2024, EXAMPLE)
    assert law.taam_obligation is not None
    assert not [f for f in check_plan(plan, law) if f.rule == "law.taam_obligations"]
    heavier = dataclasses.replace(law, taam_obligation=Decimal(5_000_000))
    found = [f for f in check_plan(plan, heavier) if f.rule == "law.taam_obligations"]
    assert len(found) == 1
    # 2.479.986,80 € from the EgT plus 2.100.000 € PAT
    assert found[0].printed == Decimal("4579986.80")


def test_a_broken_cohort_in_the_plan_directory_is_an_error(tmp_path: Path) -> None:
    _cohort(tmp_path, "a,2024-13-01,2025-02-28,39,single,,bewilligt\n").rename(
        tmp_path / "kohorte_16i.csv"
    )
    law = legal_facts(2024, tmp_path)
    assert law.cohort_error is not None
    assert "Zeile 3, Spalte „start“" in law.cohort_error


def test_the_committed_cohort_is_the_generated_one(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLE / "kohorte_16i_erzeugen.py"), run_name="__main__")
    assert capsys.readouterr().out == (EXAMPLE / "kohorte_16i.csv").read_text("utf-8")
