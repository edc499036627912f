"""The web app through Django's test client: access, roles, escaping, edits, versions."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from amp.core.edit import value_at
from amp.web import demo
from amp.web.plans import plan_edits, services
from amp.web.plans.models import AuditEntry, Jobcenter, Membership, PlanVersion, Role, Status
from tests.support.web_fixtures import EXAMPLE, draft, jobcenter, published, race, slowed
from tests.support.web_fixtures import client_for as _client
from tests.support.web_fixtures import make_user as _user

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published"]  # fixtures

PATH = services.amount_path(0, 1, services.Column.PLAN)


def _url(version: PlanVersion, action: str = "") -> str:
    return f"/staende/{version.pk}/{action}"


def _edit(client: Client, version: PlanVersion, seen: str, value: str) -> Any:
    data = {"gruppe": "0", "zeile": "1", "gesehen": seen, "betrag": value}
    return client.post(_url(version, "betrag/"), data, follow=True)


def _current(version: PlanVersion) -> Any:
    version.refresh_from_db()
    return value_at(version.core_plan(), PATH)


def test_import_is_lossless(published: PlanVersion) -> None:
    from amp.io.plan_dir import load_plan

    assert services.export_plan(published) == load_plan(EXAMPLE).plan
    assert published.status == Status.BESCHLOSSEN
    assert published.plan.jobcenter.name == "Jobcenter EN"


def test_anonymous_is_sent_to_login(published: PlanVersion) -> None:
    for url in ("/", _url(published)):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/anmelden/")


def test_login_page_is_german_with_csp() -> None:
    response = Client().get("/anmelden/")
    assert response.status_code == 200
    assert '<html lang="de">' in response.content.decode()
    assert "Passwort" in response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_overview_shows_tables_and_findings(jobcenter: Jobcenter, published: PlanVersion) -> None:
    client = _client(_user("p", jobcenter, Role.PLANUNG))
    page = client.get(_url(published)).content.decode()
    assert "Jobcenter EN – Arbeitsmarktprogramm 2024" in page
    assert "Offene Befunde (19)" in page
    assert "€" in page
    tables = client.get(_url(published, "tabellen/")).content.decode()
    assert "gedruckt:" in tables  # printed values that differ from the computed ones
    listing = client.get("/").content.decode()
    assert f'href="/staende/{published.pk}/"' in listing


def test_other_jobcenter_gets_404(published: PlanVersion) -> None:
    other = Jobcenter.objects.create(code="jc-x", name="Jobcenter X", kind="gE")
    client = _client(_user("fremd", other, Role.ADMIN))
    assert client.get(_url(published)).status_code == 404
    assert f"/staende/{published.pk}/" not in client.get("/").content.decode()
    assert _edit(client, published, "", "1").status_code == 404


def test_beirat_sees_only_published_versions(
    jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    client = _client(_user("b", jobcenter, Role.BEIRAT))
    assert client.get(_url(published)).status_code == 200
    assert client.get(_url(draft)).status_code == 404
    assert f'href="/staende/{draft.pk}/"' not in client.get(_url(published)).content.decode()
    listing = client.get("/").content.decode()
    assert f"/staende/{published.pk}/" in listing
    assert f"/staende/{draft.pk}/" not in listing


@pytest.mark.parametrize("role", [Role.INTEGRATION, Role.FALLMANAGEMENT])
def test_caseworkers_read_published_versions_only(
    role: Role, jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    client = _client(_user("ifk", jobcenter, role))
    assert client.get(_url(published)).status_code == 200
    assert client.get(_url(draft)).status_code == 404
    assert _edit(client, published, "", "1").status_code in (403, 404)


def test_names_are_escaped(jobcenter: Jobcenter, published: PlanVersion) -> None:
    jobcenter.name = "<script>alert(1)</script>"
    jobcenter.save()
    core = published.core_plan()
    evil = dataclasses.replace(core.jobcenter, name="<script>alert(2)</script>")
    published.document = services.plan_to_document(dataclasses.replace(core, jobcenter=evil))
    published.save()
    client = _client(_user("p", jobcenter, Role.PLANUNG))
    for url in ("/", _url(published)):
        page = client.get(url).content.decode()
        assert "<script>" not in page
        assert "&lt;script&gt;" in page


def test_planner_edits_an_amount_with_german_input(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    user = _user("p", jobcenter, Role.PLANUNG)
    seen = str(_current(draft))
    response = _edit(_client(user), draft, seen, "1.234,50")
    assert "gespeichert: 1.234,50 €" in response.content.decode()
    assert _current(draft) == Decimal("1234.50")
    entry = AuditEntry.objects.get(version=draft, path="budget.groups[0].lines[1].amounts.plan")
    assert (entry.user, entry.old, entry.new) == (user, seen, "1234.50")


def test_stale_edit_is_a_conflict_showing_the_other_value(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    seen = str(_current(draft))
    first, second = (
        _client(_user("p1", jobcenter, Role.PLANUNG)),
        _client(_user("p2", jobcenter, Role.PLANUNG)),
    )
    _edit(first, draft, seen, "100")
    page = _edit(second, draft, seen, "200").content.decode()
    assert "Konflikt" in page
    assert 'class="message error" role="alert"' in page
    assert "100,00 €" in page
    assert _current(draft) == Decimal("100.00")
    assert AuditEntry.objects.filter(version=draft, path__startswith="budget").count() == 1


def test_bad_amount_names_the_field_and_writes_nothing(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    before = _current(draft)
    client = _client(_user("p", jobcenter, Role.PLANUNG))
    page = _edit(client, draft, str(before), "12,3,4").content.decode()
    assert "Betrag „" in page
    assert "Nichts wurde gespeichert" in page
    assert _current(draft) == before


def test_beirat_and_published_versions_cannot_be_edited(
    jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    beirat = _client(_user("b", jobcenter, Role.BEIRAT))
    assert _edit(beirat, published, "", "1").status_code == 403
    planner = _client(_user("p", jobcenter, Role.PLANUNG))
    assert _edit(planner, published, "", "1").status_code == 403
    leitung = _client(_user("l", jobcenter, Role.LEITUNG))
    assert _edit(leitung, draft, "", "1").status_code == 403


def test_post_without_csrf_token_is_refused(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = _client(_user("p", jobcenter, Role.PLANUNG), enforce_csrf=True)
    before = _current(draft)
    assert _edit(client, draft, str(before), "1").status_code == 403
    assert _current(draft) == before


def test_leitung_approves_a_draft_and_the_diff_lists_the_change(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    planner = _client(_user("p", jobcenter, Role.PLANUNG))
    old = _current(draft)
    _edit(planner, draft, str(old), "7,00")
    assert planner.post(_url(draft, "beschliessen/"), {"bestaetigt": "1"}).status_code == 403
    leitung = _client(_user("l", jobcenter, Role.LEITUNG))
    leitung.post(_url(draft, "beschliessen/"), {"bestaetigt": "1"})
    draft.refresh_from_db()
    assert draft.status == Status.FORTGESCHRIEBEN  # an update of an approved plan
    assert draft.core_plan().status.value == Status.FORTGESCHRIEBEN
    page = leitung.get(_url(draft, "vergleich/")).content.decode()
    assert "Vergleich: Version 1 → Version 2" in page
    assert (
        "Finanzplanung › Aktivierung, Qualifizierung und berufliche Eingliederung › "
        "FbW - Umschulung (§ 81ff SGB III) › Planung" in page
    )
    assert "7,00 €" in page
    versions = leitung.get(_url(draft, "versionen/")).content.decode()
    assert f'href="/staende/{draft.parent_id}/"' in versions  # the version navigation


def test_planner_creates_a_new_draft_as_a_copy(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _client(_user("p", jobcenter, Role.PLANUNG))
    response = client.post(_url(published, "neuer-stand/"))
    created = PlanVersion.objects.get(parent=published)
    assert response["Location"] == _url(created)
    assert created.status == Status.ENTWURF
    assert created.number == 2
    assert dataclasses.replace(created.core_plan(), status=published.core_plan().status) == (
        published.core_plan()
    )


def test_demo_setup_creates_users_and_the_example(settings: Any) -> None:
    settings.DEMO = True
    demo.prepare(EXAMPLE)
    client = Client()
    assert client.post("/anmelden/", {"username": "planung", "password": "demo"}).status_code == 302
    listing = client.get("/").content.decode()
    assert "Jobcenter EN" in listing
    assert PlanVersion.objects.filter(status=Status.ENTWURF).count() == 1
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {
        "admin": "admin",
        "planung": "planung",
        "leitung": "leitung",
        "beirat": "beirat",
        "integration": "integration",
        "fallmanagement": "fallmanagement",
    }
    assert "planung / demo" in demo.banner(8000)
    applicant = demo.applicant_link()
    assert applicant.startswith("/fallclearing/")
    assert client.get(applicant).status_code == 200
    assert f"http://127.0.0.1:8000{applicant}" in demo.banner(8000, applicant)


def test_demo_users_are_refused_outside_demo_mode(settings: Any) -> None:
    settings.DEMO = False
    with pytest.raises(RuntimeError, match="Demo-Modus"):
        demo.prepare(EXAMPLE)
    assert not User.objects.exists()


def test_runs_on_the_requested_backend() -> None:
    import os

    from django.db import connection

    expected = os.environ.get("AMP_TEST_BACKEND", "sqlite")
    assert connection.vendor == expected


def test_import_and_export_commands_round_trip(tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    from amp.io.plan_dir import load_plan

    out = StringIO()
    call_command("plan_import", str(EXAMPLE), stdout=out)
    assert "Jobcenter EN 2024, Version 1 (Beschlossen)" in out.getvalue()
    version = PlanVersion.objects.get()
    call_command("plan_export", str(version.pk), str(tmp_path / "out"), stdout=out)
    assert load_plan(tmp_path / "out").plan == load_plan(EXAMPLE).plan
    with pytest.raises(CommandError, match="nicht gelesen"):
        call_command("plan_import", str(tmp_path / "missing"))
    assert PlanVersion.objects.count() == 1


def test_grant_role_command(published: PlanVersion) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    User.objects.create_user(username="neu")
    out = StringIO()
    call_command("grant_role", "neu", "jc-en", "beirat", stdout=out)
    assert "Beirat" in out.getvalue()
    call_command("grant_role", "neu", "jc-en", "planung", stdout=out)
    assert Membership.objects.get(user__username="neu").role == "planung"
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("grant_role", "neu", "jc-none", "planung")


def test_api_reads_with_a_token_and_respects_jobcenters(
    jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    from amp.web.plans.api import create_token

    client = Client()
    assert client.get("/api/staende").status_code == 401
    assert client.get("/api/staende", HTTP_AUTHORIZATION="Bearer falsch").status_code == 401
    beirat = create_token(_user("b", jobcenter, Role.BEIRAT))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {beirat}"}
    listed = client.get("/api/staende", **auth).json()
    assert [v["id"] for v in listed] == [published.pk]
    assert client.get(f"/api/staende/{draft.pk}", **auth).status_code == 404
    document = client.get(f"/api/staende/{published.pk}/plan", **auth).json()
    assert document["budget"]["groups"][0]["lines"][1]["amounts"]["commitments"] == "473344.31"
    findings = client.get(f"/api/staende/{published.pk}/befunde", **auth).json()
    assert len(findings) == 19
    total_row = next(f for f in findings if f["row"] == "Gesamtsummen" and f["consequence_of"])
    assert total_row["note"].startswith("Folgefehler von: Finanzplanung Eingliederungsmittel › ")
    assert {f["severity"] for f in findings} >= {"Fehler"}
    other = Jobcenter.objects.create(code="jc-x", name="X", kind="gE")
    stranger = {"HTTP_AUTHORIZATION": f"Bearer {create_token(_user('x', other, Role.ADMIN))}"}
    assert client.get("/api/staende", **stranger).json() == []
    assert client.get(f"/api/staende/{published.pk}/plan", **stranger).status_code == 404


def test_openapi_schema_is_served_and_docs_use_local_assets() -> None:
    schema = Client().get("/api/openapi.json").json()
    assert "/api/staende/{version_id}/befunde" in schema["paths"]
    page = Client().get("/api/docs").content.decode()
    assert "cdn" not in page.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in page


def test_pages_load_only_local_assets(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = _client(_user("p", jobcenter, Role.PLANUNG))
    page = client.get(_url(draft, "budget/")).content.decode()
    assert 'src="/static/amp/vendor/htmx-2.0.11.min.js"' in page
    assert 'hx-post="/staende/' in page
    assert "http://" not in page
    assert "https://" not in page
    from django.contrib.staticfiles import finders

    assert 'src="/static/amp/amp.js"' in page
    for asset in ("amp/amp.css", "amp/amp.js", "amp/vendor/htmx-2.0.11.min.js"):
        assert finders.find(asset), asset


def test_login_is_locked_after_five_failures(published: PlanVersion) -> None:
    User.objects.create_user(username="p", password="ein-langes-Passwort-2024")
    client = Client()
    for _ in range(5):
        response = client.post("/anmelden/", {"username": "p", "password": "falsch"})
        assert response.status_code in {200, 429}
    response = client.post("/anmelden/", {"username": "p", "password": "ein-langes-Passwort-2024"})
    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_password_gets_a_german_message() -> None:
    User.objects.create_user(username="p", password="ein-langes-Passwort-2024")
    page = Client().post("/anmelden/", {"username": "p", "password": "falsch"}).content.decode()
    assert "Benutzername oder Passwort ist falsch" in page


def test_security_settings_outside_demo_mode() -> None:
    from django.conf import settings
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    assert not settings.DEMO
    assert settings.SESSION_COOKIE_SECURE
    assert settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert not settings.DEBUG
    with pytest.raises(ValidationError):
        validate_password("demo")


@pytest.mark.django_db(transaction=True)
def test_simultaneous_edits_of_one_cell_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two planners save the same cell at once: one wins, the other gets the conflict.

    Writing is slowed down so that both read before either writes; only the row lock keeps
    the second from overwriting the first. SQLite cannot lock rows: PostgreSQL only.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Zeilensperren (select_for_update) gibt es nur auf PostgreSQL")
    version = services.branch(services.import_plan(EXAMPLE).pk, None)
    seen = _current(version)
    slowed(plan_edits, "plan_to_document", monkeypatch)

    def save(value: str) -> None:
        plan_edits.set_value(version.pk, None, PATH, seen, Decimal(value))

    assert race(save, ("1", "2"), plan_edits.EditConflicts) == ["conflict", "saved"]
    assert AuditEntry.objects.filter(version=version, path__startswith="budget").count() == 1


def test_cut_scenario_preview_and_save(jobcenter: Jobcenter, published: PlanVersion) -> None:
    planner = _client(_user("p", jobcenter, Role.PLANUNG))
    url = _url(published, "kuerzung/")
    page = planner.get(url, {"prozent": "10"}).content.decode()
    assert "Vorschau: Kürzung um 10,00 %" in page
    assert "Als neuen Entwurf speichern" in page
    assert PlanVersion.objects.count() == 1  # a preview writes nothing
    bad = planner.get(url, {"prozent": "150"})
    assert bad.status_code == 400
    assert "Änderung: eine Kürzung kann höchstens 100 % betragen" in bad.content.decode()
    response = planner.post(url, {"prozent": "10"})
    created = PlanVersion.objects.get(parent=published)
    assert response["Location"] == _url(created)
    assert created.status == Status.ENTWURF
    assert "Kürzung um 10,00 %" in created.label
    before = published.core_plan().budget.computed_total().plan
    after = created.core_plan().budget.computed_total().plan
    assert before is not None
    assert after is not None
    assert after < before
    assert AuditEntry.objects.filter(version=created, path__startswith="budget.").count() > 5
    assert published.core_plan() == services.export_plan(PlanVersion.objects.get(pk=published.pk))


def test_cut_scenario_is_saved_by_planning_only(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    for role in (Role.BEIRAT, Role.LEITUNG):
        client = _client(_user(f"u-{role}", jobcenter, role))
        preview = 200 if role == Role.LEITUNG else 403  # the Leitung may look, not save
        assert client.get(_url(published, "kuerzung/"), {"prozent": "5"}).status_code == preview
        assert client.post(_url(published, "kuerzung/"), {"prozent": "5"}).status_code == 403
    assert PlanVersion.objects.count() == 1


def test_migrations_match_the_models() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 if missing
    assert "No changes detected" in out.getvalue()
