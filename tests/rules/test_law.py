"""The law passed in: one value with every parameter the code names, checked at load."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amp.cli import app
from amp.core.checks import check_plan
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.rules.calculators.wages import social_insurance
from amp.rules.law import Key, Law, load_law
from amp.rules.legal_facts import legal_facts
from amp.rules.parameters import ParameterError, all_parameters, parameter_files

SRC = Path(__file__).parents[2] / "src" / "amp"
EXAMPLE = DEMO_PLAN
LAW = load_law()
runner = CliRunner()


def test_every_key_the_code_names_is_a_parameter() -> None:
    addresses = {address for address, _ in all_parameters()}
    assert {key.value for key in Key} <= addresses


def test_a_missing_or_misspelt_parameter_fails_when_the_law_is_built() -> None:
    parameters = dict(LAW.parameters)
    del parameters[Key.HEALTH_EXTRA.value]
    parameters["sozialversicherung.kv_zusatzbeitrg"] = LAW[Key.HEALTH_EXTRA]
    with pytest.raises(ParameterError, match=r"sozialversicherung\.kv_zusatzbeitrag"):
        Law(parameters)


def test_a_responsible_parameter_must_exist() -> None:
    parameters = dict(LAW.parameters)
    broken = dataclasses.replace(LAW[Key.TRAINING_ALLOWANCE], responsible="fbw_reha.fbw")
    parameters[Key.TRAINING_ALLOWANCE.value] = broken
    with pytest.raises(ParameterError, match=r"fbw_reha\.fbw"):
        Law(parameters)


ADDRESS = re.compile(
    r"^(sgb[23]_|sozialversicherung|mindestlohn|regelbedarf|fbw_|aufenthg_|kommunaler_)"
    r"[a-z0-9_]*(\.[a-z][a-z0-9_]*)?$"
)


def test_no_parameter_is_named_by_a_free_string_outside_the_law_module() -> None:
    """Every parameter address in the source is a `Key` (checked at load) or, where a
    string remains (e.g. a prefix), names an existing parameter or file."""
    known = {address for address, _ in all_parameters()} | set(parameter_files())
    strays = []
    for file in SRC.rglob("*.py"):
        if file.name == "law.py" and file.parent.name == "rules":
            continue
        for node in ast.walk(ast.parse(file.read_text("utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ADDRESS.match(node.value)
                and node.value not in known
            ):
                strays.append(f"{file.relative_to(SRC)}: {node.value}")
    assert strays == []
    calculators = [*(SRC / "rules" / "calculators").glob("*.py"), SRC / "rules" / "eligibility.py"]
    assert not [f.name for f in calculators if "load_parameter" in f.read_text("utf-8")]


def test_zusatzbeitrag_2026_and_the_employer_share() -> None:
    """Issue 11 item 3: 2,9 % from 2026, so the employer share is 19,85 %, not 19,65 %."""
    assert LAW.number(Key.HEALTH_EXTRA, date(2025, 12, 31)) == Decimal("2.5")
    assert LAW.number(Key.HEALTH_EXTRA, date(2026, 1, 1)) == Decimal("2.9")
    share = social_insurance(LAW).employer_share_without_av(date(2026, 1, 1))
    assert share == Decimal("19.85")


def test_regelbedarf_2026_entries() -> None:
    entry = LAW[Key.STANDARD_NEED].entry_at(date(2026, 1, 1))
    assert entry is not None
    assert entry.valid_from == date(2026, 1, 1)
    assert entry.value == Decimal(563)
    levels = LAW.value(Key.STANDARD_NEED_LEVELS, date(2026, 6, 1))
    assert isinstance(levels, dict)
    assert levels["2"] == Decimal(506)


def test_mindestlohn_2026_names_the_federal_gazette() -> None:
    for day in (date(2026, 1, 1), date(2027, 1, 1)):
        entry = LAW[Key.MINIMUM_WAGE].entry_at(day)
        assert entry is not None
        assert "BGBl. 2025 I Nr. 268" in entry.reference


def test_the_2026_reform_is_noted_for_the_instruments_amp_computes() -> None:
    """Issue 11 item 7: the research on the 13. SGB II-ÄndG, with sources, per file."""
    for file in ("sgb2_16b_einstiegsgeld", "sgb2_16e", "sgb2_16i"):
        text = (SRC / "rules" / "parameters" / f"{file}.yaml").read_text("utf-8")
        assert "13. SGB II-Änderungsgesetz" in text, file
        assert "https://" in text, file
    for key in (
        Key.ESG_BASE,
        Key.ESG_MAX_MONTHS,
        Key.EVL_RATES,
        Key.EVL_MIN_CONTRACT,
        Key.TAAM_RATES,
    ):
        entry = LAW[key].entry_at(date(2026, 7, 1))
        assert entry is not None
        assert entry.verified is False, key
        assert entry.note is not None
        assert "13. SGB II-ÄndG" in entry.note, key


def _findings(year: int) -> dict[str, str]:
    plan = dataclasses.replace(load_plan(EXAMPLE).plan, year=year)
    found = check_plan(plan, legal_facts(year))
    return {f.location.row or "": f.message for f in found if f.rule == "law.in_force"}


def test_weiterbildungsgeld_in_a_2025_plan_gets_a_law_finding() -> None:
    """Issue 11 item 4: from 2025 the Agentur für Arbeit pays § 87a SGB III for eLb."""
    line = next(
        line.name
        for line in load_plan(EXAMPLE).plan.budget.lines()
        if line.instrument == "weiterbildungsgeld"
    )
    assert line not in _findings(2024)
    message = _findings(2025)[line]
    assert "im ganzen Jahr 2025 nicht in Kraft" in message
    assert "FbW durch das Jobcenter" in message


def test_calc_weiterbildungsgeld_2025_says_the_agentur_pays() -> None:
    args = ["calc", "weiterbildungsgeld", "--start", "2025-02-01", "--end", "2025-03-31"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    notes = json.loads(result.stdout)["notes"]
    assert len(notes) == 1
    assert notes[0].startswith("Ab 01.02.2025: für erwerbsfähige Leistungsberechtigte")
    assert "Agentur für Arbeit" in notes[0]
    assert "nicht mehr das Jobcenter" in notes[0]
    earlier = ["--start", "2024-10-01", "--end", "2024-12-31", "--format", "json"]
    before = runner.invoke(app, [*args[:2], *earlier])
    assert before.exit_code == 0, before.output
    assert json.loads(before.stdout)["notes"] == []


def test_calc_weiterbildungspraemie_2025_says_the_agentur_pays() -> None:
    result = runner.invoke(
        app, ["calc", "weiterbildungspraemie", "--date", "2025-03-01", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert any("Agentur für Arbeit" in note for note in json.loads(result.stdout)["notes"])
