"""No cache keeps plan data; the login throttle counts real clients behind a trusted proxy;
uploads leave nothing behind."""

from __future__ import annotations

import os
import time
from ipaddress import ip_network
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from amp.web.plans.models import Membership, PlanVersion, Role
from amp.web.security import remove_stale_uploads
from tests.support.web_fixtures import client_for, draft, jobcenter, published

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published"]  # fixtures

PASSWORD = "ein-langes-Passwort-2024"
PROXY = "10.0.0.2"


def test_signed_in_pages_api_and_downloads_are_not_stored(published: PlanVersion) -> None:
    user = User.objects.create_user(username="leitung")
    Membership.objects.create(user=user, jobcenter=published.plan.jobcenter, role=Role.LEITUNG)
    client = client_for(user)
    for url in (
        "/",
        f"/staende/{published.pk}/",
        f"/staende/{published.pk}/budget/",
        f"/api/staende/{published.pk}/befunde",
        f"/staende/{published.pk}/arbeitsmappe.xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_the_api_is_not_stored_even_when_it_refuses() -> None:
    response = Client().get("/api/staende/1/befunde")
    assert response.status_code in {401, 403}
    assert response["Cache-Control"] == "private, no-store"


def _login(client: Client, address: str, password: str) -> int:
    data = {"username": "leitung", "password": password}
    response = client.post("/anmelden/", data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    return response.status_code


def test_behind_a_trusted_proxy_a_guesser_locks_out_only_itself(settings: Any) -> None:
    settings.AMP_TRUSTED_PROXIES = (ip_network("10.0.0.0/24"),)
    User.objects.create_user(username="leitung", password=PASSWORD)
    attacker, colleague = Client(), Client()
    for _ in range(5):
        _login(attacker, "203.0.113.9", "falsch")
    assert _login(attacker, "203.0.113.9", PASSWORD) == 429  # the guesser is locked
    # the same user from another client behind the same proxy signs in
    assert _login(colleague, "198.51.100.7", PASSWORD) == 302
    assert "_auth_user_id" in colleague.session


def test_a_forged_forwarded_header_does_not_dodge_the_lock(settings: Any) -> None:
    """The client's own X-Forwarded-For entries stand left of what the proxy appends."""
    settings.AMP_TRUSTED_PROXIES = (ip_network("10.0.0.0/24"),)
    User.objects.create_user(username="leitung", password=PASSWORD)
    attacker = Client()
    for n in range(5):
        _login(attacker, f"192.0.2.{n}, 203.0.113.9", "falsch")
    assert _login(attacker, "192.0.2.77, 203.0.113.9", PASSWORD) == 429


def test_without_a_trusted_proxy_the_header_is_ignored() -> None:
    User.objects.create_user(username="leitung", password=PASSWORD)
    attacker = Client()
    for n in range(5):
        attacker.post(
            "/anmelden/",
            {"username": "leitung", "password": "falsch"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = attacker.post(
        "/anmelden/",
        {"username": "leitung", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429


def test_stale_upload_folders_are_removed_fresh_ones_stay(tmp_path: Path) -> None:
    stale = tmp_path / "amp-import-alt"
    fresh = tmp_path / "amp-import-laeuft"
    other = tmp_path / "etwas-anderes"
    for folder in (stale, fresh, other):
        folder.mkdir()
        (folder / "arbeitsmappe.xlsx").write_bytes(b"PK")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stale, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))
    assert remove_stale_uploads(tmp_path) == [stale]
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()


def test_refusals_and_the_login_page_are_not_stored() -> None:
    User.objects.create_user(username="leitung", password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/anmelden/", {"username": "leitung", "password": PASSWORD})
    assert refused.status_code == 403  # no CSRF token
    assert refused["Cache-Control"] == "private, no-store"


def test_static_files_stay_cacheable() -> None:
    response = Client().get("/static/amp/amp.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
