"""docs/befehle.md is generated from the commands' own help and must be current."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from amp.cli import app
from amp.cli.help_docs import befehle_markdown

DOCS = Path(__file__).parents[2] / "docs" / "befehle.md"


def test_the_committed_command_reference_is_current() -> None:
    assert DOCS.read_text("utf-8") == befehle_markdown(app), (
        "docs/befehle.md is stale: run `amp docs --output docs/befehle.md`"
    )


def test_every_command_and_no_hidden_alias_is_documented() -> None:
    text = befehle_markdown(app)
    for command in ("amp check", "amp report", "amp szenario", "amp calc 16i", "amp kpi synth"):
        assert f"### `{command}" in text
    assert "`--output`, `-o`" in text
    commands = text.split("## Befehle", 1)[1]
    assert "--ausgabe" not in commands  # the old names work, but are not shown
    assert "`--out`" not in commands


def test_amp_docs_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "befehle.md"
    result = CliRunner().invoke(app, ["docs", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text("utf-8") == befehle_markdown(app)
