"""The whole Arbeitsmarktprogramm: the plan's chapters, then its tables, then the findings.

`build_document` binds the chapters (`amp.reports.chapters`) to the plan's figures, places
the tables and charts their directives name, and keeps the remaining table views of the
report "Tabellen und Übersichten" as its annex. One `Document` is written three ways:
HTML here, PDF in `amp.reports.typst_pdf`, DOCX in `amp.reports.docx`; none of them
computes a figure of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from amp.core import formatting
from amp.core.figures import figures
from amp.core.findings import Finding
from amp.core.plan import STATUS_LABELS, Plan
from amp.reports import html
from amp.reports.chapters import (
    CHART_DIRECTIVE,
    TABLE_DIRECTIVE,
    Chapter,
    Directive,
    Source,
    parse_chapters,
)
from amp.reports.presenter import ShownFinding, shown_findings
from amp.reports.tables import Cell, TableView, all_tables, pathway_tables

# chart keys of the directive `::grafik KEY`, by the report section that draws them
CHART_KEYS = {
    "finanzplanung": "veraenderung",
    "zielgruppen": "zielgruppen",
    "massnahmen": "laufzeiten",
}


@dataclass
class Document:
    title: str
    jobcenter: str
    region: str
    year: int
    as_of: str
    status: str
    label: str
    created: str
    chapters: list[Chapter]
    tables: dict[str, TableView]  # every view a chapter may place, by key
    extras: dict[str, list[str]]  # view key → extra column (Rechtsgrundlage)
    charts: dict[str, html.Figure]
    annex: list[html.Section]  # what no chapter placed
    wide: set[str]  # keys of the tables printed on landscape pages
    findings: list[ShownFinding]
    deviations: int

    def on_landscape(self, block: object) -> bool:
        """Whether a chapter block is a wide table, printed on a landscape page."""
        return (
            isinstance(block, Directive)
            and block.kind == TABLE_DIRECTIVE
            and block.key in self.wide
        )


def column_text(view: TableView, column: int, cell: Cell) -> str:
    """A cell as every writer prints it: differences (Δ columns) with their sign."""
    if view.columns[column].startswith("Δ"):
        return html.change_text(cell)
    return html.cell_text(cell)


def known_directives(plan: Plan) -> set[str]:
    keys = {f"{TABLE_DIRECTIVE}:{view.key}" for view in all_tables(plan)}
    keys |= {f"{CHART_DIRECTIVE}:{key}" for key in CHART_KEYS.values()}
    return keys


def chapter_findings(plan: Plan, sources: list[Source]) -> tuple[list[Chapter], list[Finding]]:
    """The bound chapters and their findings (raises InputProblems on unreadable text)."""
    return parse_chapters(sources, figures(plan), known_directives(plan))


def _placed(chapters: list[Chapter]) -> set[str]:
    found: set[str] = set()

    def walk(blocks: tuple[object, ...]) -> None:
        for block in blocks:
            kind, key = getattr(block, "kind", None), getattr(block, "key", None)
            if kind and key:
                found.add(f"{kind}:{key}")
            for item in getattr(block, "items", ()):
                walk(item)

    for chapter in chapters:
        walk(chapter.blocks)
    return found


def build_document(
    plan: Plan,
    sources: list[Source],
    findings: list[Finding],
    today: date | None = None,
) -> Document:
    """The document of a plan: its chapters (possibly none), tables, charts and findings."""
    chapters, text_findings = chapter_findings(plan, sources)
    sections = html.sections(plan)
    charts: dict[str, html.Figure] = {}
    extras: dict[str, list[str]] = {}
    for section in sections:
        extras.update(section.extra)
        if section.figures and section.id in CHART_KEYS:
            charts[CHART_KEYS[section.id]] = section.figures[0]
    placed = _placed(chapters)
    annex: list[html.Section] = []
    for section in sections:
        tables = [v for v in section.tables if f"{TABLE_DIRECTIVE}:{v.key}" not in placed]
        chart_key = CHART_KEYS.get(section.id)
        figures_left = [] if f"{CHART_DIRECTIVE}:{chart_key}" in placed else section.figures
        chains = [
            chain
            for chain, view in zip(section.chains, pathway_tables(plan), strict=False)
            if f"{TABLE_DIRECTIVE}:{view.key}" not in placed
        ]
        if tables or figures_left or chains:
            annex.append(replace(section, tables=tables, figures=figures_left, chains=chains))
    every_finding = [*findings, *text_findings]
    title = f"Arbeitsmarktprogramm {plan.year}"
    return Document(
        title=title if chapters else f"{title} — Tabellen und Übersichten",
        jobcenter=plan.jobcenter.name,
        region=plan.jobcenter.region or "",
        year=plan.year,
        as_of=formatting.day(plan.version.as_of),
        status=STATUS_LABELS[plan.status],
        label=plan.version.label or "",
        created=formatting.day(today or datetime.now(html.BERLIN).date()),
        chapters=chapters,
        tables={view.key: view for view in all_tables(plan)},
        extras=extras,
        charts=charts,
        annex=annex,
        wide={view.key for section in sections if section.wide for view in section.tables},
        findings=shown_findings(every_finding),
        deviations=sum(1 for f in every_finding if f.printed is not None),
    )


def render_document_html(document: Document) -> str:
    template = html._environment().get_template("document.html.j2")
    return template.render(doc=document)


def render_chapter_html(document: Document, chapter: Chapter) -> str:
    """One chapter as an HTML fragment (the preview of the web editor)."""
    template = html._environment().get_template("chapter_preview.html.j2")
    return template.render(doc=document, chapter=chapter)
