"""`amp COMMAND` loads only what COMMAND needs (the timing is a benchmark:
benchmarks/startup_bench.py; here the behaviour behind it is pinned)."""

from __future__ import annotations

import json
import subprocess
import sys
from enum import StrEnum

import pytest
import typer
from typer import _coercion, _param_types
from typer._click.exceptions import BadParameter

from amp.cli import GROUPS, build_app, coercion
from amp.example import DEMO_PLAN

HEAVY = ("pydantic", "rich", "duckdb", "openpyxl", "weasyprint", "django", "jinja2", "yaml")


def loaded_by(*args: str) -> list[str]:
    """The top-level packages of HEAVY that `amp ARGS` imported."""
    probe = (
        "import json, sys\n"
        f"sys.argv = ['amp', *{list(args)!r}]\n"
        "from amp.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_every_command_is_found_in_its_group() -> None:
    everything = typer.main.get_command(build_app())
    assert set(GROUPS) == set(everything.commands)  # type: ignore[attr-defined]
    for name, module in GROUPS.items():
        alone = typer.main.get_command(build_app([module]))
        assert name in alone.commands  # type: ignore[attr-defined]


def test_check_with_a_cached_plan_needs_no_heavy_library() -> None:
    loaded_by("check", str(DEMO_PLAN))  # fills the cache
    assert loaded_by("check", str(DEMO_PLAN)) == []


def test_help_needs_no_heavy_library_but_rich() -> None:
    assert loaded_by("--help") == ["rich"]


class Colour(StrEnum):
    RED = "red"
    GREEN = "green"


@pytest.mark.parametrize("value", ["red", "GREEN", "blau"])
def test_direct_coercion_of_a_choice_is_typers_own(value: str) -> None:
    app = typer.Typer()

    @app.command()
    def paint(colour: Colour, where: str = "x") -> None:
        pass

    command = typer.main.get_command(app)
    ctx = typer.Context(command)
    param = next(p for p in command.params if p.name == "colour")
    descriptor = param.type_descriptor  # type: ignore[attr-defined]
    outcomes = []
    for build in (_coercion.build_runtime_param, coercion.build_runtime_param):
        try:
            outcomes.append(build(descriptor)._coerce_value(value, param=param, ctx=ctx))
        except BadParameter as exc:
            outcomes.append(exc.message)
    assert outcomes[0] == outcomes[1]


def test_the_typer_hooks_used_are_there() -> None:
    # a Typer upgrade that moves these makes this test fail, not the start of `amp`
    assert callable(typer.core.build_runtime_param)  # type: ignore[attr-defined]
    assert callable(_param_types.coerce_cli_choice)
    assert callable(_param_types.coerce_cli_path)
    assert issubclass(coercion._Direct, _coercion.RuntimeParam)
