"""Issue 13 item 8: a new Jobcenter's first day in the browser – the operator (Betrieb)
creates the Jobcenter with a validated Kennung and its first Administration; the Planung
downloads a blank template with its Stammdaten or starts an empty plan."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from openpyxl import load_workbook

from amp.web.plans.models import AccountAuditEntry, Jobcenter, Membership, PlanVersion, Role
from tests.support.web_fixtures import client_for, make_user

pytestmark = pytest.mark.django_db

STRONG = "Pl4nung-im-Kreis!"


def _form(**changes: str) -> dict[str, str]:
    return {
        "name": "Jobcenter Musterstadt",
        "code": "jobcenter_musterstadt",
        "kind": "gE",
        "region": "Kreis Musterstadt",
        "username": "anna.admin",
        "first_name": "Anna",
        "last_name": "Admin",
        "email": "",
        "password1": STRONG,
        "password2": STRONG,
    } | changes


def _operator(superuser: bool = False) -> Client:
    if superuser:
        user = User.objects.create_superuser(username="root", password=STRONG)
    else:
        user = User.objects.create_user(username="betrieb")
        user.user_permissions.add(Permission.objects.get(codename="betrieb"))
    return client_for(user)


@pytest.mark.parametrize("superuser", [False, True])
def test_the_operator_creates_a_jobcenter_and_its_first_administration(superuser: bool) -> None:
    client = _operator(superuser)
    assert 'href="/betrieb/"' in client.get("/").content.decode()  # in the navigation
    page = client.get("/betrieb/jobcenter/neu/")
    assert page.status_code == 200
    response = client.post("/betrieb/jobcenter/neu/", _form())
    assert response.status_code == 302
    jobcenter = Jobcenter.objects.get(code="jobcenter_musterstadt")
    assert (jobcenter.name, jobcenter.kind, jobcenter.region) == (
        "Jobcenter Musterstadt",
        "gE",
        "Kreis Musterstadt",
    )
    member = Membership.objects.get(jobcenter=jobcenter)
    assert (member.user.username, member.role) == ("anna.admin", Role.ADMIN)
    assert member.user.check_password(STRONG)
    assert AccountAuditEntry.objects.filter(jobcenter=jobcenter, subject=member.user).exists()
    listing = client.get("/betrieb/").content.decode()
    assert "jobcenter_musterstadt" in listing
    assert "mit der Administration anna.admin angelegt" in listing
    # the new Administration logs in and administers its Jobcenter's users
    admin = Client()
    login = admin.post("/anmelden/", {"username": "anna.admin", "password": STRONG})
    assert login.status_code == 302
    assert admin.get("/verwaltung/benutzer/").status_code == 200


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Pflichtangabe fehlt (die Kennung wird nicht aus dem Namen abgeleitet)."),
        ("Jobcenter Musterstadt", "Nur Kleinbuchstaben (ohne Umlaute), Ziffern, _ und -"),
        ("jc_müllheim", "Nur Kleinbuchstaben (ohne Umlaute)"),
        ("_jc", "am Anfang ein Buchstabe oder eine Ziffer"),
        ("x" * 65, "höchstens 64 Zeichen"),
    ],
)
def test_a_blank_or_bad_kennung_is_refused_not_derived(code: str, message: str) -> None:
    client = _operator()
    response = client.post("/betrieb/jobcenter/neu/", _form(code=code))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Das Jobcenter wurde nicht angelegt" in html
    assert message in html
    assert not Jobcenter.objects.exists()
    assert not User.objects.filter(username="anna.admin").exists()


def test_taken_kennung_weak_password_and_taken_username_write_nothing() -> None:
    client = _operator()
    Jobcenter.objects.create(code="jobcenter_musterstadt", name="Schon da", kind="gE")
    taken = client.post("/betrieb/jobcenter/neu/", _form())
    assert "Diese Kennung ist schon vergeben." in taken.content.decode()
    weak = client.post("/betrieb/jobcenter/neu/", _form(code="jc2", password1="1", password2="1"))
    assert weak.status_code == 400
    assert not Jobcenter.objects.filter(code="jc2").exists()  # both or neither
    User.objects.create_user(username="anna.admin")
    twice = client.post("/betrieb/jobcenter/neu/", _form(code="jc3"))
    assert twice.status_code == 400
    assert "Diesen Benutzernamen gibt es schon" in twice.content.decode()
    assert not Jobcenter.objects.filter(code="jc3").exists()
    no_kind = client.post("/betrieb/jobcenter/neu/", _form(code="jc4", kind=""))
    assert no_kind.status_code == 400


def test_only_the_operator_creates_jobcenters() -> None:
    jobcenter = Jobcenter.objects.create(code="jc", name="JC", kind="gE")
    for role in (Role.ADMIN, Role.PLANUNG):
        client = client_for(make_user(f"u-{role}", jobcenter, role))
        assert client.get("/betrieb/").status_code == 403
        assert client.post("/betrieb/jobcenter/neu/", _form(code="neu")).status_code == 403
        assert 'href="/betrieb/"' not in client.get("/").content.decode()
    assert not Jobcenter.objects.filter(code="neu").exists()
    assert Client().get("/betrieb/").status_code == 302  # to the login


def _planner() -> tuple[Client, Jobcenter]:
    jobcenter = Jobcenter.objects.create(
        code="jobcenter_musterstadt", name="Jobcenter Musterstadt", kind="zkT", region="Kreis M"
    )
    return client_for(make_user("p", jobcenter, Role.PLANUNG)), jobcenter


def test_the_blank_template_carries_the_jobcenters_stammdaten() -> None:
    client, jobcenter = _planner()
    page = client.get("/import/").content.decode()
    assert "Leere Vorlage herunterladen" in page
    assert "Leeren Plan anlegen" in page
    response = client.get("/import/vorlage.xlsx", {"jobcenter": jobcenter.pk, "jahr": "2026"})
    assert response.status_code == 200
    assert "vorlage-jobcenter_musterstadt-2026.xlsx" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    values = {row[0]: row[1] for row in book["Stammdaten"].iter_rows(values_only=True) if row[0]}
    assert values["Jobcenter-Kennung"] == "jobcenter_musterstadt"
    assert values["Jobcenter"] == "Jobcenter Musterstadt"
    assert values["Trägerform (zkT oder gE)"] == "zkT"
    assert values["Region"] == "Kreis M"
    assert values["Planjahr"] == 2026
    bad = client.get(
        "/import/vorlage.xlsx", {"jobcenter": jobcenter.pk, "jahr": "zwei"}, follow=True
    )
    assert "Keine Vorlage: Planjahr: bitte eine Jahreszahl wie 2026 eingeben." in (
        bad.content.decode()
    )


def test_an_empty_plan_for_a_year_and_its_screens() -> None:
    client, jobcenter = _planner()
    response = client.post("/import/leerer-plan/", {"jobcenter": jobcenter.pk, "jahr": "2026"})
    version = PlanVersion.objects.get(plan__jobcenter=jobcenter, plan__year=2026)
    assert response.status_code == 302
    assert (version.number, version.status) == (1, "entwurf")
    core = version.core_plan()
    assert core.jobcenter.id == "jobcenter_musterstadt"
    assert core.budget.groups == ()
    for rest in ("", "budget/", "tabellen/", "verlauf/", "versionen/", "massnahmen/"):
        page: Any = client.get(f"/staende/{version.pk}/{rest}")
        assert page.status_code == 200, rest
    assert client.get(f"/staende/{version.pk}/arbeitsmappe.xlsx").status_code == 200
    again = client.post(
        "/import/leerer-plan/", {"jobcenter": jobcenter.pk, "jahr": "2026"}, follow=True
    )
    assert "Für 2026 gibt es schon einen Plan von Jobcenter Musterstadt." in (
        again.content.decode()
    )
    assert PlanVersion.objects.filter(plan__jobcenter=jobcenter).count() == 1
    stranger = Jobcenter.objects.create(code="jc-x", name="X", kind="gE")
    other = client.post("/import/leerer-plan/", {"jobcenter": stranger.pk, "jahr": "2026"})
    assert other.status_code == 302
    assert not PlanVersion.objects.filter(plan__jobcenter=stranger).exists()
