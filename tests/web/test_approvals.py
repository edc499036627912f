"""Approvals: the version approved last is in force, approving goes through a confirmation
page (open errors, unplanned money), setting aside the version in force is asked first,
and the Leitung may preview a scenario without saving it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from amp.core.budget import Column
from amp.core.edit import value_at
from amp.web.plans import approvals, services
from amp.web.plans.models import Jobcenter, PlanVersion, Role, Status
from tests.support.web_edits import store_value
from tests.support.web_fixtures import client_for, jobcenter, make_user, published

pytestmark = pytest.mark.django_db

__all__ = ["jobcenter", "published"]  # fixtures

CONFIRMED = {"bestaetigt": "1"}


@pytest.fixture
def leitung(jobcenter: Jobcenter) -> Client:
    return client_for(make_user("leitung", jobcenter, Role.LEITUNG))


def _url(version: PlanVersion, action: str = "") -> str:
    return f"/staende/{version.pk}/{action}"


def _status(version: PlanVersion) -> str:
    version.refresh_from_db()
    return version.status


def _in_force_on_versions_page(client: Client, version: PlanVersion) -> list[str]:
    page = client.get(_url(version, "versionen/")).content.decode()
    rows = page.split("<tr>")[2:]
    return [
        row.split("</th>")[0].rsplit(">", 2)[-2].split("<")[0] for row in rows if "(gilt)" in row
    ]


def test_approve_v3_then_the_older_draft_v2(leitung: Client, published: PlanVersion) -> None:
    v2 = services.branch(published.pk, None)
    v3 = services.branch(published.pk, None)
    leitung.post(_url(v3, "beschliessen/"), CONFIRMED)
    assert _status(v3) == Status.FORTGESCHRIEBEN
    assert approvals.in_force_of(published.plan_id) == v3
    # approving v2 now sets v3 aside: the page says so and asks
    page = leitung.get(_url(v2, "beschliessen/")).content.decode()
    assert "Version 3 gilt zur Zeit" in page
    assert 'name="ersetzen"' in page
    response = leitung.post(_url(v2, "beschliessen/"), CONFIRMED, follow=True)
    assert "Version 3 gilt zur Zeit und ist nicht die Grundlage dieses Entwurfs" in (
        response.content.decode()
    )
    assert _status(v2) == Status.ENTWURF
    # confirmed: v2 is approved last and therefore in force, not the higher number v3
    leitung.post(_url(v2, "beschliessen/"), {**CONFIRMED, "ersetzen": "1"})
    assert _status(v2) == Status.FORTGESCHRIEBEN
    assert approvals.in_force_of(published.plan_id) == v2
    assert _in_force_on_versions_page(leitung, v2) == ["Version 2"]


def test_approving_a_draft_whose_descendant_was_approved_asks_first(
    leitung: Client, published: PlanVersion
) -> None:
    v2 = services.branch(published.pk, None)
    v3 = services.branch(v2.pk, None)
    leitung.post(_url(v3, "beschliessen/"), CONFIRMED)
    assert _status(v3) == Status.FORTGESCHRIEBEN
    leitung.post(_url(v2, "beschliessen/"), CONFIRMED)
    assert _status(v2) == Status.ENTWURF
    assert "Version 3 gilt zur Zeit" in leitung.get(_url(v2, "beschliessen/")).content.decode()


def test_a_draft_that_continues_the_version_in_force_is_not_asked_about(
    leitung: Client, published: PlanVersion
) -> None:
    draft = services.branch(published.pk, None)
    page = leitung.get(_url(draft, "beschliessen/")).content.decode()
    assert "gilt zur Zeit" not in page
    assert 'name="ersetzen"' not in page
    leitung.post(_url(draft, "beschliessen/"), CONFIRMED)
    assert _status(draft) == Status.FORTGESCHRIEBEN
    assert _in_force_on_versions_page(leitung, draft) == ["Version 2"]


def test_one_click_no_longer_approves(leitung: Client, published: PlanVersion) -> None:
    draft = services.branch(published.pk, None)
    response = leitung.post(_url(draft, "beschliessen/"))
    assert response.status_code == 302
    assert response["Location"] == _url(draft, "beschliessen/")
    assert _status(draft) == Status.ENTWURF


def test_the_confirmation_lists_open_errors_and_the_unplanned_amount(
    leitung: Client, published: PlanVersion
) -> None:
    draft = services.branch(published.pk, None)
    path = services.amount_path(0, 1, Column.PLAN)
    before = value_at(draft.core_plan(), path)
    store_value(draft, path, before - Decimal("933708.70"))
    page = leitung.get(_url(draft, "beschliessen/")).content.decode()
    assert "<strong>933.708,70 €</strong> der Mittelausstattung sind noch nicht verplant" in page
    draft.refresh_from_db()
    errors = len(approvals.prepare(draft).errors)
    assert errors >= 8
    assert f"Offene Fehler ({errors})" in page
    assert "Die Summenzeile „Gesamtsummen“ ist nicht die Summe ihrer Gruppen" in page
    assert "Warnung" not in page  # only errors, the warnings stay on the overview
    assert _status(draft) == Status.ENTWURF  # looking approves nothing


def test_only_the_leitung_reaches_the_confirmation(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    draft = services.branch(published.pk, None)
    planner = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    assert planner.get(_url(draft, "beschliessen/")).status_code == 403
    assert planner.post(_url(draft, "beschliessen/"), CONFIRMED).status_code == 403
    assert _status(draft) == Status.ENTWURF


def test_leitung_previews_a_scenario_without_saving(
    leitung: Client, published: PlanVersion
) -> None:
    draft = services.branch(published.pk, None)
    overview = leitung.get(_url(draft)).content.decode()
    assert _url(draft, "szenario/") in overview  # the tab is there for the Leitung
    query = {"aenderung": "5", "einheit": "prozent", "richtung": "kuerzung"}
    page = leitung.get(_url(draft, "szenario/"), query).content.decode()
    assert "Vorschau: " in page
    assert "Als neuen Entwurf speichern" not in page
    assert "Nur eine Vorschau" in page
    count = PlanVersion.objects.count()
    assert leitung.post(_url(draft, "szenario/"), query).status_code == 403
    assert PlanVersion.objects.count() == count
