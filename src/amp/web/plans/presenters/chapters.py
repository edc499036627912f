"""How the chapters of a version are shown: titles, the preview with its findings, the
Kennziffern an author can bind, and the chapter changes between two versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from amp.core import formatting
from amp.core.figures import figures
from amp.core.problems import InputProblems
from amp.reports.chapters import Source
from amp.reports.document import build_document, chapter_findings, render_chapter_html
from amp.web.plans.derived import derived
from amp.web.plans.models import ChapterText, PlanVersion
from amp.web.plans.services import changed_lines


def chapter_changes(old: PlanVersion, new: PlanVersion) -> list[dict[str, str]]:
    """The chapters that differ between two versions: file, what happened, lines old → new."""
    before = {c.file: c.text for c in old.chapters.all()}
    after = {c.file: c.text for c in new.chapters.all()}
    changes = []
    for file in sorted(before.keys() | after.keys()):
        if before.get(file) == after.get(file):
            continue
        kind = (
            "geändert"
            if file in before and file in after
            else ("neu" if file in after else "entfernt")
        )
        removed, added = changed_lines(before.get(file, ""), after.get(file, ""))
        changes.append({"file": file, "kind": kind, "old": removed, "new": added})
    return changes


def chapter_rows(chapters: list[ChapterText]) -> list[dict[str, object]]:
    return [{"pk": c.pk, "file": c.file, "title": title(c.text)} for c in chapters]


def title(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


@dataclass
class Preview:
    html: str = ""
    problems: list[str] = field(default_factory=list)  # the text cannot be read: not saved
    notes: list[str] = field(default_factory=list)  # findings of the text (saved all the same)


def preview(version: PlanVersion, chapter: ChapterText, text: str) -> Preview:
    """The chapter as the document shows it, its findings, or the problems of the text."""
    sources = [
        Source(c.file, text if c.pk == chapter.pk else c.text) for c in version.chapters.all()
    ]
    plan = derived(version).plan
    try:
        _, findings = chapter_findings(plan, sources)
    except InputProblems as problems:
        own = [p for p in problems.problems if p.place.file == chapter.file]
        return Preview(problems=[str(p) for p in own or problems.problems])
    document = build_document(plan, sources, [])
    shown = next(c for c in document.chapters if c.file == chapter.file)
    notes = [
        f"{f.severity.value}: {f.message}"
        for f in findings
        if (f.location.column or "").startswith(chapter.file + ":")
    ]
    return Preview(render_chapter_html(document, shown), notes=notes)


def bindable_figures(version: PlanVersion) -> list[dict[str, str]]:
    """Every Kennziffer with its current value: what a bound figure can name."""
    return [
        {
            "name": name,
            "label": figure.label,
            "value": formatting.number(figure.value, figure.unit),
            "syntax": f"[{formatting.number(figure.value, figure.unit)}]{{{name}}}",
        }
        for name, figure in figures(derived(version).plan).items()
    ]
