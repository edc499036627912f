"""Reading text, path and choice arguments without pydantic, for a quick start.

Typer turns each command-line value into its annotated type through a pydantic
TypeAdapter; importing pydantic and building adapters costs a third of `amp check`'s
start. For the kinds nearly every amp option has (a string, a path, a choice from an
enum, a flag) Typer's adapter only wraps a plain function of its own (`coerce_cli_choice`,
`coerce_cli_path`) or keeps a text as it is; here that is done directly, and a refused
choice gets the message pydantic would have given ("Value error, …"). Every other
kind (numbers with limits, flags, lists, anything unusual) keeps Typer's own path.

`tests/cli/test_startup.py` pins the hooks and the messages, so a Typer upgrade that
moves them fails a test instead of changing behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from typer import _coercion, _param_types, core
from typer._click.exceptions import BadParameter
from typer._click.utils import _escape_control_characters

_typer_build = _coercion.build_runtime_param


@dataclass(frozen=True)
class _Direct(_coercion.RuntimeParam):
    """Coercion of a str, Path or Enum value without a TypeAdapter."""

    kind: str  # "str", "path", "choice" or "bool"
    fallback: _coercion.TypeDescriptor

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if self.kind == "bool" and isinstance(value, bool):  # a flag as click set it
            return value
        try:
            if self.kind == "choice":
                return _param_types.coerce_cli_choice(
                    value,
                    choices=list(self.annotation),
                    case_sensitive=self.parameter_info.case_sensitive,
                    ctx=ctx,
                )
        except ValueError as exc:
            message = _escape_control_characters(f"Value error, {exc}")
            raise BadParameter(message, ctx=ctx, param=param) from exc
        if self.kind == "bool" or not isinstance(value, str) or not value:  # Typer's way
            return _typer_build(self.fallback)._coerce_value(value, param=param, ctx=ctx)
        if self.kind == "str":
            return value
        path_type = self.annotation
        return _param_types.coerce_cli_path(
            path_type(value), self.parameter_info, path_type=path_type, param=param, ctx=ctx
        )


def _kind(descriptor: _coercion.TypeDescriptor) -> str | None:
    annotation, info = descriptor.annotation, descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice"
    if annotation is str:
        return "str"
    if annotation is bool:
        return "bool"
    if (
        isinstance(annotation, type)
        and issubclass(annotation, Path)
        and info.path_type is None
        and _param_types.routes_to_path(annotation, info)
    ):
        return "path"
    return None


def build_runtime_param(descriptor: _coercion.TypeDescriptor) -> _coercion.RuntimeParam:
    kind = _kind(descriptor)
    if kind is None:
        return _typer_build(descriptor)
    return _Direct(
        parameter_info=descriptor.parameter_info,
        annotation=descriptor.annotation,
        kind=kind,
        fallback=descriptor,
    )


def use_direct_coercion() -> None:
    """Read str, Path and Enum values directly, for this process."""
    core.build_runtime_param = build_runtime_param  # type: ignore[attr-defined]
