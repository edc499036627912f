"""Reading and replacing one value inside the frozen plan model, addressed by a ModelPath."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from amp.core.findings import ModelPath
from amp.core.findings import format_path as format_path  # re-exported: callers import it from here


def value_at(node: Any, path: ModelPath) -> Any:
    """The value at `path`; raises LookupError when the path does not exist."""
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, tuple) or not 0 <= part < len(node):
                raise LookupError(path)
            node = node[part]
        else:
            if not dataclasses.is_dataclass(node) or part not in _field_names(node):
                raise LookupError(path)
            node = getattr(node, part)
    return node


def replace_at(node: Any, path: ModelPath, change: Callable[[Any], Any]) -> Any:
    """A copy of the frozen model with the value at `path` replaced by `change(value)`."""
    if not path:
        return change(node)
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        if not isinstance(node, tuple) or not 0 <= head < len(node):
            raise LookupError(path)
        items = list(node)
        items[head] = replace_at(items[head], rest, change)
        return tuple(items)
    if not dataclasses.is_dataclass(node) or head not in _field_names(node):
        raise LookupError(path)
    return dataclasses.replace(node, **{head: replace_at(getattr(node, head), rest, change)})  # type: ignore[type-var]


def set_at(node: Any, path: ModelPath, value: Any) -> Any:
    """A copy of the frozen model with `value` at `path`."""
    return replace_at(node, path, lambda _old: value)


def parse_path(text: str) -> ModelPath:
    """ "budget.groups[0].lines[2].amounts.plan" → ("budget", "groups", 0, "lines", 2, ...)."""
    parts: list[str | int] = []
    for segment in text.split("."):
        name, *indexes = segment.split("[")
        if not name:
            raise ValueError(text)
        parts.append(name)
        for index in indexes:
            if not index.endswith("]") or not index[:-1].isdigit():
                raise ValueError(text)
            parts.append(int(index[:-1]))
    return tuple(parts)


def _field_names(node: Any) -> set[str]:
    return {f.name for f in dataclasses.fields(node)}


def differences(old: Any, new: Any, path: ModelPath = ()) -> list[tuple[ModelPath, Any, Any]]:
    """Every leaf value that differs between two plans (or parts), as (path, old, new).

    Lists of different length are reported as one difference at the list itself.
    """
    if old == new:
        return []
    if dataclasses.is_dataclass(old) and not isinstance(old, type) and type(old) is type(new):
        found: list[tuple[ModelPath, Any, Any]] = []
        for name in sorted(_field_names(old), key=[f.name for f in dataclasses.fields(old)].index):
            found.extend(differences(getattr(old, name), getattr(new, name), (*path, name)))
        return found
    if isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(new):
        return [
            d
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for d in differences(a, b, (*path, i))
        ]
    return [(path, old, new)]
