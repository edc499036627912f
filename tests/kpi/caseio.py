"""Read the hand-computed test cases (tests/kpi/cases/*.yaml) and write their input files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from amp.kpi.schema import month_index, month_text

CASES = Path(__file__).parent / "cases"


@dataclass
class Case:
    name: str
    files: dict[str, str]
    expected: dict[str, dict[str, dict[str, str]]]


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES.glob("*.yaml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected = {
            str(month): {
                code: {g: str(v) for g, v in groups.items()} for code, groups in figs.items()
            }
            for month, figs in data["erwartet"].items()
        }
        cases.append(Case(path.stem, data["dateien"], expected))
    return cases


def _expand(line: str) -> list[str]:
    """Expand a field 'YYYY-MM..YYYY-MM' into one line per month."""
    fields = line.split(",")
    for i, field in enumerate(fields):
        if ".." in field:
            first, last = field.split("..")
            return [
                ",".join([*fields[:i], month_text(m), *fields[i + 1 :]])
                for m in range(month_index(first), month_index(last) + 1)
            ]
    return [line]


def write_inputs(case: Case, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in case.files.items():
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        out = [lines[0]]
        for line in lines[1:]:
            out.extend(_expand(line))
        (directory / f"{name}.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return directory
