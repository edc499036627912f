"""Issue 12's cases of input beyond amp's limits, through the web app: refused with a German
message at the field, nothing written, every page still answering."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from amp.core.edit import value_at
from amp.web.plans import services
from amp.web.plans.models import AuditEntry, Jobcenter, PlanVersion, Role
from tests.support.web_fixtures import client_for, draft, jobcenter, make_user, published

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published"]  # fixtures

AMOUNT = services.amount_path(0, 1, services.Column.PLAN)
QUANTITY = services.quantity_path(0, 1)
PAGES = ("", "budget/", "tabellen/", "massnahmen/", "gutscheine/", "verlauf/", "versionen/")


def _planner(jobcenter: Jobcenter) -> Client:
    return client_for(make_user("p", jobcenter, Role.PLANUNG))


def _value(version: PlanVersion, path: Any) -> Any:
    version.refresh_from_db()
    return value_at(version.core_plan(), path)


def _amount(client: Client, version: PlanVersion, typed: str) -> Any:
    seen = _value(version, AMOUNT)
    data = {"gruppe": "0", "zeile": "1", "gesehen": str(seen), "betrag": typed}
    return client.post(f"/staende/{version.pk}/betrag/", data)


def _unchanged(version: PlanVersion, document: dict[str, Any]) -> None:
    version.refresh_from_db()
    assert version.document == document
    assert not AuditEntry.objects.filter(version=version, path__startswith="budget").exists()


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("99999999999999999999999999,99", "höchstens 12 Stellen vor dem Komma"),
        ("1" * 27, "höchstens 12 Stellen vor dem Komma"),
        ("1000000000000", "höchstens 12 Stellen vor dem Komma"),
        ("1²", "Ziffer ‚²‘ (hochgestellte Zwei) ist nicht erlaubt"),
        ("١٢٣", "Ziffer ‚١‘ (arabisch-indische Ziffer Eins) ist nicht erlaubt"),
        ("１２", "Ziffer ‚１‘ (breite Ziffer Eins) ist nicht erlaubt"),
        ("9" * 4000, "zu lang für eine Zahl (4000 Zeichen)"),
    ],
)
def test_amount_beyond_the_limits_is_refused_at_its_field(
    jobcenter: Jobcenter, draft: PlanVersion, typed: str, says: str
) -> None:
    client = _planner(jobcenter)
    document = dict(draft.document)
    response = _amount(client, draft, typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Betrag „" in page
    assert says in page
    assert "Nichts wurde gespeichert" in page
    _unchanged(draft, document)
    for suffix in PAGES:
        assert client.get(f"/staende/{draft.pk}/{suffix}").status_code == 200


def test_the_largest_amount_is_saved_and_every_page_still_answers(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    response = _amount(client, draft, "999.999.999.999,99")
    assert response.status_code == 302
    assert _value(draft, AMOUNT) == Decimal("999999999999.99")
    for suffix in PAGES:
        assert client.get(f"/staende/{draft.pk}/{suffix}").status_code == 200
    assert client.get(f"/api/staende/{draft.pk}/befunde").status_code in {200, 401}


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("9" * 4000, "zu lang für eine Zahl"),
        ("1" * 10, "höchstens 9 Stellen"),
        ("٣", "Ziffer ‚٣‘ (arabisch-indische Ziffer Drei) ist nicht erlaubt"),
        ("²", "Ziffer ‚²‘ (hochgestellte Zwei) ist nicht erlaubt"),
    ],
)
def test_quantity_beyond_the_limits_is_refused(
    jobcenter: Jobcenter, draft: PlanVersion, typed: str, says: str
) -> None:
    client = _planner(jobcenter)
    document = dict(draft.document)
    seen = _value(draft, QUANTITY)
    from amp.web.plans.presenters.budget_rows import quantity_token

    data = {"gruppe": "0", "zeile": "1", "gesehen": quantity_token(seen), "menge": typed}
    response = client.post(f"/staende/{draft.pk}/menge/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Menge „" in page
    assert says in page
    _unchanged(draft, document)


def test_voucher_cell_with_a_superscript_is_refused(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    url = f"/staende/{draft.pk}/gutscheine/bearbeiten/"
    page = client.get(url)
    form = _form_fields(page.content.decode())
    first = next(name for name in form if name.startswith("bgs-"))
    form[first] = "²"
    document = dict(draft.document)
    response = client.post(url, form)
    assert response.status_code == 400
    assert "Die Ziffer ‚²‘ (hochgestellte Zwei) ist nicht erlaubt" in response.content.decode()
    draft.refresh_from_db()
    assert draft.document == document


@pytest.mark.parametrize("typed", ["²", "١٠", "9" * 30])
def test_scenario_amount_beyond_the_limits_is_refused(
    jobcenter: Jobcenter, published: PlanVersion, typed: str
) -> None:
    client = _planner(jobcenter)
    url = f"/staende/{published.pk}/szenario/"
    data = {"aenderung": typed, "einheit": "eur", "richtung": "kuerzung"}
    assert client.get(url, data).status_code == 400
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Änderung" in response.content.decode()
    assert PlanVersion.objects.count() == 1


def test_seventh_chained_scenario_still_fits_the_label_column(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    version = published
    data = {"aenderung": "123.456,78", "einheit": "eur", "richtung": "kuerzung"}
    for _ in range(12):
        response = client.post(f"/staende/{version.pk}/szenario/", data)
        assert response.status_code == 302, response.content.decode()[-2000:]
        version = PlanVersion.objects.get(parent=version)
        assert len(version.label) <= 300
    assert version.label.endswith("Kürzung um 123.456,78 € (anteilig)")
    assert version.label.startswith(published.label[:20])


def test_long_user_name_at_login_is_a_german_message_not_a_server_error() -> None:
    client = Client()
    response = client.post("/anmelden/", {"username": "x" * 300, "password": "falsch"})
    assert response.status_code in {200, 403}
    assert "Benutzername: zu lang: höchstens 150 Zeichen" in response.content.decode()


def _form_fields(page: str) -> dict[str, str]:
    """Every named input of a page with its value (enough for the plain forms of amp)."""
    import re

    fields: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="submit"' not in tag:
            fields[name.group(1)] = _unescape(value.group(1)) if value else ""
    return fields


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_import_label_beyond_its_column_is_refused_in_the_preview(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    client = _planner(jobcenter)
    book = load_workbook(io.BytesIO(client.get(f"/staende/{draft.pk}/arbeitsmappe.xlsx").content))
    sheet = book["Stammdaten"]
    row = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "Bezeichnung des Stands")
    sheet.cell(row, 2).value = "L" * 301
    content = io.BytesIO()
    book.save(content)
    versions = PlanVersion.objects.count()
    upload = SimpleUploadedFile("plan.xlsx", content.getvalue())
    response = client.post(f"/staende/{draft.pk}/import/", {"arbeitsmappe": upload})
    assert response.status_code == 400
    assert f"Stammdaten!B{row}: zu lang: höchstens 300 Zeichen" in response.content.decode()
    assert PlanVersion.objects.count() == versions


def test_measure_name_beyond_its_column_is_refused(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    core = draft.core_plan()
    table = core.measure_tables[0]
    url = f"/staende/{draft.pk}/massnahmen/{table.id}/neue-massnahme/"
    form = _form_fields(client.get(url).content.decode())
    form.update({"name": "M" * 290, "legal_basis": "§ 45 SGB III"})
    document = dict(draft.document)
    response = client.post(url, form)
    assert response.status_code == 400
    assert "höchstens 200 Zeichen" in response.content.decode()
    draft.refresh_from_db()
    assert draft.document == document
