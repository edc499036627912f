"""`amp rules …` and the generated docs/recht.md."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from amp.cli import app
from amp.rules.docs import recht_markdown

DOCS = Path(__file__).parents[2] / "docs" / "recht.md"
runner = CliRunner()


def test_docs_recht_md_is_current() -> None:
    assert DOCS.read_text("utf-8") == recht_markdown(), (
        "docs/recht.md ist veraltet: amp rules docs --output docs/recht.md"
    )


def test_docs_list_every_parameter_and_the_administrative_ones_apart() -> None:
    text = recht_markdown()
    assert "`sgb2_16i.foerdersaetze`" in text
    assert "- `sgb2_16i_pat.pauschalen`: PAT-Pauschalen" in text
    assert "| 28.03.2024 | entfällt |" in text


def test_rules_show_on_a_date() -> None:
    result = runner.invoke(
        app, ["rules", "show", "mindestlohn", "--date", "2024-06-01"], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    assert "Am 01.06.2024: 12,41 €/Stunde (seit 01.01.2024" in result.output


def test_rules_list_shows_the_value_on_the_date() -> None:
    result = runner.invoke(app, ["rules", "list", "--date", "2024-06-01"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "sgb2_16j_buergergeldbonus.betrag" in result.output
    assert "100 / 100 / 90 / 80 / 70 %" in result.output


def test_unknown_rule_and_bad_date_exit_2_in_german() -> None:
    unknown = runner.invoke(app, ["rules", "show", "gibt_es_nicht"])
    assert unknown.exit_code == 2
    assert "unbekannt" in unknown.output
    bad = runner.invoke(app, ["rules", "show", "mindestlohn", "--date", "gestern"])
    assert bad.exit_code == 2
    assert "kein Datum" in bad.output
    german = runner.invoke(app, ["rules", "show", "mindestlohn", "--date", "1.6.2024"])
    assert german.exit_code == 0, german.output  # amp's one date parser reads both forms
