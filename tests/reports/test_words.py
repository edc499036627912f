"""Words a user reads: singular and plural, German numbers, German field names, the title
page and tables that fit the terminal."""

from __future__ import annotations

import dataclasses
import typing
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from amp.cli import app
from amp.core.findings import Finding, Location, Severity
from amp.core.plan import Jobcenter, Plan
from amp.core.units import Unit
from amp.io.model_schema import german_message
from amp.io.plan_dir import load_plan
from amp.io.plan_writer import write_plan
from amp.reports.changes import PART_LABELS, SKIPPED
from amp.reports.html import render_html
from amp.reports.presenter import counted, findings_summary, problem_count

EXAMPLE = Path(__file__).parents[2] / "src" / "amp" / "examples" / "jobcenter-en-2024"
TEILBUDGETS = Path(__file__).parents[1] / "data" / "teilbudgets-2025"
runner = CliRunner()


def finding(severity: Severity = Severity.NOTE) -> Finding:
    return Finding(
        "regel", severity, Location("Finanzplanung", "Zeile", "Planung", ()), "Text", unit=Unit.EUR
    )


def test_singular_and_plural() -> None:
    assert counted(1, "Befund") == "1 Befund"
    assert counted(0, "Befund") == "0 Befunde"
    assert counted(1200, "Problem") == "1.200 Probleme"
    assert problem_count([object()]) == "1 Problem"  # type: ignore[list-item]
    assert findings_summary([finding()]) == "1 Befund (1 Hinweis)"
    two = [finding(Severity.WARNING), finding(Severity.WARNING)]
    assert findings_summary(two) == "2 Befunde (2 Warnungen)"


def test_the_report_speaks_of_no_findings_in_a_sentence() -> None:
    plan = load_plan(TEILBUDGETS).plan
    html = render_html(plan, [])
    assert "0 Befunde" not in html
    assert "Die Prüfung hat keine Befunde ergeben." in html
    one = render_html(plan, [finding()])
    assert "1 Befunde" not in one
    assert "1 Befund, davon" in one


def test_the_title_page_names_a_region_equal_to_the_name_once() -> None:
    plan = load_plan(TEILBUDGETS).plan
    same = dataclasses.replace(
        plan,
        jobcenter=Jobcenter(
            id="kreis_x", name="Kreis X", kind=plan.jobcenter.kind, region="Kreis X"
        ),
    )
    html = render_html(same, [])
    assert "Kreis X · Kreis X" not in html
    assert '<p class="jobcenter">Kreis X</p>' in html


def test_a_negative_amount_is_named_in_german() -> None:
    error = {"type": "greater_than_equal", "ctx": {"ge": 0}, "input": Decimal("-5000.00")}
    assert german_message(error) == "darf nicht negativ sein (Wert: -5.000,00 €)"  # type: ignore[arg-type]


def _fields(kind: object, seen: set[object]) -> set[str]:
    if typing.get_origin(kind) is not None:
        return set().union(*(_fields(a, seen) for a in typing.get_args(kind)))
    if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)) or kind in seen:
        return set()
    seen.add(kind)
    hints = typing.get_type_hints(kind)
    names = {f.name for f in dataclasses.fields(kind)}
    return names.union(*(_fields(hints[f.name], seen) for f in dataclasses.fields(kind)))


def test_every_field_of_the_plan_has_a_german_label_for_diffs() -> None:
    missing = sorted(n for n in _fields(Plan, set()) if n not in PART_LABELS and n not in SKIPPED)
    assert missing == []


def test_amp_diff_prints_german_field_names(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE).plan
    first = plan.instruments[0]
    changed = dataclasses.replace(
        plan,
        instruments=(dataclasses.replace(first, legal_basis="§ 99 SGB II"), *plan.instruments[1:]),
    )
    write_plan(changed, tmp_path / "neu")
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(tmp_path / "neu")])
    assert result.exit_code in (0, 1), result.output
    assert "Rechtsgrundlage" in result.output
    assert "legal_basis" not in result.output


def test_amp_show_fits_80_columns_with_readable_labels() -> None:
    result = runner.invoke(app, ["show", str(EXAMPLE)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Vermittlungsgutschein (§ 45 SGB III)" in result.output
    assert "8.019.600,45 €" in result.output  # numbers whole
    assert "Für die Breite des Terminals ausgeblendet" in result.output
