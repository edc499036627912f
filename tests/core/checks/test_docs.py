"""docs/pruefungen.md is generated from the catalogue of rules and must be current."""

from __future__ import annotations

from pathlib import Path

from amp.core.checks.catalogue import RULES
from amp.core.checks.docs import main, pruefungen_markdown

DOCS = Path(__file__).parents[3] / "docs" / "pruefungen.md"


def test_docs_pruefungen_md_is_current() -> None:
    assert DOCS.read_text("utf-8") == pruefungen_markdown(), (
        "docs/pruefungen.md ist veraltet: python -m amp.core.checks.docs docs/pruefungen.md"
    )


def test_every_rule_is_documented_once_with_its_severity() -> None:
    text = pruefungen_markdown()
    for rule in RULES:
        assert text.count(f"| `{rule.id}` | {rule.severity.value} |") == 1, rule.id


def test_the_generator_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "pruefungen.md"
    assert main(["docs", str(target)]) == 0
    assert target.read_text("utf-8") == pruefungen_markdown()
