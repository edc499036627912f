"""One presenter: terminal, HTML report, web screens and JSON word findings alike."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from amp.cli import app
from amp.core.checks import check_plan
from amp.core.problems import Place, Problem
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.reports import presenter
from amp.reports.html import render_html
from amp.rules.legal_facts import legal_facts


def findings() -> list:
    loaded = load_plan(DEMO_PLAN)
    return check_plan(loaded.plan, legal_facts(2024, DEMO_PLAN))


def test_places_and_figures_have_one_separator_each() -> None:
    shown = presenter.shown_findings(findings())
    with_figures = next(s for s in shown if s.difference)
    assert " › " in with_figures.where
    assert " · " not in with_figures.where
    assert with_figures.figures == (
        f"gedruckt: {with_figures.printed} · berechnet: {with_figures.computed}"
        f" · Differenz: {with_figures.difference}"
    )


def test_terminal_report_and_web_show_the_same_words() -> None:
    from amp.web.plans.presenters.shown import shown_finding

    found = findings()
    shown = presenter.shown_findings(found)
    terminal = CliRunner().invoke(app, ["check", str(DEMO_PLAN)], env={"COLUMNS": "300"}).output
    html = render_html(load_plan(DEMO_PLAN).plan, found)
    for finding, words in zip(found, shown, strict=True):
        assert words.where in terminal
        assert words.where in html
        assert shown_finding(finding)["where"] == words.where
    assert presenter.findings_summary(found) in terminal


def test_a_problem_has_one_json_shape() -> None:
    problem = Problem(Place(file="plan/budget.yaml", line=12, path="groups[0]"), "kaputt")
    assert presenter.problem_json(problem) == {
        "place": {"file": "plan/budget.yaml", "line": 12, "path": "groups[0]"},
        "where": "plan/budget.yaml:12 (groups[0])",
        "message": "kaputt",
    }


def test_check_as_json_reports_an_unreadable_plan_as_problems(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(tmp_path / "fehlt"), "--format", "json"])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["plan"] is None
    assert document["findings"] == []
    assert document["problems"] == [
        {
            "place": {"file": str(tmp_path / "fehlt")},
            "where": str(tmp_path / "fehlt"),
            "message": "das Verzeichnis gibt es nicht",
        }
    ]
