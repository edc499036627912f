"""`amp szenario`: the scenario on the command line, shown and written as a new plan."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from amp.cli import app
from amp.core.plan import PlanStatus
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan

EXAMPLE = DEMO_PLAN
runner = CliRunner()


def test_a_cut_in_percent_is_shown_line_by_line_with_places() -> None:
    result = runner.invoke(
        app, ["szenario", str(EXAMPLE), "--kuerzung", "10%"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "Kürzung um 10,00 % (anteilig)" in result.output
    assert "Weiterbildungsgeld (Pflichtleistung)" in result.output
    assert "19.368.174,00 €" in result.output
    assert "Plätze" in result.output


def test_the_result_is_written_as_a_new_draft(tmp_path: Path) -> None:
    target = tmp_path / "gekuerzt"
    result = runner.invoke(
        app,
        [
            "szenario",
            str(EXAMPLE),
            "--erhoehung",
            "100.000",
            "--verteilung",
            "prioritaet",
            "--prioritaet",
            "fbw_umschulung=1",
            "--ausgabe",
            str(target),
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    written = load_plan(target).plan
    original = load_plan(EXAMPLE).plan
    assert written.status is PlanStatus.ENTWURF
    assert written.version.label is not None
    assert written.version.label.endswith("Erhöhung um 100.000,00 € (nach Priorität)")
    line = next(x for x in written.budget.lines() if x.id == "fbw_umschulung")
    assert line.amounts.plan == Decimal("1050000.00")  # the whole raise goes to priority 1
    before = original.budget.computed_total().plan
    assert before is not None
    assert written.budget.computed_total().plan == before + 100000


def test_wrong_input_is_refused_in_german() -> None:
    cases = [
        (["--kuerzung", "90%"], "größer als der Spielraum"),
        (["--kuerzung", "1", "--erhoehung", "1"], "genau eines"),
        (["--kuerzung", "zehn"], "Änderung „zehn“: keine Zahl"),
        (["--erhoehung", "1", "--prioritaet", "x"], "ZEILE=ZAHL"),
        (["--erhoehung", "1", "--prioritaet", "gibtsnicht=1"], "unbekannte Zeile"),
    ]
    for args, message in cases:
        result = runner.invoke(app, ["szenario", str(EXAMPLE), *args], env={"COLUMNS": "200"})
        assert result.exit_code == 2, args
        assert message in result.output, (args, result.output)
