"""The on-disk cache of validated inputs: same results, same problems, never stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from amp.example import DEMO_PLAN
from amp.io import cache
from amp.io.plan_dir import PlanLoadError, load_plan
from amp.rules.legal_facts import legal_facts


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("AMP_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO_PLAN, tmp_path / "plan"))


def test_a_plan_read_again_comes_from_the_cache_and_is_the_same(
    cache_dir: Path, plan_dir: Path
) -> None:
    first = load_plan(plan_dir)
    assert len(list(cache_dir.glob("plan-*.pickle"))) == 1
    again = load_plan(plan_dir)
    assert again.plan == first.plan
    assert again.directory == first.directory
    path = ("budget", "groups", 0, "lines", 1, "amounts", "plan")
    assert again.sources.locate(path) == first.sources.locate(path)


def test_a_changed_file_is_read_anew_with_all_its_problems(cache_dir: Path, plan_dir: Path) -> None:
    load_plan(plan_dir)
    budget = plan_dir / "budget.yaml"
    budget.write_text(budget.read_text("utf-8").replace("plan: 30000.00}", "plan: -30000.00}"))
    with pytest.raises(PlanLoadError) as cached_run:
        load_plan(plan_dir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AMP_CACHE_DIR", "off")
        with pytest.raises(PlanLoadError) as uncached_run:
            load_plan(plan_dir)
    assert cached_run.value.problems == uncached_run.value.problems
    assert "darf nicht negativ sein" in str(cached_run.value)
    assert len(list(cache_dir.glob("plan-*.pickle"))) == 1  # a plan with problems is not kept


def test_a_damaged_cache_entry_is_rebuilt(cache_dir: Path, plan_dir: Path) -> None:
    first = load_plan(plan_dir)
    (entry,) = cache_dir.glob("plan-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_plan(plan_dir).plan == first.plan
    assert entry.read_bytes() != b"not a pickle"


def test_without_a_cache_nothing_is_written(
    tmp_path: Path, plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AMP_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    load_plan(plan_dir)
    assert not (tmp_path / "cache").exists()


def test_legal_facts_follow_the_cohort_file(cache_dir: Path, plan_dir: Path) -> None:
    before = legal_facts(2024, plan_dir)
    assert before.taam_obligation is not None
    cohort = plan_dir / "kohorte_16i.csv"
    lines = cohort.read_text("utf-8").splitlines(keepends=True)
    data = [n for n, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    cohort.write_text("".join(lines[: data[1]]), "utf-8")  # the header only: no jobs
    after = legal_facts(2024, plan_dir)
    assert after.taam_obligation == 0
    assert legal_facts(2024, None).taam_obligation is None


def test_old_entries_are_pruned(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEPT", 2)
    for number in range(4):
        source = cache_dir.parent / f"input-{number}.txt"
        source.write_text(str(number), "utf-8")
        assert cache.cached("probe", [source], (), lambda n=number: n) == number
    assert len(list(cache_dir.glob("probe-*.pickle"))) == 2
