"""The chapter editor: preview with bound figures, save with history, problems not saved."""

from __future__ import annotations

import re

import pytest

from amp.web.plans.models import ChapterText, Jobcenter, PlanVersion, Role
from tests.support.web_fixtures import client_for, draft, jobcenter, make_user, published

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published"]  # fixtures


def chapter_url(version: PlanVersion, chapter: ChapterText) -> str:
    return f"/staende/{version.pk}/kapitel/{chapter.pk}/"


def test_the_list_and_the_preview_show_the_bound_figures(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    listing = client.get(f"/staende/{draft.pk}/kapitel/").content.decode()
    assert "5 Einsatz der arbeitsmarktlichen Instrumente" in listing
    chapter = draft.chapters.get(file="kapitel/05-instrumente.md")
    page = client.get(chapter_url(draft, chapter)).content.decode()
    assert "290</span> Arbeitsgelegenheiten" in page  # the preview prints the data
    assert "„knapp 285“ passt nicht zu den Daten" in page  # and says what changed
    assert "budget.line.agh_projekt.quantity" in page  # the Kennziffern to bind
    assert 'name="text"' in page


def test_saving_a_chapter_records_the_changed_lines(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    chapter = draft.chapters.get(file="kapitel/07-rehapro.md")
    page = client.get(chapter_url(draft, chapter)).content.decode()
    seen = page.split('name="seen" value="')[1].split('"')[0]
    text = chapter.text + "\nDazu kommen [rund 2 Mio. Euro]{funding.2024.pat} PAT.\n"
    preview = client.post(
        chapter_url(draft, chapter), {"text": text, "seen": seen, "action": "vorschau"}
    )
    words = re.sub(r"<[^>]+>", "", preview.content.decode())
    assert "Dazu kommen rund 2 Mio. Euro PAT." in words
    chapter.refresh_from_db()
    assert "Dazu kommen" not in chapter.text  # a preview saves nothing
    saved = client.post(
        chapter_url(draft, chapter), {"text": text, "seen": seen, "action": "speichern"}
    )
    assert saved.status_code == 302
    chapter.refresh_from_db()
    assert chapter.text == text
    entry = draft.audit.get(path="kapitel/07-rehapro.md")
    assert entry.new == "Dazu kommen [rund 2 Mio. Euro]{funding.2024.pat} PAT."
    history = client.get(f"/staende/{draft.pk}/verlauf/").content.decode()
    assert "Dazu kommen [rund 2 Mio. Euro]{funding.2024.pat} PAT." in history
    # saving again with the old state is refused: someone else changed it meanwhile
    again = client.post(
        chapter_url(draft, chapter),
        {"text": "# 7\n", "seen": seen, "action": "speichern"},
        follow=True,
    )
    assert "inzwischen von jemand anderem geändert" in again.content.decode()
    chapter.refresh_from_db()
    assert chapter.text == text


def test_a_text_with_problems_is_not_saved(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    chapter = draft.chapters.get(file="kapitel/07-rehapro.md")
    seen = client.get(chapter_url(draft, chapter)).content.decode()
    seen = seen.split('name="seen" value="')[1].split('"')[0]
    response = client.post(
        chapter_url(draft, chapter),
        {
            "text": "# 7\n\n[rund 2 Mio. Euro]{funding.2024.patt}\n",
            "seen": seen,
            "action": "speichern",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "kapitel/07-rehapro.md:3: unbekannte Kennziffer „funding.2024.patt“" in page
    chapter.refresh_from_db()
    assert "patt" not in chapter.text


def test_only_drafts_are_edited_and_only_by_planners(
    jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    chapter = published.chapters.get(file="kapitel/07-rehapro.md")
    planner = client_for(make_user("p", jobcenter, Role.PLANUNG))
    page = planner.get(chapter_url(published, chapter)).content.decode()
    assert 'name="text"' not in page  # a decided version is read-only
    refused = planner.post(chapter_url(published, chapter), {"text": "x", "action": "speichern"})
    assert refused.status_code == 403
    own = draft.chapters.get(file="kapitel/07-rehapro.md")
    beirat = client_for(make_user("b", jobcenter, Role.BEIRAT))
    assert beirat.get(chapter_url(draft, own)).status_code == 404
    leitung = client_for(make_user("l", jobcenter, Role.LEITUNG))
    assert leitung.post(chapter_url(draft, own), {"text": "x"}).status_code == 403


def test_the_comparison_of_two_versions_shows_the_changed_chapter_lines(
    jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    chapter = draft.chapters.get(file="kapitel/08-kommunal.md")
    chapter.text = chapter.text.replace("Suchtberatung", "Sucht- und Drogenberatung", 1)
    chapter.save()
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    page = client.get(
        f"/staende/{draft.pk}/vergleich/?alt={published.pk}&neu={draft.pk}"
    ).content.decode()
    assert "Kapiteltext" in page
    assert "kapitel/08-kommunal.md" in page
    assert "- die Suchtberatung" in page
    assert "- die Sucht- und Drogenberatung" in page
    assert "kapitel/07-rehapro.md" not in page  # unchanged chapters are not listed
