"""The JSON Schemas are generated from the model, kept current, and accept the example."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from amp.io.schema import schemas, write_schemas
from amp.io.yaml_source import read_yaml

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "src" / "amp" / "examples" / "jobcenter-en-2024"


def test_the_committed_schemas_are_the_generated_ones(tmp_path: Path) -> None:
    for file in write_schemas(tmp_path):
        committed = ROOT / "schema" / file.name
        assert committed.exists(), f"{committed} fehlt: `amp schema` ausführen"
        assert json.loads(committed.read_text("utf-8")) == json.loads(file.read_text("utf-8")), (
            f"{committed} ist veraltet: `amp schema` ausführen"
        )


@pytest.mark.parametrize("name", sorted(schemas()))
def test_the_example_files_satisfy_their_schema(name: str) -> None:
    schema = schemas()[name]
    files = sorted(EXAMPLE.glob(name)) if "*" in name else [EXAMPLE / name]
    assert files
    for file in files:
        data = json.loads(json.dumps(read_yaml(file).data, default=str))
        jsonschema.Draft202012Validator(schema).validate(data)


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    schema = schemas()["budget.yaml"]
    data = json.loads(json.dumps(read_yaml(EXAMPLE / "budget.yaml").data, default=str))
    data["groups"][0]["lines"][0]["unbekannt"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)
