"""Every figure against hand-computed expectations (tests/kpi/cases/*.yaml), on DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from amp.kpi.engines import compute_duckdb
from amp.kpi.figures import FIGURE_BY_CODE, Result, evaluate
from amp.kpi.params import Params
from amp.kpi.schema import month_index

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
