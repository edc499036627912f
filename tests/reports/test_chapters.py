"""Chapters in Markdown: bound figures, directives, numbers nobody bound, input problems,
and the example plan's transcribed chapters."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from amp.core.findings import Finding, Severity
from amp.core.plan import Plan
from amp.core.problems import InputProblems
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan
from amp.reports.chapters import (
    RULE_BOUND,
    RULE_UNBOUND,
    Bound,
    Chapter,
    Directive,
    Paragraph,
    Source,
    plain,
    read_sources,
)
from amp.reports.document import chapter_findings

EXAMPLE = DEMO_PLAN


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(EXAMPLE).plan


def chapter(plan: Plan, text: str) -> tuple[Chapter, list[Finding]]:
    chapters, findings = chapter_findings(plan, [Source("kapitel/01-test.md", text)])
    return chapters[0], findings


def paragraphs(chapter: Chapter) -> list[str]:
    return [plain(b.inlines) for b in chapter.blocks if isinstance(b, Paragraph)]


def test_a_bound_figure_prints_the_data_and_reports_a_written_figure_that_is_wrong(
    plan: Plan,
) -> None:
    text = (
        "# 5 Instrumente\n\nFür den Bonus stehen "
        "[rund 100.000 €]{budget.line.buergergeldbonus.plan} zur Verfügung, "
        "für den PAT [rd. 2,1 Mio. Euro]{funding.2024.pat}.\n"
    )
    result, findings = chapter(plan, text)
    assert paragraphs(result) == [
        "Für den Bonus stehen rund 130.000 € zur Verfügung, für den PAT rd. 2,1 Mio. Euro."
    ]
    assert [(f.rule, f.severity) for f in findings] == [(RULE_BOUND, Severity.WARNING)]
    assert findings[0].printed == 100000
    assert findings[0].computed == 126000
    assert findings[0].location.column == "kapitel/01-test.md:3"
    assert "„rund 100.000 €“ passt nicht zu den Daten" in findings[0].message


def test_operations_bind_a_change_against_the_previous_year(plan: Plan) -> None:
    egt = "funding.2023.integration_federal_total, funding.2024.integration_federal_total"
    result, findings = chapter(
        plan,
        f"# 3\n\num [10 %]{{rueckgang_prozent: {egt}}} (- [2,1 Mio. €]{{rueckgang: {egt}}})\n",
    )
    assert paragraphs(result) == ["um 9 % (- 2,1 Mio. €)"]
    assert [f.computed for f in findings] == [Decimal("9.19")]


def test_a_number_typed_into_the_prose_is_flagged_unless_bound_or_marked(plan: Plan) -> None:
    text = (
        "# 5\n\nIm Jahr 2024 sollen nach § 16i Abs. 1 SGB II bis zum 31.12.2024 knapp 285 "
        "Arbeitsgelegenheiten für 1.600.000 € entstehen; 500 Millionen Euro spart der Bund "
        "([500 Millionen Euro]{extern}), für 24 Monate. Es gibt 150 Stellen und 7 Teams.\n"
    )
    _, findings = chapter(plan, text)
    unbound = [f.message.split("“")[0].lstrip("„") for f in findings if f.rule == RULE_UNBOUND]
    # money always; a count with a rounding word; a count that is a figure of the plan (150
    # places § 16i); not the year, the paragraph, the date, the duration, a small count
    assert unbound == ["knapp 285", "1.600.000 €", "500 Millionen Euro", "150"]
    assert {f.severity for f in findings} == {Severity.NOTE}
    assert "nicht an die Daten gebunden" in findings[0].message


def test_directives_place_tables_and_charts(plan: Plan) -> None:
    result, _ = chapter(plan, "# 6\n\n::tabelle finanzplanung\n\n::grafik zielgruppen\n")
    assert [b for b in result.blocks if isinstance(b, Directive)] == [
        Directive("tabelle", "finanzplanung"),
        Directive("grafik", "zielgruppen"),
    ]


def test_unreadable_chapters_raise_every_problem_with_file_and_line(plan: Plan) -> None:
    text = (
        "# 3\n\n[rund 2 Mio. Euro]{funding.2024.gibtsnicht}\n\n::tabelle gibtsnicht\n\n"
        "[viel Geld]{funding.2024.pat}\n\n[rund 2 Mio. Euro]{budget.line.agh_projekt.quantity}\n"
    )
    with pytest.raises(InputProblems) as caught:
        chapter(plan, text)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 4
    assert messages[0].startswith(
        "kapitel/01-test.md:3: unbekannte Kennziffer „funding.2024.gibtsnicht“"
    )
    assert messages[1].startswith("kapitel/01-test.md:5: unbekannte Tabelle „gibtsnicht“")
    assert messages[2].startswith("kapitel/01-test.md:7: „viel Geld“ ist keine Zahl")
    assert "ist in Euro geschrieben" in messages[3]


def test_a_chapter_needs_a_title(plan: Plan) -> None:
    with pytest.raises(InputProblems, match="Überschrift"):
        chapter(plan, "Nur Text.\n")


def test_the_example_reproduces_the_seed_chapters_with_the_right_figures(plan: Plan) -> None:
    chapters, findings = chapter_findings(plan, read_sources(EXAMPLE))
    assert [c.title.split(" ")[0] for c in chapters] == [*"12345678", "Anlagen"]
    text = "\n".join(p for c in chapters for p in paragraphs(c))
    # the seed's errors, corrected by the data
    assert "deutlich um 9 % zurückgegangen (- 2,1 Mio. €)" in text
    assert "290 Arbeitsgelegenheiten in Projektform" in text
    assert "rund 130.000 € für den Bürgergeldbonus" in text
    assert "Weiterbildungsgeld und den Bürgergeldbonus rund 270.000 Euro" in text
    # figures that were right stay as published
    assert "insgesamt rd. 2,1 Mio. Euro Fördermitteln" in text
    assert "Entnahme in Höhe von 1.000.000 Euro" in text
    # every changed figure is in the findings; no number is left unbound
    changed = {f.message.split("“")[0].lstrip("„") for f in findings if f.rule == RULE_BOUND}
    assert changed == {
        "10 %",
        "mehr als 10 %",
        "rund 170.000 Euro",
        "rund 100.000 €",
        "knapp 285",
        "rund 4,5 Mio. €",
    }
    assert [f for f in findings if f.rule == RULE_UNBOUND] == []
    bound = [i for c in chapters for b in c.blocks if isinstance(b, Paragraph) for i in b.inlines]
    assert sum(isinstance(i, Bound) and i.reference is not None for i in bound) >= 20


def test_a_changed_amount_changes_every_chapter_that_binds_it(plan: Plan, tmp_path: Path) -> None:
    changed = tmp_path / "plan"
    shutil.copytree(EXAMPLE, changed)
    funding = changed / "funding.yaml"
    funding.write_text(funding.read_text().replace("pat: 2100000", "pat: 2600000", 1))
    new_plan = load_plan(changed).plan
    chapters, _ = chapter_findings(new_plan, read_sources(changed))
    texts = {c.file: "\n".join(paragraphs(c)) for c in chapters}
    assert "rd. 2,6 Mio. Euro Fördermitteln" in texts["kapitel/03-finanzen.md"]
    assert (
        "weitere rund 2,6 Mio. Euro aus dem sog. Passiv-Aktiv-Transfer"
        in texts["kapitel/03-finanzen.md"]
    )
    # § 16i from the EgT plus the PAT: 2.479.986,80 € + 2.600.000 €
    assert "kostet im Jahr 2024 rund 5,1 Mio. €" in texts["kapitel/05-instrumente.md"]
    before, _ = chapter_findings(plan, read_sources(EXAMPLE))
    assert "rund 4,6 Mio. €" in "\n".join(paragraphs(before[4]))
