"""The chapters of a version: list, and the editor (Markdown, preview, Kennziffern to bind).

A chapter is saved only when every chapter of the version still reads (no unknown
Kennziffer, table or chart); the Verlauf records the changed lines, old → new. A version
that is no longer a draft shows its chapters read-only.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from amp import formatting
from amp.core.figures import figures
from amp.core.problems import InputProblems
from amp.reports.chapters import Source
from amp.reports.document import build_document, chapter_findings, render_chapter_html
from amp.web.plans import services
from amp.web.plans.derived import derived
from amp.web.plans.models import ChapterText, PlanVersion
from amp.web.plans.views.page import version_page


def _seen(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def changed_lines(old: str, new: str) -> tuple[str, str]:
    """The lines a change removed and added (what the Verlauf shows as alt → neu)."""
    removed: list[str] = []
    added: list[str] = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return "\n".join(removed).strip("\n"), "\n".join(added).strip("\n")


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


@login_required
def chapter_list(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    chapters = [
        {"pk": c.pk, "file": c.file, "title": _title(c.text)} for c in version.chapters.all()
    ]
    context = version_page(version, role, "chapters") | {
        "chapters": chapters,
        "can_edit": services.can_edit(role, version),
    }
    return render(request, "plans/chapters.html", context)


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


@dataclass
class Preview:
    html: str = ""
    problems: list[str] = field(default_factory=list)  # the text cannot be read: not saved
    notes: list[str] = field(default_factory=list)  # findings of the text (saved all the same)


def _preview(version: PlanVersion, chapter: ChapterText, text: str) -> Preview:
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


def _figures(version: PlanVersion) -> list[dict[str, str]]:
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


@login_required
def chapter_edit(request: HttpRequest, pk: int, chapter_pk: int) -> HttpResponse:
    version, role = services.version_for(request.user, pk)
    try:
        chapter = version.chapters.get(pk=chapter_pk)
    except ChapterText.DoesNotExist:
        raise Http404("Dieses Kapitel gibt es in diesem Planstand nicht.") from None
    editable = services.can_edit(role, version)
    text = chapter.text
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        text = request.POST.get("text", "").replace("\r\n", "\n")
        if request.POST.get("action") == "speichern":
            if request.POST.get("seen") != _seen(chapter.text):
                messages.error(
                    request,
                    "Das Kapitel wurde inzwischen von jemand anderem geändert; "
                    "bitte die aktuelle Fassung übernehmen und erneut ändern.",
                )
            elif not _preview(version, chapter, text).problems:
                old, new = changed_lines(chapter.text, text)
                chapter.text = text
                chapter.save(update_fields=["text"])
                services.audit(request.user, version, chapter.file, old, new, "Kapiteltext")
                messages.success(request, f"{chapter.file} gespeichert.")
                return redirect("plans:chapter", pk=pk, chapter_pk=chapter.pk)
    preview = _preview(version, chapter, text)
    context = version_page(version, role, "chapters") | {
        "chapter": chapter,
        "text": text,
        "seen": _seen(chapter.text),
        "editable": editable,
        "preview": mark_safe(preview.html),  # autoescaped by our Jinja template
        "problems": preview.problems,
        "notes": preview.notes,
        "figures": _figures(version),
    }
    return render(request, "plans/chapter_edit.html", context)
