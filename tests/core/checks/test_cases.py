"""The rules of the catalogue, case by case, from readable data files (OpenFisca style).

Each file in cases/ holds cases: `name` (a German sentence saying what the case shows),
`rule` (the rule it is about), `plan` (the base plan: `beispiel` is the published example),
`recht` (optional: `kohorte: true` reads the example's § 16i cohort file; other keys replace
fields of the law's facts), `edits` (model paths → new values) and `findings`: every finding
of that rule, in order, by severity and place (and optionally printed, computed, the ids of
its causes and words of its message). An empty list means the rule stays silent.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from amp.core.checks import LegalFacts, check_plan
from amp.core.checks.catalogue import RULES, RULES_BY_ID
from amp.core.edit import parse_path
from amp.core.findings import Finding, format_path
from amp.core.plan import Plan
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan, plan_adapter
from amp.io.yaml_source import read_yaml
from amp.rules.legal_facts import legal_facts

CASES = Path(__file__).parent / "cases"
EXAMPLE = DEMO_PLAN
BASES = {"beispiel": EXAMPLE}


def _cases() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for file in sorted(CASES.glob("*.yaml")):
        for case in read_yaml(file).data["cases"]:
            found.append((f"{file.stem}: {case['name']}", case))
    return found


ALL = _cases()


@cache
def _base(name: str) -> Plan:
    return load_plan(BASES[name]).plan


def _json(value: Any) -> Any:
    """A YAML value as the plan's JSON form has it (Decimals as strings)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


def _edited(case: dict[str, Any]) -> Plan:
    plan = _base(case.get("plan", "beispiel"))
    edits: dict[str, Any] = case.get("edits") or {}
    if not edits:
        return plan
    data = plan_adapter().dump_python(plan, mode="json")
    for text, value in edits.items():
        *inner, last = parse_path(text)
        node = data
        for part in inner:
            node = node[part]
        node[last] = _json(value)
    return plan_adapter().validate_python(data)


def _law(case: dict[str, Any], plan: Plan) -> LegalFacts:
    given = dict(case.get("recht") or {})
    cohort = given.pop("kohorte", False)
    law = legal_facts(plan.year, EXAMPLE if cohort else None)
    return dataclasses.replace(law, **given)


def _shown(finding: Finding, expected: dict[str, Any]) -> dict[str, Any]:
    """The finding in the terms of the expectation: only the keys it names."""
    shown: dict[str, Any] = {
        "severity": finding.severity.value,
        "place": format_path(finding.location.path),
    }
    if "printed" in expected:
        shown["printed"] = finding.printed
    if "computed" in expected:
        shown["computed"] = finding.computed
    if "consequence_of" in expected:
        shown["consequence_of"] = [c.id for c in finding.consequence_of]
    if "message" in expected:
        shown["message"] = (
            expected["message"] if expected["message"] in finding.message else (finding.message)
        )
    return shown


def _decimal(expected: dict[str, Any]) -> dict[str, Any]:
    return {
        k: Decimal(str(v)) if k in ("printed", "computed") and v is not None else v
        for k, v in expected.items()
    }


@pytest.mark.parametrize("case", [c for _, c in ALL], ids=[i for i, _ in ALL])
def test_case(case: dict[str, Any]) -> None:
    rule = RULES_BY_ID[case["rule"]]
    plan = _edited(case)
    found = [f for f in check_plan(plan, _law(case, plan)) if f.rule == rule.id]
    expected = [_decimal(e) for e in case["findings"]]
    actual = [_shown(f, e) for f, e in zip(found, expected, strict=False)]
    assert len(found) == len(expected), [(_shown(f, {}), f.message) for f in found]
    assert actual == expected


def test_every_rule_has_a_case_that_fires_and_one_that_stays_silent() -> None:
    fires = {c["rule"] for _, c in ALL if c["findings"]}
    silent = {c["rule"] for _, c in ALL if not c["findings"]}
    missing = [
        (rule.id, what)
        for rule in RULES
        for what, covered in (("schlägt an", fires), ("schweigt", silent))
        if rule.id not in covered
    ]
    assert missing == [], "Regeln ohne Fall"
    assert {c["rule"] for _, c in ALL} <= set(RULES_BY_ID), "Fälle zu unbekannten Regeln"


def test_every_case_has_a_german_sentence_as_name() -> None:
    for _, case in ALL:
        name = case["name"]
        assert name.lstrip("„")[0].isupper(), name
        assert name.endswith("."), name
