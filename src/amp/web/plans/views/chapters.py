"""The chapters of a version: list, and the editor (Markdown, preview, Kennziffern to bind).

A chapter is saved only when every chapter of the version still reads (no unknown
Kennziffer, table or chart); the Verlauf records the changed lines, old → new. A version
that is no longer a draft shows its chapters read-only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from amp.web.plans import selectors, services
from amp.web.plans.forms.chapter import ChapterForm, seen_digest
from amp.web.plans.presenters.chapters import bindable_figures, chapter_rows, preview
from amp.web.plans.presenters.page import version_page


@login_required
def chapter_list(request: HttpRequest, pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    context = version_page(version, role, "chapters") | {
        "chapters": chapter_rows(selectors.chapters_of(version)),
        "can_edit": selectors.can_edit(role, version),
    }
    return render(request, "plans/chapters.html", context)


@login_required
def chapter_edit(request: HttpRequest, pk: int, chapter_pk: int) -> HttpResponse:
    version, role = selectors.version_for(request.user, pk)
    chapter = selectors.chapter_of(version, chapter_pk)
    editable = selectors.can_edit(role, version)
    text = chapter.text
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = ChapterForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            text = form.cleaned_data["text"]
            if form.cleaned_data["save"]:
                if not form.saw(chapter.text):
                    messages.error(
                        request,
                        "Das Kapitel wurde inzwischen von jemand anderem geändert; "
                        "bitte die aktuelle Fassung übernehmen und erneut ändern.",
                    )
                elif not preview(version, chapter, text).problems:
                    services.save_chapter(request.user, version, chapter, text)
                    messages.success(request, f"{chapter.file} gespeichert.")
                    return redirect("plans:chapter", pk=pk, chapter_pk=chapter.pk)
    shown = preview(version, chapter, text)
    context = version_page(version, role, "chapters") | {
        "chapter": chapter,
        "text": text,
        "seen": seen_digest(chapter.text),
        "editable": editable,
        "preview": mark_safe(shown.html),  # autoescaped by our Jinja template
        "problems": shown.problems,
        "notes": shown.notes,
        "figures": bindable_figures(version),
    }
    return render(request, "plans/chapter_edit.html", context)
