"""JSON Schemas of the plan files, generated from the core model.

One schema per file of the plan directory, so an editor can check each file as it is
typed (e.g. with `# yaml-language-server: $schema=…`). The schemas are generated, never
written by hand: the model is the one source of truth.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from amp.core.plan import Plan
from amp.io.model_schema import enforce_known_keys
from amp.io.plan_dir import PLAN_FILE_FIELDS, PLAN_FILES

SCHEMA_BASE = "https://amp.invalid/schema"  # an id, not an address: nothing is fetched


def _field_type(name: str) -> Any:
    return typing.get_type_hints(Plan, include_extras=True)[name]


def schemas() -> dict[str, dict[str, Any]]:
    """File name → JSON Schema, for every file of a plan directory."""
    enforce_known_keys(Plan)
    result: dict[str, dict[str, Any]] = {}
    plan_schema = TypeAdapter(Plan).json_schema()
    plan_schema["properties"] = {
        k: v for k, v in plan_schema["properties"].items() if k in PLAN_FILE_FIELDS
    }
    plan_schema["required"] = [k for k in plan_schema.get("required", []) if k in PLAN_FILE_FIELDS]
    plan_schema["title"] = "plan.yaml: Jobcenter, Planjahr, Stand, Status, Instrumente"
    result["plan.yaml"] = plan_schema
    for spec in PLAN_FILES:
        if spec.field is None:
            continue
        kind = _field_type(spec.field)
        if spec.many:  # a folder: each file is one entry of the list
            kind = typing.get_args(kind)[0]
        elif typing.get_origin(kind) in (typing.Union, types.UnionType):  # `X | None`
            kind = next(a for a in typing.get_args(kind) if a is not type(None))
        schema = TypeAdapter(kind).json_schema()
        if spec.wrapper:
            schema = {
                "type": "object",
                "properties": {spec.wrapper: {"type": "array", "items": schema.pop("items")}},
                "required": [spec.wrapper],
                "additionalProperties": False,
                "$defs": schema.pop("$defs", {}),
            }
        name = f"{spec.name}/*.yaml" if spec.many else spec.name
        schema["title"] = schema.get("title") or name
        result[name] = schema
    for name, schema in result.items():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{SCHEMA_BASE}/{_schema_file(name)}"
    return result


def _schema_file(name: str) -> str:
    return name.replace("/*.yaml", "").replace(".yaml", "") + ".schema.json"


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        file = directory / _schema_file(name)
        file.write_text(
            json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8"
        )
        written.append(file)
    return written
