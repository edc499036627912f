"""A stored version that breaks amp's limits (written before the limits existed, or by hand)
still opens: every page shows an error finding at the offending line, and the draft can be
corrected on the budget screen."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from amp.core.edit import value_at
from amp.web.plans import services
from amp.web.plans.models import Jobcenter, PlanVersion, Role
from tests.support.web_fixtures import client_for, draft, jobcenter, make_user, published

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published"]  # fixtures

HUGE = "99999999999999999999999999.99"
PAGES = ("", "budget/", "tabellen/", "massnahmen/", "gutscheine/", "verlauf/", "versionen/")


def _break(version: PlanVersion) -> str:
    """Put an amount beyond the ceiling into line 1 of group 0; returns the line's name."""
    document = copy.deepcopy(version.document)
    line = document["budget"]["groups"][0]["lines"][1]
    line["amounts"]["plan"] = HUGE
    version.document = document
    version.save(update_fields=["document"])
    return str(line["name"])


def test_every_page_opens_and_names_the_line(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    name = _break(draft)
    for role in (Role.PLANUNG, Role.LEITUNG):
        client = client_for(make_user(f"u-{role}", jobcenter, role))
        for suffix in PAGES:
            response = client.get(f"/staende/{draft.pk}/{suffix}")
            assert response.status_code == 200, suffix
        page = client.get(f"/staende/{draft.pk}/").content.decode()
        assert "höchstens 12 Stellen vor dem Komma" in page
        assert name in page


def test_the_draft_can_be_corrected(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    _break(draft)
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    budget = client.get(f"/staende/{draft.pk}/budget/").content.decode()
    assert "höchstens 12 Stellen vor dem Komma" in budget
    data = {"gruppe": "0", "zeile": "1", "gesehen": "", "betrag": "1.000"}  # shown empty
    response = client.post(f"/staende/{draft.pk}/betrag/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    path = services.amount_path(0, 1, services.Column.PLAN)
    assert value_at(draft.core_plan(), path) == Decimal("1000.00")
    page = client.get(f"/staende/{draft.pk}/").content.decode()
    assert "höchstens 12 Stellen vor dem Komma" not in page


def test_a_new_draft_from_the_broken_one_can_be_made_and_the_published_stays(
    jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    _break(draft)
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    response = client.post(f"/staende/{published.pk}/neuer-stand/")
    assert response.status_code == 302
    assert client.get(f"/staende/{published.pk}/budget/").status_code == 200
