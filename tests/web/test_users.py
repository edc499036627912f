"""User administration in the web app: only a Jobcenter's Administration, only its members."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from amp.web.plans.models import AccountAuditEntry, Jobcenter, Membership, Role
from tests.support.web_fixtures import client_for, make_user, other_jobcenter

pytestmark = pytest.mark.django_db

STRONG = "Heizkörper-Ablesung-7"


@pytest.fixture
def jobcenter() -> Jobcenter:
    return Jobcenter.objects.create(code="jc-en", name="Jobcenter EN", kind="zkT")


@pytest.fixture
def admin(jobcenter: Jobcenter) -> User:
    return make_user("chefin", jobcenter, Role.ADMIN)


def _base(jobcenter: Jobcenter) -> str:
    return f"/verwaltung/{jobcenter.code}/benutzer/"


def _new_user(client: Client, jobcenter: Jobcenter, **changes: str) -> object:
    data = {
        "username": "neu",
        "first_name": "Nora",
        "last_name": "Neumann",
        "email": "nora@example.org",
        "role": Role.PLANUNG,
        "password1": STRONG,
        "password2": STRONG,
    } | changes
    return client.post(_base(jobcenter) + "neu/", data)


def test_anonymous_and_non_admins_are_kept_out(jobcenter: Jobcenter, admin: User) -> None:
    response = Client().get("/verwaltung/benutzer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")
    planner = client_for(make_user("p", jobcenter, Role.PLANUNG))
    assert planner.get("/verwaltung/benutzer/").status_code == 403
    assert planner.get(_base(jobcenter) + "neu/").status_code == 404
    assert _new_user(planner, jobcenter).status_code == 404
    assert "Benutzer</a>" not in planner.get("/").content.decode()
    assert not User.objects.filter(username="neu").exists()


def test_admin_lists_and_creates_users(jobcenter: Jobcenter, admin: User) -> None:
    client = client_for(admin)
    assert 'href="/verwaltung/benutzer/"' in client.get("/").content.decode()
    make_user("leitung", jobcenter, Role.LEITUNG)
    page = client.get("/verwaltung/benutzer/").content.decode()
    assert "Jobcenter EN" in page
    assert "leitung" in page
    assert "Leitung" in page
    response = _new_user(client, jobcenter)
    assert response.status_code == 302
    user = User.objects.get(username="neu")
    assert user.check_password(STRONG)
    assert Membership.objects.get(user=user, jobcenter=jobcenter).role == Role.PLANUNG
    entry = AccountAuditEntry.objects.get(subject=user)
    assert (entry.actor, entry.action, entry.new) == (admin, "Benutzer angelegt", "neu (Planung)")
    detail = client.get(response["Location"]).content.decode()
    assert "Nora Neumann" in detail
    assert "Benutzer angelegt" in detail


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kurz1", "Dieses Passwort ist zu kurz."),
        ("12345678901", "Dieses Passwort ist komplett numerisch."),
        ("password123", "Dieses Passwort ist zu üblich."),
        ("nora.neumann1", "Das Passwort ist zu ähnlich"),
    ],
)
def test_weak_passwords_are_refused(
    jobcenter: Jobcenter, admin: User, password: str, message: str
) -> None:
    client = client_for(admin)
    response = _new_user(
        client, jobcenter, username="nora.neumann", password1=password, password2=password
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.filter(username="nora.neumann").exists()
    assert not AccountAuditEntry.objects.exists()


def test_other_input_errors(jobcenter: Jobcenter, admin: User) -> None:
    client = client_for(admin)
    response = _new_user(client, jobcenter, password2=STRONG + "x")
    assert "Die beiden Passwörter stimmen nicht überein." in response.content.decode()
    make_user("vergeben", other_jobcenter(), Role.BEIRAT)
    response = _new_user(client, jobcenter, username="Vergeben")
    assert response.status_code == 400
    assert "Diesen Benutzernamen gibt es schon" in response.content.decode()
    response = _new_user(client, jobcenter, username="mit leerzeichen", role="chef")
    page = response.content.decode()
    assert "Nur Buchstaben, Ziffern" in page
    assert "Bitte eine gültige Auswahl treffen." in page
    assert User.objects.count() == 2


def test_roles_can_be_changed_and_removed(jobcenter: Jobcenter, admin: User) -> None:
    client = client_for(admin)
    member = make_user("m", jobcenter, Role.BEIRAT)
    url = _base(jobcenter) + f"{member.pk}/"
    response = client.post(url + "rolle/", {"role": Role.LEITUNG}, follow=True)
    assert "m hat jetzt die Rolle Leitung." in response.content.decode()
    assert Membership.objects.get(user=member).role == Role.LEITUNG
    entry = AccountAuditEntry.objects.get(subject=member, action="Rolle geändert")
    assert (entry.old, entry.new) == ("Beirat", "Leitung")
    client.post(url + "entziehen/")
    assert not Membership.objects.filter(user=member).exists()
    assert AccountAuditEntry.objects.filter(subject=member, action="Rolle entzogen").exists()
    assert client.get(url).status_code == 404  # no longer a member here


def test_deactivation(jobcenter: Jobcenter, admin: User) -> None:
    client = client_for(admin)
    member = make_user("m", jobcenter, Role.PLANUNG)
    url = _base(jobcenter) + f"{member.pk}/anmeldung/"
    client.post(url, {"aktiv": "0"})
    member.refresh_from_db()
    assert not member.is_active
    assert "deaktiviert" in client.get("/verwaltung/benutzer/").content.decode()
    client.post(url, {"aktiv": "1"})
    member.refresh_from_db()
    assert member.is_active
    actions = AccountAuditEntry.objects.filter(subject=member).values_list("old", "new")
    assert list(actions) == [("aktiv", "deaktiviert"), ("deaktiviert", "aktiv")]
    # someone who also works for another Jobcenter keeps the account: only the role goes
    Membership.objects.create(user=member, jobcenter=other_jobcenter(), role=Role.BEIRAT)
    response = client.post(url, {"aktiv": "0"}, follow=True)
    assert "auch in einem anderen Jobcenter eine Rolle" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_admins_cannot_lock_themselves_out(jobcenter: Jobcenter, admin: User) -> None:
    client = client_for(admin)
    url = _base(jobcenter) + f"{admin.pk}/"
    assert "Die eigene Rolle und Anmeldung" in client.get(url).content.decode()
    response = client.post(url + "rolle/", {"role": Role.BEIRAT}, follow=True)
    assert "Die eigene Rolle kann man nicht selbst ändern." in response.content.decode()
    client.post(url + "anmeldung/", {"aktiv": "0"})
    client.post(url + "entziehen/")
    admin.refresh_from_db()
    assert admin.is_active
    assert Membership.objects.get(user=admin).role == Role.ADMIN


def test_admin_of_another_jobcenter_sees_nothing(jobcenter: Jobcenter, admin: User) -> None:
    other = other_jobcenter()
    stranger = client_for(make_user("fremd", other, Role.ADMIN))
    member = make_user("m", jobcenter, Role.PLANUNG)
    url = _base(jobcenter) + f"{member.pk}/"
    assert stranger.get(url).status_code == 404
    assert stranger.get(_base(jobcenter) + "neu/").status_code == 404
    assert stranger.post(url + "rolle/", {"role": Role.ADMIN}).status_code == 404
    assert stranger.post(url + "anmeldung/", {"aktiv": "0"}).status_code == 404
    assert stranger.post(url + "entziehen/").status_code == 404
    # nor through their own Jobcenter's address
    assert stranger.get(_base(other) + f"{member.pk}/").status_code == 404
    listing = stranger.get("/verwaltung/benutzer/").content.decode()
    assert "Jobcenter EN" not in listing
    assert ">m<" not in listing
    member.refresh_from_db()
    assert member.is_active
    assert Membership.objects.get(user=member).role == Role.PLANUNG


def test_changes_need_post_and_csrf(jobcenter: Jobcenter, admin: User) -> None:
    member = make_user("m", jobcenter, Role.PLANUNG)
    url = _base(jobcenter) + f"{member.pk}/"
    client = client_for(admin, enforce_csrf=True)
    assert client.get(url + "rolle/").status_code == 405
    assert client.post(url + "rolle/", {"role": Role.ADMIN}).status_code == 403
    assert client.post(url + "anmeldung/", {"aktiv": "0"}).status_code == 403
    assert _new_user(client, jobcenter).status_code == 403
    assert Membership.objects.get(user=member).role == Role.PLANUNG


def test_names_are_escaped(jobcenter: Jobcenter, admin: User) -> None:
    client = client_for(admin)
    _new_user(client, jobcenter, first_name="<script>alert(1)</script>")
    user = User.objects.get(username="neu")
    for url in ("/verwaltung/benutzer/", _base(jobcenter) + f"{user.pk}/"):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
