"""Every parameter file follows the JSON Schema and loads; dates and ends read right."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from amp.rules.parameters import (
    PARAMETER_DIR,
    ParameterError,
    all_parameters,
    load_area,
    load_parameter,
    parameter_files,
)

SCHEMA = json.loads((PARAMETER_DIR.parent / "parameter-schema.json").read_text("utf-8"))


def _jsonable(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _jsonable(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_jsonable(v) for v in node]
    if isinstance(node, date):
        return node.isoformat()
    return node


@pytest.mark.parametrize("file", sorted(PARAMETER_DIR.glob("*.yaml")), ids=lambda f: f.stem)
def test_every_file_follows_the_json_schema(file: Path) -> None:
    document = _jsonable(yaml.safe_load(file.read_text("utf-8")))
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())


def test_the_schema_rejects_an_entry_without_source() -> None:
    broken = {
        "name": {"de": "x", "en": "x"},
        "description": "§ 1",
        "unit": "euro",
        "kind": "statutory",
        "entries": [{"valid_from": "2024-01-01", "value": 1, "reference": "§ 1"}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_all_files_load_and_entries_are_in_date_order() -> None:
    assert len(parameter_files()) >= 15
    for key, parameter in all_parameters():
        days = [e.valid_from for e in parameter.entries]
        assert days == sorted(days), key
        assert len(set(days)) == len(days), key


@pytest.mark.parametrize(
    ("key", "day", "expected"),
    [
        ("mindestlohn", date(2023, 12, 31), Decimal("12.00")),
        ("mindestlohn", date(2024, 1, 1), Decimal("12.41")),
        ("mindestlohn", date(2025, 1, 1), Decimal("12.82")),
        ("sgb2_16j_buergergeldbonus.betrag", date(2023, 6, 30), None),
        ("sgb2_16j_buergergeldbonus.betrag", date(2023, 7, 1), Decimal(75)),
        ("sgb2_16j_buergergeldbonus.betrag", date(2024, 3, 27), Decimal(75)),
        ("sgb2_16j_buergergeldbonus.betrag", date(2024, 3, 28), None),
        ("sgb3_egz.aeltere_mindestalter", date(2023, 12, 31), Decimal(50)),
        ("sgb3_egz.aeltere_mindestalter", date(2024, 1, 1), Decimal(55)),
        ("sgb3_54a_eq.zuschuss", date(2024, 7, 31), Decimal(262)),
        ("sgb3_54a_eq.zuschuss", date(2024, 8, 1), Decimal(276)),
        ("sgb3_54a_eq.dauer", date(2024, 3, 31), (Decimal(6), Decimal(12))),
        ("sgb3_54a_eq.dauer", date(2024, 4, 1), (Decimal(4), Decimal(12))),
        ("fbw_reha_zustaendigkeit.fbw", date(2024, 12, 31), Decimal(1)),
        ("fbw_reha_zustaendigkeit.fbw", date(2025, 1, 1), None),
        ("aufenthg_104c.erteilung", date(2025, 12, 31), Decimal(1)),
        ("aufenthg_104c.erteilung", date(2026, 1, 1), None),
        ("aufenthg_104c.stichtag", date(2024, 6, 1), date(2022, 10, 31)),
        ("sozialversicherung.pv", date(2023, 6, 30), Decimal("3.05")),
        ("sozialversicherung.pv", date(2023, 7, 1), Decimal("3.4")),
        ("regelbedarf", date(2024, 6, 1), Decimal(563)),
    ],
)
def test_values_on_the_day_before_and_after_a_change(key: str, day: date, expected: Any) -> None:
    assert load_parameter(key).value_at(day) == expected


def test_pat_flat_amounts_are_administrative_and_by_household() -> None:
    pat = load_parameter("sgb2_16i_pat.pauschalen")
    assert pat.kind == "administrative"
    assert pat.value_at(date(2024, 6, 1)) == {
        "single": Decimal(800),
        "single_one_child": Decimal(1000),
        "other": Decimal(1100),
    }


def test_an_unknown_parameter_in_an_area_names_the_known_ones() -> None:
    with pytest.raises(ParameterError, match=r"sgb2_16i\.foerdersaetze"):
        load_parameter("sgb2_16i.gibt_es_nicht")


def test_a_broken_file_is_reported_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "kaputt.yaml").write_text(
        "name: {de: a, en: b}\ndescription: § 1\nunit: euro\nkind: statutory\n"
        "entries:\n  - valid_from: morgen\n    value: 1\n    reference: x\n    source: y\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("amp.rules.parameters.PARAMETER_DIR", tmp_path)
    load_area.cache_clear()
    try:
        with pytest.raises(ParameterError, match=r"kaputt.yaml:6"):
            load_area("kaputt")
    finally:
        load_area.cache_clear()


def test_every_change_date_switches_the_value_on_that_day_and_not_before() -> None:
    for key, parameter in all_parameters():
        for previous, entry in itertools.pairwise(parameter.entries):
            day_before = entry.valid_from - timedelta(days=1)
            assert parameter.value_at(day_before) == previous.value, (key, day_before)
            assert parameter.value_at(entry.valid_from) == entry.value, (key, entry.valid_from)
        first = parameter.entries[0].valid_from
        assert parameter.value_at(first - timedelta(days=1)) is None, key
