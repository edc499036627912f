"""The Eingliederungsquote from the indicator microdata: same pseudonyms, six months on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from amp.core.occupancy import ExitReason, FlowEvent, FlowKind
from amp.core.problems import InputProblems
from amp.io.occupancy.microdata import with_employment


def test_exit_status_comes_from_the_microdata_where_they_know_it(tmp_path: Path) -> None:
    (tmp_path / "panel.csv").write_text(
        "person_id,monat\nA,2024-01\nB,2024-01\nA,2024-09\n", encoding="utf-8"
    )
    (tmp_path / "beschaeftigung.csv").write_text("person_id,monat\nA,2024-08\n", encoding="utf-8")
    exit_ = FlowKind.EXIT
    events = [
        FlowEvent("1", "A", "m", exit_, date(2024, 2, 15), ExitReason.REGULAR),  # Aug: employed
        FlowEvent("2", "B", "m", exit_, date(2024, 2, 15), ExitReason.REGULAR),  # Aug: not
        FlowEvent("3", "C", "m", exit_, date(2024, 2, 15), ExitReason.REGULAR, employed_after=True),
        FlowEvent("4", "A", "m", exit_, date(2024, 6, 1), ExitReason.REGULAR),  # Dec: not covered
        FlowEvent("5", "A", "m", FlowKind.ENTRY, date(2024, 1, 1)),
    ]
    result = with_employment(events, tmp_path)
    assert [e.employed_after for e in result] == [True, False, True, None, None]


def test_missing_microdata_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(InputProblems, match="beschaeftigung"):
        with_employment([], tmp_path)
