"""The Land's view and the target agreements: a Land user sees only its Land's Jobcenters and
changes nothing (403/405), another Land is 404; Jobcenter staff see and enter only their
own agreements; figures against hand values; import with preview; the Zielnachhaltung PDF."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from amp.web.land.models import PlanningDocument, TargetAgreement
from amp.web.plans.api import create_token
from amp.web.plans.models import Role
from tests.support.web_fixtures import client_for, jobcenter, make_user, published
from tests.web.land_fixtures import LandSetup, land_setup
from tests.web.vollzug_fixtures import ledger

pytestmark = pytest.mark.django_db
__all__ = ["jobcenter", "land_setup", "ledger", "published"]  # fixtures

LAND_PAGES = (
    "/land/nrw/2024/",
    "/land/nrw/2024/vergleich/",
    "/land/nrw/2024/vergleich/?kennzahl=K3",
    "/land/nrw/2024/jobcenter/jc-en/",
    "/land/nrw/2024/jobcenter/jc-hagen/",
)


def text(response: object) -> str:
    body = response.content.decode()  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_anonymous_goes_to_the_login(land_setup: LandSetup) -> None:
    for url in (
        *LAND_PAGES,
        "/land/",
        "/land/ziele/jc-en/2024/",
        "/land/nrw/2024/zielnachhaltung.pdf",
    ):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/anmelden/")


def test_land_user_sees_its_jobcenters(land_setup: LandSetup) -> None:
    client = client_for(land_setup.land_user)
    assert client.get("/land/").status_code == 302  # one Land: straight to its overview
    for url in LAND_PAGES:
        assert client.get(url).status_code == 200, url
    page = text(client.get("/land/nrw/2024/"))
    assert "Jobcenter EN" in page
    assert "Jobcenter Hagen" in page
    assert "synthetisch (Test)" in page
    assert "Kassel" not in page  # the other Land's Jobcenter
    # EN's K2: 22,0 → 23,7 in nine months: 22,0 + 1,7 · 12/9 = 24,27 → 24,3, target 24,0
    assert "24,0 % 23,7 % September 2024 24,3 % +0,3 Pp ● auf Kurs" in page
    # EN's K3: −1,0 + (−1,0) · 12/9 = −2,3, target −3,0, tolerance 1,0 → gefährdet
    assert "-3,0 % -2,0 % September 2024 -2,3 % -0,7 Pp ▲ gefährdet" in page
    assert "kein Vollzug erfasst" in page  # Hagen
    from amp.core import formatting
    from amp.web.land import selectors

    execution = selectors.execution(land_setup.en, 2024)
    total = selectors.plan_total(selectors.approved_version(land_setup.en, 2024))
    assert execution is not None
    assert total is not None
    assert (  # only EN has a plan and a Vollzug
        f"Summe des Landes {formatting.money(total, 0)} 1 mit Vollzug "
        f"{formatting.percent((execution.actual + execution.open) * 100 / execution.plan, 1)} "
        f"{formatting.money(execution.forecast, 0)} {formatting.money(execution.unused.unused, 0)}"
    ) in page


def test_land_user_sees_execution_and_unused_money(land_setup: LandSetup) -> None:
    from amp.web.land import selectors

    execution = selectors.execution(land_setup.en, 2024)
    assert execution is not None
    page = text(client_for(land_setup.land_user).get("/land/nrw/2024/jobcenter/jc-en/"))
    from amp.core import formatting

    assert f"voraussichtlich ungenutzt {formatting.money(execution.unused.unused, 0)}" in page
    for line in execution.unused.lines[:3]:
        assert line.name in page
    assert execution.unused.unused == sum(u.unused for u in execution.unused.lines)
    assert "Beschlossener Plan 2024" in page
    # the chart of K2 with its target as a dashed line, and the values as a table
    html = client_for(land_setup.land_user).get("/land/nrw/2024/jobcenter/jc-en/").content.decode()
    assert 'aria-labelledby="verlauf-k2-t verlauf-k2-d"' in html
    assert 'stroke-dasharray="4 3"' in html
    assert "September 2024 23,7 % -2,0 %" in page  # K2 and K3 in the table of monthly values
    assert "Version 1 (Beschlossen)" in page
    assert "Eingliederungszuschüsse (§§ 88 ff SGB III)" in page  # a budget line
    hagen = text(client_for(land_setup.land_user).get("/land/nrw/2024/jobcenter/jc-hagen/"))
    assert "Für 2024 ist kein Plan beschlossen." in hagen


def test_land_user_changes_nothing(land_setup: LandSetup) -> None:
    client = client_for(land_setup.land_user)
    for url in LAND_PAGES:
        assert client.post(url, {}).status_code == 405, url
    # no Jobcenter membership: the Jobcenter's own pages, Vollzug and plans stay hidden
    assert client.get("/land/ziele/jc-en/2024/").status_code == 404
    assert client.post("/land/ziele/jc-en/2024/", {"formular": "ziel"}).status_code == 404
    assert client.get("/vollzug/jc-en/2024/").status_code == 404
    assert TargetAgreement.objects.count() == 4


def test_other_land_and_foreign_jobcenter_are_404(land_setup: LandSetup) -> None:
    client = client_for(land_setup.land_user)
    assert client.get("/land/he/2024/").status_code == 404
    assert client.get("/land/he/2024/vergleich/").status_code == 404
    assert client.get("/land/he/2024/zielnachhaltung.pdf").status_code == 404
    assert client.get("/land/nrw/2024/jobcenter/jc-kassel/").status_code == 404
    assert client.get("/land/nrw/2024/jobcenter/jc-nirgends/").status_code == 404
    staff = client_for(make_user("planung", land_setup.en, Role.PLANUNG))
    assert staff.get("/land/nrw/2024/").status_code == 404  # staff have no Land access


def test_comparison_within_types(land_setup: LandSetup) -> None:
    page = text(client_for(land_setup.land_user).get("/land/nrw/2024/vergleich/?kennzahl=K2"))
    # IIIa: Hagen 24,9 (rank 1), EN 23,7 (rank 2); mean (24,9 + 23,7) / 2 = 24,3
    assert "Vergleichstyp IIIa" in page
    assert "Mittel 24,3 %" in page
    assert "1 Jobcenter Hagen 24,9 % September 2024 +0,6 Pp 25,0 %" in page
    assert "2 Jobcenter EN 23,7 % September 2024 -0,6 Pp 24,0 %" in page


def stand(land_setup: LandSetup) -> str:
    from amp.web.land.services import stand

    return str(stand(land_setup.en, 2024))


def test_staff_see_and_enter_only_their_own(land_setup: LandSetup) -> None:
    planung = client_for(make_user("planung", land_setup.en, Role.PLANUNG))
    page = text(planung.get("/land/ziele/jc-en/2024/"))
    assert "K2 – Integrationsquote" in page
    assert "25,0 %" not in page
    assert planung.get("/land/ziele/jc-hagen/2024/").status_code == 404
    assert planung.get("/land/ziele/jc-kassel/2024/").status_code == 404
    response = planung.post(
        "/land/ziele/jc-en/2024/",
        {
            "formular": "ziel",
            "kennzahl": "K2.frauen",
            "zielwert": "21,5",
            "anmerkung": "",
            "stand": stand(land_setup),
        },
    )
    assert response.status_code == 302
    row = TargetAgreement.objects.get(jobcenter=land_setup.en, indicator="K2.frauen")
    assert str(row.target) == "21.5"
    bad = planung.post(
        "/land/ziele/jc-en/2024/",
        {"formular": "ziel", "kennzahl": "K2", "zielwert": "24,55"},
    )
    assert bad.status_code == 400
    assert "höchstens eine Nachkommastelle" in bad.content.decode()
    response = planung.post(
        "/land/ziele/jc-en/2024/",
        {
            "formular": "planung",
            "schwerpunkte": "Frauen in Arbeit",
            "massnahmen": "Teilzeit-FbW",
            "stand": stand(land_setup),
        },
    )
    assert response.status_code == 302
    document = PlanningDocument.objects.get(jobcenter=land_setup.en, year=2024)
    assert document.priorities == "Frauen in Arbeit"
    land_page = text(client_for(land_setup.land_user).get("/land/nrw/2024/jobcenter/jc-en/"))
    assert "Frauen in Arbeit" in land_page
    assert "Teilzeit-FbW" in land_page
    response = planung.post(
        "/land/ziele/jc-en/2024/",
        {"formular": "loeschen", "kennzahl": "K2.frauen", "stand": stand(land_setup)},
    )
    assert response.status_code == 302
    assert not TargetAgreement.objects.filter(indicator="K2.frauen").exists()
    changes = text(planung.get("/land/ziele/jc-en/2024/"))
    assert "planung Ziel K2.frauen – Integrationsquote der Frauen 21,5 % gelöscht" in changes
    assert "planung Ziel K2.frauen – Integrationsquote der Frauen – 21,5 %" in changes
    assert "planung Planungsdokument: Lokale Schwerpunkte – Frauen in Arbeit" in changes


def test_other_roles_do_not_reach_the_agreements(land_setup: LandSetup) -> None:
    for role in (Role.BEIRAT, Role.INTEGRATION):
        client = client_for(make_user(f"u-{role}", land_setup.en, role))
        assert client.get("/land/ziele/jc-en/2024/").status_code == 404
        assert client.get("/land/").status_code == 404
    leitung = client_for(make_user("leitung", land_setup.en, Role.LEITUNG))
    assert leitung.get("/land/ziele/jc-en/2024/").status_code == 200


def _upload(client: Client, content: str) -> object:
    file = SimpleUploadedFile("ziele.csv", content.encode(), content_type="text/csv")
    return client.post("/land/ziele/jc-en/2024/import/", {"datei": file})


def test_import_preview_confirm_and_repeat(land_setup: LandSetup) -> None:
    client = client_for(make_user("planung", land_setup.en, Role.PLANUNG))
    content = "Jobcenter;Jahr;Kennzahl;Zielwert\njc-en;2024;K2;24,5\njc-en;2024;K2.u25;12,0\n"
    response = _upload(client, content)
    assert response.status_code == 200
    page = text(response)
    assert "1 neu, 1 geändert, 0 unverändert" in page
    assert TargetAgreement.objects.get(jobcenter=land_setup.en, indicator="K2").target == 24
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)  # type: ignore[union-attr]
    done = client.post("/land/ziele/jc-en/2024/import/uebernehmen/", {"token": token})
    assert done.status_code == 302
    assert (
        str(TargetAgreement.objects.get(jobcenter=land_setup.en, indicator="K2").target) == "24.5"
    )
    again = text(_upload(client, content))
    assert "0 neu, 0 geändert, 2 unverändert" in again


def test_import_refuses_other_jobcenters_and_years(land_setup: LandSetup) -> None:
    client = client_for(make_user("planung", land_setup.en, Role.PLANUNG))
    response = _upload(
        client,
        "Jobcenter;Jahr;Kennzahl;Zielwert\njc-hagen;2024;K2;1\njc-en;2025;K2;1\njc-en;2024;K2;x\n",
    )
    assert response.status_code == 400
    page = text(response)
    assert (
        "ziele.csv, Zeile 2, Spalte „Jobcenter“: das Jobcenter „jc-hagen“ gibt es hier nicht"
        in page
    )
    assert "Zeile 4, Spalte „Zielwert“" in page
    assert TargetAgreement.objects.count() == 4


def test_follow_up_pdf(land_setup: LandSetup) -> None:
    from pypdf import PdfReader

    client = client_for(land_setup.land_user)
    response = client.get("/land/nrw/2024/zielnachhaltung.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Zielnachhaltung-2024-Q3-nrw.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    content = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Zielnachhaltung 2024, 3. Quartal – Nordrhein-Westfalen" in content
    assert "Jobcenter EN (Vergleichstyp IIIa)" in content
    assert "24,3 %" in content
    assert "+0,3 Pp" in content
    assert "-2,3 %" in content
    assert "gefährdet" in content
    assert "Q1: auf Kurs, Q2: gefährdet" in content  # K3's earlier quarters
    assert "Kassel" not in content
    q1 = client.get("/land/nrw/2024/zielnachhaltung.pdf?quartal=1")
    text1 = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(q1.content)).pages)
    assert "1. Quartal" in text1
    assert client.get("/land/nrw/2024/zielnachhaltung.pdf?quartal=5").status_code == 404


def test_api(land_setup: LandSetup) -> None:
    token = create_token(land_setup.land_user)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    data = Client().get("/api/land/nrw/2024", **auth).json()
    assert [j["jobcenter"] for j in data["jobcenter"]] == ["jc-en", "jc-hagen"]
    en = data["jobcenter"][0]
    k2 = next(z for z in en["ziele"] if z["kennzahl"] == "K2")
    assert (k2["ziel"], k2["ist"], k2["hochrechnung"], k2["status"]) == (
        "24.0",
        "23.7",
        "24.3",
        "auf-kurs",
    )
    assert [q["status"] for q in k2["quartale"]] == ["auf-kurs", "auf-kurs", "auf-kurs"]
    assert en["vollzug"]["stand"] == "2024-10-31"
    assert Client().get("/api/land/he/2024", **auth).status_code == 404
    assert Client().get("/api/ziele/jc-en/2024", **auth).status_code == 404
    staff = create_token(make_user("planung", land_setup.en, Role.PLANUNG))
    own = Client().get("/api/ziele/jc-en/2024", HTTP_AUTHORIZATION=f"Bearer {staff}").json()
    assert [z["kennzahl"] for z in own["ziele"]] == ["K2", "K3"]
    assert (
        Client().get("/api/land/nrw/2024", HTTP_AUTHORIZATION=f"Bearer {staff}").status_code == 404
    )


def test_execution_summary_is_kept_until_the_ledger_changes(land_setup: LandSetup) -> None:
    import uuid

    from amp.web.land import selectors
    from amp.web.vollzug.models import BookingRow, LedgerRecord

    first = selectors.execution(land_setup.en, 2024)
    assert first is not None
    assert selectors.execution(land_setup.en, 2024) is first  # kept, not recomputed
    record = LedgerRecord.objects.get(jobcenter=land_setup.en, year=2024)
    booking = BookingRow.objects.filter(ledger=record, day__year=2024).first()
    assert booking is not None
    booking.amount += 100_000
    booking.save()
    record.stamp = uuid.uuid4()  # what every Vollzug service does after a change
    record.save()
    changed = selectors.execution(land_setup.en, 2024)
    assert changed is not None
    assert changed is not first
    assert changed.actual == first.actual + 100_000


def test_land_never_sees_drafts(land_setup: LandSetup) -> None:
    from amp.web.plans import services

    published = land_setup.en.plans.get(year=2024).versions.get(number=1)
    draft = services.branch(published.pk, None)
    assert draft.number == 2
    page = text(client_for(land_setup.land_user).get("/land/nrw/2024/jobcenter/jc-en/"))
    assert "Version 1 (Beschlossen)" in page
    assert "Version 2" not in page


def test_a_save_from_an_older_page_is_refused(land_setup: LandSetup) -> None:
    first = client_for(make_user("planung", land_setup.en, Role.PLANUNG))
    second = client_for(make_user("leitung", land_setup.en, Role.LEITUNG))
    loaded = re.search(
        r'name="stand" value="(\d+)"', first.get("/land/ziele/jc-en/2024/").content.decode()
    )
    assert loaded is not None
    both = {"formular": "ziel", "kennzahl": "K2", "stand": loaded.group(1)}
    assert second.post("/land/ziele/jc-en/2024/", both | {"zielwert": "25,0"}).status_code == 302
    late = first.post("/land/ziele/jc-en/2024/", both | {"zielwert": "23,0"})
    assert late.status_code == 409
    assert "inzwischen geändert; nichts wurde gespeichert" in late.content.decode()
    assert (
        str(TargetAgreement.objects.get(jobcenter=land_setup.en, indicator="K2").target) == "25.0"
    )
    missing = first.post(
        "/land/ziele/jc-en/2024/", {"formular": "planung", "schwerpunkte": "x", "massnahmen": ""}
    )
    assert missing.status_code == 409
    assert not PlanningDocument.objects.filter(jobcenter=land_setup.en).exists()


def test_land_reads_the_kennzahlen_pages_of_its_jobcenters_only(land_setup: LandSetup) -> None:
    client = client_for(land_setup.land_user)
    index = text(client.get("/kennzahlen/"))
    assert "Jobcenter EN" in index
    assert "Jobcenter Hagen" in index
    assert "Kassel" not in index
    assert client.get("/kennzahlen/jc-kassel/").status_code == 404
    from amp.web.kennzahlen.models import MonthlyFigures

    # the test figures are partial; without months the page says so, readable to the Land
    MonthlyFigures.objects.filter(jobcenter=land_setup.hagen).delete()
    assert client.get("/kennzahlen/jc-hagen/").status_code == 200
