"""Error pages speak German, like every other screen."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from amp.example import DEMO_PLAN
from amp.web.plans import services
from amp.web.plans.models import Membership, Role

EXAMPLE = DEMO_PLAN
pytestmark = pytest.mark.django_db


def _client(role: str) -> tuple[Client, int]:
    published = services.import_plan(EXAMPLE)
    user = User.objects.create_user(username=role)
    Membership.objects.create(user=user, jobcenter=published.plan.jobcenter, role=role)
    client = Client()
    client.force_login(user)
    return client, published.pk


def test_not_found_is_german() -> None:
    client, pk = _client(Role.BEIRAT)
    for url in ("/gibt-es-nicht/", f"/staende/{pk + 100}/"):
        response = client.get(url)
        assert response.status_code == 404
        page = response.content.decode()
        assert '<html lang="de">' in page
        assert "Seite nicht gefunden" in page


def test_forbidden_names_the_reason() -> None:
    client, pk = _client(Role.BEIRAT)
    response = client.get(f"/staende/{pk}/kuerzung/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Nicht erlaubt" in page
    assert "Nur Planung und Leitung können Szenarien berechnen." in page  # the view says why


def test_form_without_csrf_token_gets_a_german_explanation() -> None:
    client, pk = _client(Role.PLANUNG)
    client.handler.enforce_csrf_checks = True
    response = client.post(f"/staende/{pk}/neuer-stand/")
    assert response.status_code == 403
    assert "Formular abgelaufen" in response.content.decode()


def test_server_error_page_is_german() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="de">' in page
    assert "Ein Fehler ist aufgetreten" in page
