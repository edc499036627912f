"""The whole Arbeitsmarktprogramm as download: chapters imported with the plan, PDF/UA-1
and DOCX served from a cache keyed by the content, a changed amount in the next download."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from docx import Document as open_docx
from pypdf import PdfReader

from amp.example import DEMO_PLAN
from amp.web.plans import plan_edits, services
from amp.web.plans.models import ChapterText, Jobcenter, PlanVersion, Role
from amp.web.plans.views import document_download
from tests.support.web_fixtures import (
    client_for,
    draft,
    jobcenter,
    make_user,
    other_jobcenter,
    published,
)

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published"]  # fixtures

EXAMPLE = DEMO_PLAN


def url(version: PlanVersion, extension: str) -> str:
    return f"/staende/{version.pk}/arbeitsmarktprogramm.{extension}"


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the documents actually rendered (not served from the cache)."""
    monkeypatch.setattr(document_download, "_kept", type(document_download._kept)())
    calls: list[str] = []
    original = document_download.build_document

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append("render")
        return original(*args, **kwargs)

    monkeypatch.setattr(document_download, "build_document", counted)
    return calls


def test_chapters_come_with_the_import_and_go_with_a_copy(published: PlanVersion) -> None:
    files = list(published.chapters.values_list("file", flat=True))
    assert files[0] == "kapitel/01-bedingungen.md"
    assert len(files) == 9
    copy = services.branch(published.pk, None)
    assert [(c.file, c.text) for c in copy.chapters.all()] == [
        (c.file, c.text) for c in published.chapters.all()
    ]


def test_the_pdf_download_is_the_whole_programme_and_repeats_come_from_the_cache(
    jobcenter: Jobcenter, draft: PlanVersion, renders: list[str]
) -> None:
    client = client_for(make_user("l", jobcenter, Role.LEITUNG))
    first = client.get(url(draft, "pdf"))
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == (
        'attachment; filename="Arbeitsmarktprogramm-2024-EN-V2-gesamt.pdf"'
    )
    reader = PdfReader(io.BytesIO(first.content))
    assert reader.metadata is not None
    assert reader.metadata.title == "Arbeitsmarktprogramm 2024"
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"].startswith("de")
    assert "rund 130.000 € für den Bürgergeldbonus" in text_of(first.content)
    second = client.get(url(draft, "pdf"))
    assert second.content == first.content
    assert renders == ["render"]  # the second download came from the cache

    # the planner changes one amount; the next download shows it in prose and table
    core = draft.core_plan()
    group = next(
        i for i, g in enumerate(core.budget.groups) if g.id == "aktivierung_qualifizierung"
    )
    line = next(
        i for i, x in enumerate(core.budget.groups[group].lines) if x.id == "buergergeldbonus"
    )
    seen = core.budget.groups[group].lines[line].amounts.get(services.Column.PLAN)
    path = services.amount_path(group, line, services.Column.PLAN)
    plan_edits.set_value(draft.pk, None, path, seen, Decimal("226000"))
    third = client.get(url(draft, "pdf"))
    text = text_of(third.content)
    assert "rund 230.000 € für den Bürgergeldbonus" in text
    assert "226.000,00 €" in text
    assert renders == ["render", "render"]


def test_the_word_download_and_a_changed_chapter(
    jobcenter: Jobcenter, draft: PlanVersion, renders: list[str]
) -> None:
    client = client_for(make_user("l", jobcenter, Role.LEITUNG))
    response = client.get(url(draft, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    word = open_docx(io.BytesIO(response.content))
    assert "290 Arbeitsgelegenheiten" in "\n".join(p.text for p in word.paragraphs)
    chapter = draft.chapters.get(file="kapitel/07-rehapro.md")
    chapter.text += "\nEin neuer Satz zu [rund 2 Mio. Euro]{funding.2024.pat}.\n"
    chapter.save()
    again = open_docx(io.BytesIO(client.get(url(draft, "docx")).content))
    assert "Ein neuer Satz zu rund 2 Mio. Euro." in "\n".join(p.text for p in again.paragraphs)
    assert renders == ["render", "render"]


def test_a_broken_chapter_is_reported_not_served(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    ChapterText.objects.filter(version=draft, file="kapitel/07-rehapro.md").update(
        text="# 7\n\n[rund 2 Mio. Euro]{funding.2024.gibtsnicht}\n"
    )
    client = client_for(make_user("l", jobcenter, Role.LEITUNG))
    response = client.get(url(draft, "pdf"), follow=True)
    assert response.redirect_chain  # back to the version
    assert "kapitel/07-rehapro.md:3: unbekannte Kennziffer" in response.content.decode()


def test_the_downloads_need_the_right_to_see_the_version(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    anonymous = Client().get(url(draft, "pdf"))
    assert anonymous.status_code == 302
    stranger = client_for(make_user("x", other_jobcenter(), Role.ADMIN))
    assert stranger.get(url(draft, "pdf")).status_code == 404
    leitung = client_for(make_user("l", jobcenter, Role.LEITUNG))
    assert leitung.get(url(draft, "odt")).status_code == 404
