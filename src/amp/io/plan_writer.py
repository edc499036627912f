"""Write a `Plan` as a plan directory: the same YAML files `load_plan` reads.

Amounts are written exactly as their decimal text (`8019600.45`), never through a float;
keys keep the model's field order, and fields at their default are left out, so a written
plan reads like a hand-written one and diffs well. Writing is atomic: the files go into a
temporary directory beside the target, which is renamed into place only when complete.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter

from amp.core.plan import Plan
from amp.io.model_schema import enforce_known_keys
from amp.io.plan_dir import PLAN_FILE_FIELDS, PLAN_FILES


class PlanWriteError(Exception):
    """The plan directory cannot be written; the message is German and names the place."""


_ADAPTER: TypeAdapter[Plan] | None = None


def _adapter() -> TypeAdapter[Plan]:
    global _ADAPTER
    if _ADAPTER is None:
        enforce_known_keys(Plan)
        _ADAPTER = TypeAdapter(Plan)
    return _ADAPTER


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as plain data (dicts, lists, Decimal, date, str, int, bool), defaults left out."""
    raw = _adapter().dump_python(plan, mode="python", exclude_defaults=True)
    result = _plain(raw)
    assert isinstance(result, dict)
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # every value written out: workbooks refuse anchors and aliases


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    if "." not in text:  # keep it a number the loader reads as exactly this value
        return dumper.represent_scalar("tag:yaml.org,2002:int", text)
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(str, _string)


def dump_yaml(data: Any) -> str:
    text: str = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    return text


def plan_files(plan: Plan) -> dict[str, Any]:
    """Relative file name → the data that file holds, for every file the plan needs."""
    data = plan_data(plan)
    files: dict[str, Any] = {}
    for spec in PLAN_FILES:
        if spec.field is None:
            files[spec.name] = {k: data[k] for k in PLAN_FILE_FIELDS if k in data}
            continue
        content = data.get(spec.field)
        if content is None or content == []:
            continue
        if spec.many:
            ids = [str(entry.get("id", i)) for i, entry in enumerate(content)]
            names = [_file_stem(i) for i in ids]
            if names != sorted(names) or len(set(names)) != len(names):  # loader sorts by name
                names = [f"{i + 1:02d}-{n}" for i, n in enumerate(names)]
            for name, entry in zip(names, content, strict=True):
                files[f"{spec.name}/{name}.yaml"] = entry
        elif spec.wrapper is not None:
            files[spec.name] = {spec.wrapper: content}
        else:
            files[spec.name] = content
    return files


def _file_stem(ident: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", ident) or "tabelle"


def write_plan(plan: Plan, directory: Path) -> None:
    """Write the plan into `directory`, which must not exist or be empty; all or nothing."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise PlanWriteError(f"{directory}: das Ziel gibt es schon und es ist nicht leer")
    parent = directory.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=parent))
    except OSError as exc:
        raise PlanWriteError(f"{parent}: kann nicht geschrieben werden ({exc.strerror})") from exc
    try:
        for name, content in plan_files(plan).items():
            file = staging / name
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(dump_yaml(content), encoding="utf-8")
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(staging, 0o777 & ~mask)  # mkdtemp made it private (0700)
        if directory.exists():
            directory.rmdir()
        os.replace(staging, directory)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        message = f"{directory}: kann nicht geschrieben werden ({exc.strerror})"
        raise PlanWriteError(message) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


__all__ = ["PlanWriteError", "dump_yaml", "plan_data", "plan_files", "write_plan"]
