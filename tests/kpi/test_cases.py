"""Every figure against hand-computed expectations (tests/kpi/cases/*.yaml), on DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from amp.kpi.engines import compute_duckdb
from amp.kpi.figures import FIGURE_BY_CODE, Result, compute_figures, evaluate, latest_month
from amp.kpi.params import Params
from amp.kpi.schema import month_index, month_text

from .caseio import Case, load_cases, write_inputs

CASES = load_cases()


def check(result: Result, expected: str) -> None:
    if expected.startswith("nicht berechenbar"):
        assert result.value is None, f"{result.code}: expected no value, got {result.value}"
        assert result.reason is not None
        assert result.reason.startswith(expected), result.reason
    else:
        assert result.reason is None, result.reason
        assert str(result.value) == expected


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_duckdb(case: Case, tmp_path: Path) -> None:
    params = Params()
    data = compute_duckdb(write_inputs(case, tmp_path), params)
    checked = 0
    for month, figures in case.expected.items():
        for code, groups in figures.items():
            for group, expected in groups.items():
                jc = "EN"
                result = evaluate(FIGURE_BY_CODE[code], data, jc, group, month_index(month), params)
                check(result, expected)
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_month_filter_changes_nothing(case: Case, tmp_path: Path) -> None:
    """Reading only the panel months one reporting month needs gives the same figures."""
    params = Params()
    directory = write_inputs(case, tmp_path)
    full = compute_duckdb(directory, params)
    for month in case.expected:
        m = month_index(month)
        narrow = compute_duckdb(directory, params, month=m)
        assert narrow.first_month == full.first_month
        assert compute_figures(narrow, m, params) == compute_figures(full, m, params)
    latest = compute_duckdb(directory, params, month="latest")
    m = latest_month(full, params)
    assert compute_figures(latest, m, params) == compute_figures(full, m, params)


@pytest.mark.parametrize(("spells", "offset"), [(True, 1), (False, 1), (True, 0), (True, 3)])
def test_month_filter_on_synthetic_data(tmp_path: Path, spells: bool, offset: int) -> None:
    from amp.kpi.synth import SynthSpec, generate

    generate(SynthSpec(jobcenters=2, elb=500, months=40, seed=5), tmp_path)
    if not spells:
        (tmp_path / "zeitraeume.parquet").unlink()
    params = Params(denominator_offset=offset)
    full = compute_duckdb(tmp_path, params)
    computed = 0
    for m in range(full.first_month + 12, full.last_month + 1, 3):
        narrow = compute_duckdb(tmp_path, params, month=m)
        results = compute_figures(narrow, m, params)
        assert results == compute_figures(full, m, params), month_text(m)
        computed += sum(r.value is not None for r in results)
    assert computed > 100
