"""The plan writer: what it writes, the loader reads back as the very same plan."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amp.core.edit import replace_at
from amp.core.plan import Plan
from amp.example import DEMO_PLAN
from amp.io import plan_writer
from amp.io.plan_dir import load_plan
from amp.io.plan_writer import PlanWriteError, dump_yaml, write_plan
from tests.support.plans import consistent_plans

EXAMPLE = DEMO_PLAN
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_example_round_trips(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE).plan
    write_plan(plan, tmp_path / "out")
    assert load_plan(tmp_path / "out").plan == plan
    assert sorted(p.name for p in (tmp_path / "out" / "measures").iterdir()) == [
        "u25.yaml",
        "ue25.yaml",
    ]


def test_amounts_are_written_as_exact_decimal_text(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE).plan
    write_plan(plan, tmp_path / "out")
    budget = (tmp_path / "out" / "budget.yaml").read_text("utf-8")
    assert "commitments: 473344.31\n" in budget
    assert "plan: 30000.00\n" in budget
    assert "e+" not in budget.lower()


@SETTINGS
@given(consistent_plans())
def test_generated_plans_round_trip(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "plan"
        write_plan(plan, target)
        assert load_plan(target).plan == plan


def test_measure_tables_keep_their_order(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE).plan
    swapped = dataclasses.replace(plan, measure_tables=tuple(reversed(plan.measure_tables)))
    write_plan(swapped, tmp_path / "out")
    assert load_plan(tmp_path / "out").plan == swapped


def test_an_occupied_target_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "notiz.txt").write_text("bleibt", "utf-8")
    with pytest.raises(PlanWriteError, match="nicht leer"):
        write_plan(load_plan(EXAMPLE).plan, target)
    assert [p.name for p in target.iterdir()] == ["notiz.txt"]


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = load_plan(EXAMPLE).plan
    calls: list[object] = []

    def failing_dump(data: object) -> str:
        calls.append(data)
        if len(calls) == 3:  # fail in the middle of the plan
            raise OSError(28, "No space left on device")
        return dump_yaml(data)

    monkeypatch.setattr(plan_writer, "dump_yaml", failing_dump)
    with pytest.raises(PlanWriteError, match="kann nicht geschrieben werden"):
        write_plan(plan, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=30
)


@SETTINGS
@given(consistent_plans(), texts, texts)
def test_any_text_round_trips(plan: Plan, name: str, reading: str) -> None:
    """Names that YAML would read as numbers, dates, booleans or comments stay text."""
    first_line = ("budget", "groups", 0, "lines", 0)
    plan = replace_at(
        plan, first_line, lambda line: dataclasses.replace(line, name=name, reading=reading)
    )
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "plan"
        write_plan(plan, target)
        assert load_plan(target).plan == plan
