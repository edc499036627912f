"""Downloads (PDF, XLSX) and workbook imports with preview in the web app."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from amp.io.xlsx.importer import import_xlsx
from amp.web.plans import plan_edits, services
from amp.web.plans.models import AuditEntry, Jobcenter, Plan, PlanVersion, Role, Status
from amp.web.plans.views.imports import SESSION_KEY
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

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _url(version: PlanVersion, rest: str = "") -> str:
    return f"/staende/{version.pk}/{rest}"


def _workbook(client: Client, version: PlanVersion, changes: dict[str, dict[str, Any]]) -> bytes:
    """The version's workbook as downloaded, with cells changed as a planner would in Excel."""
    response = client.get(_url(version, "arbeitsmappe.xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    for sheet, cells in changes.items():
        for cell, value in cells.items():
            book[sheet][cell] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(content: bytes, name: str = "plan-2024.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def _counts() -> tuple[int, int, int]:
    return Plan.objects.count(), PlanVersion.objects.count(), AuditEntry.objects.count()


# ---------------------------------------------------------------- downloads


def test_pdf_download_is_the_report(jobcenter: Jobcenter, published: PlanVersion) -> None:
    client = client_for(make_user("b", jobcenter, Role.BEIRAT))
    response = client.get(_url(published, "bericht.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Arbeitsmarktprogramm-2024-EN-V1.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata is not None
    assert reader.metadata.title == "Arbeitsmarktprogramm 2024 — Tabellen und Übersichten"
    assert "Jobcenter EN" in reader.pages[0].extract_text()


def test_xlsx_download_reimports_losslessly(
    jobcenter: Jobcenter, draft: PlanVersion, tmp_path: Path
) -> None:
    client = client_for(make_user("l", jobcenter, Role.LEITUNG))
    response = client.get(_url(draft, "arbeitsmappe.xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="Arbeitsmarktprogramm-2024-EN-V2.xlsx"' in response["Content-Disposition"]
    target = tmp_path / "download.xlsx"
    target.write_bytes(response.content)
    result = import_xlsx(target)
    assert result.plan == draft.core_plan()
    assert result.notes == []


def test_downloads_need_the_right_to_see_the_version(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    for rest in ("bericht.pdf", "arbeitsmappe.xlsx"):
        anonymous = Client().get(_url(draft, rest))
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith("/anmelden/")
    beirat = client_for(make_user("b", jobcenter, Role.BEIRAT))
    stranger = client_for(make_user("x", other_jobcenter(), Role.ADMIN))
    for client in (beirat, stranger):
        assert client.get(_url(draft, "arbeitsmappe.xlsx")).status_code == 404
        assert client.get(_url(draft, "bericht.pdf")).status_code == 404


# ---------------------------------------------------------------- import as a new version


def test_import_preview_writes_nothing_until_confirmed(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    content = _workbook(client, draft, {"Finanzplanung": {"I5": 31234.56}})
    before = _counts()
    response = client.post(_url(draft, "import/"), {"arbeitsmappe": _upload(content)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Noch ist nichts gespeichert" in page
    assert "1 Änderung" in page
    assert (
        "Finanzplanung › Aktivierung, Qualifizierung und berufliche Eingliederung › "
        "Vermittlungsgutschein (§ 45 SGB III) › Planung" in page
    )
    assert "30.000,00 €" in page
    assert "31.234,56 €" in page
    assert "+1.234,56 €" in page
    assert "Befunde des importierten Plans" in page
    # the table of changes is named by its heading, for screen readers and the browser tests
    assert '<h4 id="import-aenderungen">1 Änderung</h4>' in page
    assert '<table aria-labelledby="import-aenderungen">' in page
    assert _counts() == before
    token = client.session[SESSION_KEY]["token"]

    response = client.post(_url(draft, "import/uebernehmen/"), {"token": token}, follow=True)
    assert response.status_code == 200
    created = PlanVersion.objects.get(plan=draft.plan, number=3)
    assert created.status == Status.ENTWURF
    assert created.parent == draft
    amounts = created.core_plan().budget.groups[0].lines[0].amounts
    assert amounts.plan == Decimal("31234.56")
    assert "als neuer Entwurf (Version 3) übernommen" in response.content.decode()
    assert AuditEntry.objects.filter(version=created, label="Import").exists()
    draft.refresh_from_db()
    assert draft.core_plan().budget.groups[0].lines[0].amounts.plan == Decimal("30000.00")
    # the preview is used up: confirming again creates nothing
    again = client.post(_url(draft, "import/uebernehmen/"), {"token": token}, follow=True)
    assert "Diese Vorschau gibt es nicht mehr" in again.content.decode()
    assert PlanVersion.objects.filter(plan=draft.plan).count() == 3


def test_import_of_a_published_version_makes_a_draft(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    content = _workbook(client, published, {})
    page = client.post(_url(published, "import/"), {"arbeitsmappe": _upload(content)})
    assert "Keine Änderungen" in page.content.decode()
    token = client.session[SESSION_KEY]["token"]
    client.post(_url(published, "import/uebernehmen/"), {"token": token})
    created = PlanVersion.objects.get(plan=published.plan, number=2)
    assert created.status == Status.ENTWURF
    assert created.core_plan().budget == published.core_plan().budget


def test_import_errors_name_sheet_and_cell(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    content = _workbook(client, draft, {"Finanzplanung": {"I5": "viel", "F6": "1.234,56"}})
    before = _counts()
    response = client.post(_url(draft, "import/"), {"arbeitsmappe": _upload(content)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "kann nicht übernommen werden (2 Probleme); nichts wurde gespeichert" in page
    assert "Finanzplanung!I5: Text statt Zahl (&#x27;viel&#x27;)" in page
    assert "Finanzplanung!F6: Text statt Zahl" in page
    assert _counts() == before
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.xls", b"PK\x03\x04", "plan.xls: keine Excel-Arbeitsmappe (.xlsx)."),
        ("plan.xlsx", b"<html>nein</html>", "plan.xlsx: keine gültige Excel-Arbeitsmappe"),
        ("plan.xlsx", b"PK\x03\x04kaputt", "plan.xlsx: keine lesbare Excel-Datei (.xlsx)"),
        ("gross.xlsx", b"PK\x03\x04" + bytes(10 * 1024 * 1024), "Die Datei ist größer als 10 MB."),
    ],
)
def test_files_that_are_not_workbooks_are_refused(
    jobcenter: Jobcenter, draft: PlanVersion, name: str, content: bytes, message: str
) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    before = _counts()
    response = client.post(_url(draft, "import/"), {"arbeitsmappe": _upload(content, name)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _counts() == before


def test_a_workbook_of_another_jobcenter_is_refused(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    content = _workbook(client, draft, {"Stammdaten": {"B4": "jc-x"}})
    response = client.post(_url(draft, "import/"), {"arbeitsmappe": _upload(content)})
    assert response.status_code == 400
    assert "Kennung „jc-x“" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_import_permissions(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    planner = client_for(make_user("p", jobcenter, Role.PLANUNG))
    content = _workbook(planner, draft, {})
    leitung = client_for(make_user("l", jobcenter, Role.LEITUNG))
    assert leitung.get(_url(draft, "import/")).status_code == 403
    assert (
        leitung.post(_url(draft, "import/"), {"arbeitsmappe": _upload(content)}).status_code == 403
    )
    stranger = client_for(make_user("x", other_jobcenter(), Role.ADMIN))
    assert (
        stranger.post(_url(draft, "import/"), {"arbeitsmappe": _upload(content)}).status_code == 404
    )
    strict = client_for(make_user("p2", jobcenter, Role.PLANUNG), enforce_csrf=True)
    assert (
        strict.post(_url(draft, "import/"), {"arbeitsmappe": _upload(content)}).status_code == 403
    )
    # a token from one session does not confirm in another
    planner.post(_url(draft, "import/"), {"arbeitsmappe": _upload(content)})
    token = planner.session[SESSION_KEY]["token"]
    other = client_for(make_user("p3", jobcenter, Role.PLANUNG))
    other.post(_url(draft, "import/uebernehmen/"), {"token": token})
    assert PlanVersion.objects.filter(plan=draft.plan).count() == 2
    assert Client().post(_url(draft, "import/uebernehmen/"), {"token": token}).status_code == 302


# ---------------------------------------------------------------- import as a new plan


def test_import_as_a_new_plan(jobcenter: Jobcenter, published: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    assert "Plan importieren" in client.get("/").content.decode()
    content = _workbook(client, published, {"Stammdaten": {"B8": 2025}})
    before = _counts()
    data = {"jobcenter": str(jobcenter.pk), "arbeitsmappe": _upload(content)}
    response = client.post("/import/", data)
    assert response.status_code == 200
    assert "Noch ist nichts gespeichert" in response.content.decode()
    assert _counts() == before
    token = client.session[SESSION_KEY]["token"]
    confirm = {"jobcenter": str(jobcenter.pk), "token": token}
    response = client.post("/import/uebernehmen/", confirm, follow=True)
    plan = Plan.objects.get(jobcenter=jobcenter, year=2025)
    version = plan.versions.get()
    assert version.number == 1
    assert version.status == Status.ENTWURF
    assert "als neuer Plan 2025" in response.content.decode()
    # the same year again is refused, pointing to the import as a new version
    data = {"jobcenter": str(jobcenter.pk), "arbeitsmappe": _upload(content)}
    again = client.post("/import/", data)
    assert again.status_code == 400
    assert "Für 2025 gibt es schon einen Plan" in again.content.decode()
    # a preview that went stale (the plan was created meanwhile) is refused when confirmed
    with pytest.raises(services.EditError, match="Für 2025 gibt es schon einen Plan"):
        plan_edits.import_as_plan(jobcenter.pk, None, version.document, "plan-2024.xlsx")
    assert Plan.objects.filter(jobcenter=jobcenter, year=2025).count() == 1


def test_new_plan_import_only_into_own_jobcenters(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    planner = client_for(make_user("p", jobcenter, Role.PLANUNG))
    content = _workbook(planner, published, {"Stammdaten": {"B8": 2025}})
    other = other_jobcenter()
    data = {"jobcenter": str(other.pk), "arbeitsmappe": _upload(content)}
    response = planner.post("/import/", data)
    assert response.status_code == 400
    assert "Bitte ein Jobcenter auswählen." in response.content.decode()
    assert (
        planner.post("/import/uebernehmen/", {"jobcenter": other.pk, "token": "x"}).status_code
        == 404
    )
    beirat = client_for(make_user("b", jobcenter, Role.BEIRAT))
    assert beirat.get("/import/").status_code == 403
    # a workbook whose Jobcenter-Kennung is not the chosen Jobcenter's: refused in the preview
    foreign = client_for(make_user("xa", other, Role.ADMIN))
    data = {"jobcenter": str(other.pk), "arbeitsmappe": _upload(content)}
    response = foreign.post("/import/", data)
    assert response.status_code == 400
    assert "gehört zum Jobcenter mit der Kennung „jc-en“" in response.content.decode()
    assert SESSION_KEY not in foreign.session
    assert not Plan.objects.filter(jobcenter=other).exists()
