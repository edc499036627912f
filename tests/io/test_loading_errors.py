"""Bad plan files: every problem reported in German with file, line and path; no plan."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amp.cli import app
from amp.core.problems import Problem
from amp.example import DEMO_PLAN
from amp.io.plan_dir import PlanLoadError, load_plan

EXAMPLE = DEMO_PLAN


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    target = tmp_path / "plan"
    shutil.copytree(EXAMPLE, target)
    return target


def edit(directory: Path, name: str, old: str, new: str) -> None:
    file = directory / name
    text = file.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    file.write_text(text.replace(old, new, 1), "utf-8")


def problems_of(directory: Path) -> list[Problem]:
    with pytest.raises(PlanLoadError) as caught:
        load_plan(directory)
    return list(caught.value.problems)


def line_of(directory: Path, name: str, fragment: str) -> int:
    lines = (directory / name).read_text("utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if fragment in text)


CASES: list[tuple[str, Callable[[Path], None], str, str, str]] = [
    # (case, how to break it, file, line marker, expected message part)
    (
        "broken YAML",
        lambda d: edit(
            d, "funding.yaml", "title: Mittelausstattung 2024 gegenüber 2023", "title: [offen"
        ),
        "funding.yaml",
        "title: [offen",
        "kein gültiges YAML",
    ),
    (
        "negative amount",
        lambda d: edit(d, "budget.yaml", "plan: 30000.00}", "plan: -30000.00}"),
        "budget.yaml",
        "plan: -30000.00}",
        "darf nicht negativ sein",
    ),
    (
        "non-numeric amount",
        lambda d: edit(d, "budget.yaml", "commitments: 473344.31", "commitments: viel"),
        "budget.yaml",
        "commitments: viel",
        "keine Zahl",
    ),
    (
        "German thousands separators",
        lambda d: edit(
            d, "funding.yaml", "admin_federal: 26362026", "admin_federal: 26.362.026,00"
        ),
        "funding.yaml",
        "26.362.026,00",
        "keine Zahl",
    ),
    (
        "wrong type",
        lambda d: edit(d, "plan.yaml", "year: 2024", "year: zweitausendvierundzwanzig"),
        "plan.yaml",
        "year: zweitausend",
        "keine ganze Zahl",
    ),
    (
        "German date",
        lambda d: edit(d, "plan.yaml", "as_of: 2023-11-06", "as_of: 06.11.2023"),
        "plan.yaml",
        "as_of: 06.11.2023",
        "kein gültiges Datum",
    ),
    (
        "unknown key",
        lambda d: edit(
            d,
            "budget.yaml",
            "quantity: {value: 8, unit: F}",
            "quantity: {value: 8, unit: F, einheit: F}",
        ),
        "budget.yaml",
        "einheit: F",
        "unbekannter Schlüssel",
    ),
    (
        "value outside the list",
        lambda d: edit(
            d, "budget.yaml", "quantity: {value: 8, unit: F}", "quantity: {value: 8, unit: X}"
        ),
        "budget.yaml",
        "unit: X",
        "unzulässiger Wert 'X' (erlaubt: P, F, E)",
    ),
    (
        "duplicate key",
        lambda d: edit(d, "targets.yaml", "    year: 2024\n", "    year: 2024\n    year: 2025\n"),
        "targets.yaml",
        "year: 2025",
        "doppelt",
    ),
    (
        "unknown reference",
        lambda d: edit(d, "budget.yaml", "instrument: egz", "instrument: egz_alt"),
        "budget.yaml",
        "instrument: egz_alt",
        "unbekanntes Instrument 'egz_alt'",
    ),
    (
        "unknown figure",
        lambda d: edit(
            d,
            "claims.yaml",
            "figures: [budget.line.agh_einzel.quantity]",
            "figures: [budget.line.agh.quantity]",
        ),
        "claims.yaml",
        "budget.line.agh.quantity",
        "unbekannte Kennziffer",
    ),
    (
        "duplicate id",
        lambda d: edit(d, "budget.yaml", "      - id: eq\n", "      - id: asa\n"),
        "budget.yaml",
        "id: asa\n",
        "die Zeilen-ID 'asa' gibt es mehrfach",
    ),
]


@pytest.mark.parametrize(
    ("case", "breaks", "name", "marker", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_is_named_precisely(
    plan_dir: Path, case: str, breaks: Callable[[Path], None], name: str, marker: str, message: str
) -> None:
    breaks(plan_dir)
    problems = problems_of(plan_dir)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert Path(str(problem.place.file)).name == name
    assert message in problem.message
    marked = line_of(plan_dir, name, marker.rstrip("\n"))
    if case == "broken YAML":  # the parser stops later; the message names where it began
        assert f"beginnt in Zeile {marked}" in problem.message
    elif case == "duplicate id":  # of two equal ids, the second is reported
        lines = (plan_dir / name).read_text("utf-8").splitlines()
        occurrences = [i for i, text in enumerate(lines, start=1) if text.strip() == "- id: asa"]
        assert problem.place.line == occurrences[1]
    else:
        assert problem.place.line == marked


def test_all_problems_are_reported_at_once(plan_dir: Path) -> None:
    edit(plan_dir, "budget.yaml", "plan: 30000.00}", "plan: -30000.00}")
    edit(plan_dir, "plan.yaml", "as_of: 2023-11-06", "as_of: 06.11.2023")
    edit(plan_dir, "avgs.yaml", "printed_total: 148", "printed_total: viele")
    assert {Path(str(p.place.file)).name for p in problems_of(plan_dir)} == {
        "budget.yaml",
        "plan.yaml",
        "avgs.yaml",
    }


def test_missing_and_unexpected_files(plan_dir: Path) -> None:
    (plan_dir / "budget.yaml").unlink()
    (plan_dir / "budjet.yaml").write_text("title: x\n", "utf-8")
    messages = sorted(
        (Path(str(p.place.file)).name, p.message.split(" (")[0]) for p in problems_of(plan_dir)
    )
    assert messages == [
        ("budget.yaml", "die Pflichtdatei fehlt"),
        ("budjet.yaml", "unbekannte Plandatei"),
    ]


def test_empty_and_non_utf8_files(plan_dir: Path) -> None:
    (plan_dir / "targets.yaml").write_text("", "utf-8")
    (plan_dir / "claims.yaml").write_bytes("title: Übersicht\n".encode("latin-1"))
    messages = {Path(str(p.place.file)).name: p.message for p in problems_of(plan_dir)}
    assert messages["targets.yaml"] == "die Datei ist leer"
    assert "nicht UTF-8" in messages["claims.yaml"]


def test_the_cli_reports_unreadable_plans_in_german_with_exit_2(plan_dir: Path) -> None:
    edit(plan_dir, "budget.yaml", "plan: 30000.00}", "plan: -30000.00}")
    result = CliRunner().invoke(app, ["check", str(plan_dir)])
    assert result.exit_code == 2
    assert "Der Plan kann nicht gelesen werden" in result.output
    assert "budget.yaml:" in result.output
    assert "darf nicht negativ sein" in result.output
    assert "Traceback" not in result.output


def test_a_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(tmp_path / "nichts")])
    assert result.exit_code == 2
    assert "das Verzeichnis gibt es nicht" in result.output


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: b: c\n", 1, "kein „Schlüssel: Wert“ erlaubt"),
        (
            "a: [1, 2\n",
            2,
            "Liste ist nicht geschlossen; der betroffene Abschnitt beginnt in Zeile 1",
        ),
        ("a:\n\t- 1\n", 2, "Tabulatorzeichen sind nicht erlaubt"),
        ('a: "offen\n', 2, "fehlt ein schließendes Anführungszeichen"),
        ("a:\n  b: 1\n c: 2\n", 3, "Einrückung passt nicht"),
        ("a: .nan\n", 1, "keine endliche Zahl"),
    ],
)
def test_yaml_syntax_errors_are_explained_in_german(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    from amp.io.yaml_source import YamlError, read_yaml

    file = tmp_path / "x.yaml"
    file.write_text(text, "utf-8")
    with pytest.raises(YamlError) as caught:
        read_yaml(file)
    assert caught.value.line == line
    assert message in caught.value.message
