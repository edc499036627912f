"""Report PDFs: rendered once per document and kept, one render for simultaneous requests,
a limit on simultaneous renders, and a "wird erstellt" page instead of an error."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from amp.core.budget import Column
from amp.core.edit import value_at
from amp.web.plans import report_files, services
from amp.web.plans.models import Jobcenter, PlanVersion, Role
from amp.web.plans.views import downloads
from tests.support.web_edits import store_value
from tests.support.web_fixtures import client_for, jobcenter, make_user, published

pytestmark = pytest.mark.django_db

__all__ = ["jobcenter", "published"]  # fixtures


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the renders; each takes a moment, as WeasyPrint does."""
    done: list[str] = []

    def fake_pdf(html: str) -> bytes:
        time.sleep(0.3)
        done.append(html)
        return b"%PDF-1.7 " + str(len(done)).encode()

    monkeypatch.setattr(downloads, "pdf_bytes", fake_pdf)
    return done


@pytest.fixture
def beirat(jobcenter: Jobcenter) -> Client:
    return client_for(make_user("beirat", jobcenter, Role.BEIRAT))


def test_a_report_is_rendered_once_and_kept(
    beirat: Client, published: PlanVersion, renders: list[str], data_dir: Path
) -> None:
    first = beirat.get(f"/staende/{published.pk}/bericht.pdf")
    second = beirat.get(f"/staende/{published.pk}/bericht.pdf")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content == b"%PDF-1.7 1"
    assert len(renders) == 1
    assert second["Cache-Control"] == "private, no-store"
    assert [p.name for p in (data_dir / "berichte").glob("*.pdf")] == [
        f"{report_files.report_key(published)}.pdf"
    ]


def test_a_changed_document_gets_its_own_report(published: PlanVersion) -> None:
    draft = services.branch(published.pk, None)
    path = services.amount_path(0, 1, Column.PLAN)
    before = report_files.report_key(draft)
    seen = value_at(draft.core_plan(), path)
    store_value(draft, path, seen + 1)
    draft.refresh_from_db()
    assert report_files.report_key(draft) != before


def test_simultaneous_requests_wait_for_one_render(published: PlanVersion) -> None:
    calls: list[int] = []

    def render() -> bytes:
        calls.append(1)
        time.sleep(0.5)
        return b"%PDF ein Bericht"

    results: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: results.append(report_files.report_pdf(published, render)))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1]
    assert results == [b"%PDF ein Bericht"] * 6


def test_at_most_the_allowed_number_of_renders_run_at_once(
    published: PlanVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_files, "RENDERS", 2)
    versions = [published, *(services.branch(published.pk, None) for _ in range(4))]
    for n, version in enumerate(versions):  # five different documents, five reports
        version.document = {**version.document, "label_for_test": n}
    running, peak = [0], [0]
    lock = threading.Lock()

    def render() -> bytes:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.4)
        with lock:
            running[0] -= 1
        return b"%PDF"

    threads = [threading.Thread(target=report_files.report_pdf, args=(v, render)) for v in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == 2
    assert len(list((report_files.directory()).glob("*.pdf"))) == 5


def test_a_request_that_waits_too_long_gets_a_german_page_not_an_error(
    beirat: Client,
    published: PlanVersion,
    renders: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(report_files, "RENDERS", 1)
    monkeypatch.setattr(report_files, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(report_files.report_pdf, "__defaults__", (0.3,))
    slot = report_files.directory() / ".slot-0.lock"
    with report_files._locked(slot, 0) as held:  # another render occupies the only slot
        assert held
        response = beirat.get(f"/staende/{published.pk}/bericht.pdf")
    assert response.status_code == 202
    page = response.content.decode()
    assert "Der Bericht wird erstellt" in page
    assert response["Refresh"] == "10"
    assert renders == []
    # once the slot is free, the next request gets the report
    assert beirat.get(f"/staende/{published.pk}/bericht.pdf").status_code == 200
