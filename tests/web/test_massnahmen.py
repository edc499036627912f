"""The measure screens: who may see and import, the figures against the domain, the tender
calendar with the seed's four cases, vouchers, the Bilanz downloads, import with preview
then confirm, idempotent re-import, refused rows with their place, the API, free places."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from amp.core.occupancy import free_places as core_free_places
from amp.io.occupancy.store import load
from amp.web.massnahmen import selectors, services
from amp.web.massnahmen.models import FlowRow, ImportEntry, MeasureStore
from amp.web.plans.api import create_token
from amp.web.plans.models import Jobcenter, PlanVersion, Role
from tests.support.web_fixtures import (
    EXAMPLE,
    client_for,
    jobcenter,
    make_user,
    other_jobcenter,
    published,
)

pytestmark = pytest.mark.django_db
__all__ = ["jobcenter", "published"]  # fixtures

DEMO = EXAMPLE / "massnahmen"
STEERING_PAGES = ("", "massnahme/asaflex/", "ausschreibungen/", "gutscheine/", "bilanz/")
FLOWS_CSV = (
    "Ereignis;Person;Maßnahme;Art;Datum;Austrittsgrund\n"
    "W-1;PS-web-1;asaflex;Zuweisung;2024-10-20;\n"
    "W-2;PS-web-1;asaflex;Eintritt;2024-10-28;\n"
)


@pytest.fixture
def store(published: PlanVersion, jobcenter: Jobcenter) -> MeasureStore:
    return services.load_directory(jobcenter, DEMO)


def _url(jc: Jobcenter, tail: str = "") -> str:
    return f"/massnahmen/{jc.code}/2024/{tail}"


def _upload(client: Client, jc: Jobcenter, content: str, kind: str = "teilnahmen") -> Any:
    file = SimpleUploadedFile("export.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(_url(jc, "import/"), {"art": kind, "datei": file})


def test_anonymous_goes_to_the_login(store: MeasureStore, jobcenter: Jobcenter) -> None:
    for tail in (*STEERING_PAGES, "freie-plaetze/", "import/", "bilanz.pdf"):
        response = Client().get(_url(jobcenter, tail))
        assert response.status_code == 302
        assert response["Location"].startswith("/anmelden/")


def test_other_jobcenter_is_404(store: MeasureStore, jobcenter: Jobcenter) -> None:
    stranger = client_for(make_user("fremd", other_jobcenter(), Role.PLANUNG))
    for tail in (*STEERING_PAGES, "freie-plaetze/", "import/"):
        assert stranger.get(_url(jobcenter, tail)).status_code == 404


def test_caseworkers_read_free_places_only(store: MeasureStore, jobcenter: Jobcenter) -> None:
    for name, role in (("ifk", Role.INTEGRATION), ("fm", Role.FALLMANAGEMENT)):
        caseworker = client_for(make_user(name, jobcenter, role))
        page = caseworker.get(_url(jobcenter, "freie-plaetze/"))
        assert page.status_code == 200
        assert "Freie Plätze am 31.10.2024" in page.content.decode()
        for tail in STEERING_PAGES[1:]:
            assert caseworker.get(_url(jobcenter, tail)).status_code == 404
        assert caseworker.get(_url(jobcenter, "bilanz.xlsx")).status_code == 404
        assert caseworker.get(_url(jobcenter, "import/")).status_code == 404
        overview = caseworker.get(_url(jobcenter))
        assert overview.status_code == 302
        assert overview["Location"].endswith("/freie-plaetze/")


def test_beirat_reads_but_cannot_import(store: MeasureStore, jobcenter: Jobcenter) -> None:
    beirat = client_for(make_user("beirat", jobcenter, Role.BEIRAT))
    for tail in STEERING_PAGES:
        assert beirat.get(_url(jobcenter, tail)).status_code == 200, tail
    tabs = beirat.get(_url(jobcenter)).content.decode().split('class="tabs"')[1]
    assert "Import" not in tabs.split("</nav>")[0]
    assert beirat.get(_url(jobcenter, "import/")).status_code == 403
    assert _upload(beirat, jobcenter, FLOWS_CSV).status_code == 403
    assert beirat.post(_url(jobcenter, "import/uebernehmen/"), {"token": "x"}).status_code == 403


def test_overview_shows_occupancy_alerts_and_places_without_measure(
    store: MeasureStore, jobcenter: Jobcenter
) -> None:
    leitung = client_for(make_user("leitung", jobcenter, Role.LEITUNG))
    page = leitung.get(_url(jobcenter)).content.decode()
    assert "Stand 31.10.2024" in page
    assert "synthetische Demo-Daten" in page
    assert "EU-Bürger: Auslastung unter 80 % in 3 Monaten in Folge" in page
    assert "Plätze geplant, keine Maßnahme zugeordnet" in page  # the ~650 P line
    assert "ca. 650" in page
    # free places as the domain computes them
    data = load(DEMO)
    free = core_free_places(data.contracts, data.events, date(2024, 10, 31))["asaflex"]
    row = page.split("/massnahme/asaflex/")[1].split("</tr>")[0]
    assert f'<td class="num">{free.free}</td>' in row


def test_measure_detail_and_unknown_measure(store: MeasureStore, jobcenter: Jobcenter) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    page = planung.get(_url(jobcenter, "massnahme/asaflex/")).content.decode()
    assert "Belegung Monat für Monat 2024" in page
    assert "Oktober 2024" in page
    assert "V-asaflex-2" in page  # the follow-up contract with its option
    assert "PS-" not in page  # no pseudonyms on screen
    assert planung.get(_url(jobcenter, "massnahme/gibtesnicht/")).status_code == 404


def test_tender_calendar_shows_the_seeds_four_cases(
    store: MeasureStore, jobcenter: Jobcenter
) -> None:
    leitung = client_for(make_user("leitung", jobcenter, Role.LEITUNG))
    page = leitung.get(_url(jobcenter, "ausschreibungen/")).content.decode()
    for text in (
        "Vertrag endet 30.06.2024, keine Option mehr; Folgevertrag ab 01.07.2024",
        "Vertrag endet 31.08.2024, keine Option mehr; Folgevertrag ab 01.09.2024",
        "Vertrag endet 31.10.2024, keine Option mehr: neu ausschreiben",
        "vergeben am 31.05.2024, Beginn 01.09.2024",  # BaE 2024
    ):
        assert text in page, text


def test_vouchers_and_bilanz_downloads(store: MeasureStore, jobcenter: Jobcenter) -> None:
    leitung = client_for(make_user("leitung", jobcenter, Role.LEITUNG))
    page = leitung.get(_url(jobcenter, "gutscheine/")).content.decode()
    assert "Bildungsgutscheine 2024 je Bildungsziel und Quartal" in page
    assert "AVGS 2024 je Kategorie" in page
    bilanz = leitung.get(_url(jobcenter, "bilanz/")).content.decode()
    assert "Eingliederungsbilanz 2024" in bilanz
    assert "kein Vollzug erfasst" in bilanz  # no ledger loaded in this test
    xlsx = leitung.get(_url(jobcenter, "bilanz.xlsx"))
    assert xlsx.status_code == 200
    ws = load_workbook(BytesIO(xlsx.content))["Eingliederungsbilanz"]
    assert any(r[0] == "Assistierte Ausbildung" for r in ws.iter_rows(values_only=True))
    assert leitung.get(_url(jobcenter, "bilanz.doc")).status_code == 404


def test_import_preview_then_confirm_and_again_idempotent(
    store: MeasureStore, jobcenter: Jobcenter
) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    before = FlowRow.objects.count()
    preview = _upload(planung, jobcenter, FLOWS_CSV)
    assert preview.status_code == 200
    assert "2 neu, 0 geändert, 0 unverändert, 0 abgelehnt" in preview.content.decode()
    assert FlowRow.objects.count() == before
    token = preview.context["preview"]["token"]
    done = planung.post(_url(jobcenter, "import/uebernehmen/"), {"token": token})
    assert done.status_code == 302
    assert FlowRow.objects.count() == before + 2
    stamp = MeasureStore.objects.get(pk=store.pk).stamp
    again = _upload(planung, jobcenter, FLOWS_CSV)
    assert "0 neu, 0 geändert, 2 unverändert, 0 abgelehnt" in again.content.decode()
    planung.post(
        _url(jobcenter, "import/uebernehmen/"), {"token": again.context["preview"]["token"]}
    )
    assert MeasureStore.objects.get(pk=store.pk).stamp == stamp
    stale = planung.post(_url(jobcenter, "import/uebernehmen/"), {"token": token})
    assert stale["Location"].endswith("/import/")
    log = [(e.user.username, e.file, e.written) for e in ImportEntry.objects.all()]
    assert log == [("planung", "export.csv", 0), ("planung", "export.csv", 2)]
    assert "Zuletzt übernommen" in planung.get(_url(jobcenter, "import/")).content.decode()
    # the new entry occupies a place on the day
    places = selectors.free_places(jobcenter, date(2024, 10, 31))
    data = load(DEMO)
    before_free = core_free_places(data.contracts, data.events, date(2024, 10, 31))
    assert places["asaflex"].occupied == before_free["asaflex"].occupied + 1


def test_a_refused_row_names_its_place_and_saves_nothing(
    store: MeasureStore, jobcenter: Jobcenter
) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    before = FlowRow.objects.count()
    bad = FLOWS_CSV + "W-3;PS-web-2;asaflex;Austritt;2024-10-29;\n"
    response = _upload(planung, jobcenter, bad)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Zeile 4, Spalte „Austrittsgrund“" in text
    assert response.context["preview"]["token"] is None
    assert FlowRow.objects.count() == before
    broken = _upload(planung, jobcenter, "Ereignis;Person\nX;Y\n")
    assert broken.status_code == 400
    assert "Keine Spalte für „Maßnahme“" in broken.content.decode()


def test_api_reads_the_measures_and_free_places(store: MeasureStore, jobcenter: Jobcenter) -> None:
    leitung = make_user("leitung", jobcenter, Role.LEITUNG)
    token = create_token(leitung, "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    data = Client().get(f"/api/massnahmen/{jobcenter.code}/2024", **auth).json()
    assert data["stand"] == "2024-10-31"
    assert data["synthetisch"] is True
    assert any(m["massnahme"] == "asaflex" for m in data["belegung"])
    assert any(i["vertrag"] == "V-vermitteln_und_begleiten-1" for i in data["ausschreibungen"])
    ifk = make_user("ifk", jobcenter, Role.INTEGRATION)
    ifk_auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(ifk, 'test')}"}
    assert Client().get(f"/api/massnahmen/{jobcenter.code}/2024", **ifk_auth).status_code == 404
    free = Client().get(f"/api/massnahmen/{jobcenter.code}/2024/freie-plaetze", **ifk_auth)
    assert free.status_code == 200
    assert free.json()["plaetze"]["asaflex"]["frei"] is not None
