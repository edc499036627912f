"""The offer screens: who sees what, the finder (nothing stored without a number, an audit
entry with one), the sheet, catalogue and archive, chains with SVG and list, gaps, API."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from amp.core.offers import PlaceAvailability
from amp.core.offers.places import OCCUPANCY_SOURCE
from amp.reports.offers import SHEET_STYLE_SOURCE
from amp.web.angebote import selectors
from amp.web.angebote.models import OfferAudit
from amp.web.plans.api import create_token
from amp.web.plans.models import Jobcenter, PlanVersion, Role
from tests.support.web_fixtures import (
    client_for,
    draft,
    jobcenter,
    make_user,
    other_jobcenter,
    published,
)

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published"]  # fixtures

REFUGEE = {
    "alter": "22",
    "deutsch": "A2",
    "aufenthalt": "schutz",
    "flucht": "ja",
    "region": "nordkreis",
    "stichtag": "02.05.2024",
}
SCREENS = ("", "katalog/", "katalog.jsonld", "foerderketten/", "luecken/")


def _url(jc: Jobcenter, tail: str = "") -> str:
    return f"/angebote/{jc.code}/{tail}"


def _caseworker(jc: Jobcenter) -> Client:
    return client_for(make_user("ifk", jc, Role.INTEGRATION))


def test_anonymous_goes_to_the_login(jobcenter: Jobcenter) -> None:
    for tail in SCREENS:
        response = Client().get(_url(jobcenter, tail))
        assert response.status_code == 302
        assert response["Location"].startswith("/anmelden/")


def test_other_jobcenter_is_404(jobcenter: Jobcenter) -> None:
    stranger = client_for(make_user("fremd", other_jobcenter(), Role.INTEGRATION))
    for tail in SCREENS:
        assert stranger.get(_url(jobcenter, tail)).status_code == 404
    assert stranger.post(_url(jobcenter), REFUGEE).status_code == 404
    assert stranger.get("/angebote/jc-x/").status_code == 404  # no plan there


@pytest.mark.parametrize(
    "role", [Role.INTEGRATION, Role.FALLMANAGEMENT, Role.PLANUNG, Role.LEITUNG, Role.ADMIN]
)
def test_every_role_but_the_beirat_finds_offers(jobcenter: Jobcenter, role: str) -> None:
    client = client_for(make_user("u", jobcenter, role))
    for tail in SCREENS:
        assert client.get(_url(jobcenter, tail)).status_code == 200, tail
    assert client.post(_url(jobcenter), REFUGEE).status_code == 200


def test_the_beirat_reads_catalogue_chains_and_gaps_but_no_cases(jobcenter: Jobcenter) -> None:
    beirat = client_for(make_user("beirat", jobcenter, Role.BEIRAT))
    for tail in SCREENS[1:]:
        assert beirat.get(_url(jobcenter, tail)).status_code == 200, tail
    assert beirat.get(_url(jobcenter)).status_code == 403
    assert beirat.post(_url(jobcenter), REFUGEE).status_code == 403
    assert beirat.post(_url(jobcenter, "angebotsblatt/"), REFUGEE).status_code == 403
    page = beirat.get(_url(jobcenter, "katalog/")).content.decode()
    assert "Angebot finden" not in page
    assert beirat.get("/angebote/")["Location"] == _url(jobcenter, "katalog/")
    assert _caseworker(jobcenter).get("/angebote/")["Location"] == _url(jobcenter)


def test_caseworkers_read_the_published_plan_not_the_draft(
    draft: PlanVersion, jobcenter: Jobcenter
) -> None:
    page = _caseworker(jobcenter).get(_url(jobcenter, "katalog/")).content.decode()
    assert "(Beschlossen)" in page
    assert f"Version {draft.number} " not in page


def test_finder_ranks_with_reasons_and_stores_nothing(jobcenter: Jobcenter) -> None:
    response = _caseworker(jobcenter).post(_url(jobcenter), REFUGEE)
    page = response.content.decode()
    assert "Angebote gefunden" in page
    first = page.split('<li class="offer">')[1]
    assert "Jugendintegrationskurs" in first
    assert "(§ 13 Abs. 1 Nr. 1 IntV)" in first
    assert "nächster Beginn 03.06.2024" in first
    assert "Stufe 1 von 5 „Sprachförderung“; danach „Anerkennung“" in page
    assert "Aktivcenter</h3>" not in page  # from 25
    assert OfferAudit.objects.count() == 0
    assert "protokolliert" not in page.split('id="ergebnis-meldung"')[1].split("</div>")[0]


def test_finder_shows_honest_places_from_the_plan(jobcenter: Jobcenter) -> None:
    page = _caseworker(jobcenter).post(_url(jobcenter), REFUGEE).content.decode()
    chancen = page.split('id="angebot-chancen"')[1].split("</article>")[0]
    assert "freie Plätze unbekannt, Stand 27.10.2023 (geplant 52 Plätze)" in chancen
    assert "§ 16h Abs. 1 SGB II" in chancen


def test_free_places_come_from_the_one_selector(
    jobcenter: Jobcenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    def occupancy(jc: Jobcenter, on: date) -> dict[str, PlaceAvailability]:
        return {
            "jugendintegrationskurs": PlaceAvailability(20, 0, date(2024, 4, 30), "Belegung"),
            "integrationskurs": PlaceAvailability(25, 3, date(2024, 4, 30), "Belegung"),
        }

    monkeypatch.setattr(selectors, "place_availability", occupancy)
    client = _caseworker(jobcenter)
    page = client.post(_url(jobcenter), REFUGEE).content.decode()
    assert page.count('<li class="offer">') == 10
    assert "die besten 10 stehen hier" in page
    assert "Angebote zeigen</button>" in page
    page = client.post(_url(jobcenter), REFUGEE | {"alle": "1"}).content.decode()
    assert page.count('<li class="offer">') > 10
    first = page.split('<li class="offer">')[1]
    assert "Allgemeiner Integrationskurs" in first
    assert "3 freie Plätze, Stand 30.04.2024" in first
    full = page.split('id="angebot-jugendintegrationskurs"')[1].split("</article>")[0]
    assert "kein freier Platz, Stand 30.04.2024" in full


def test_a_pseudonymous_number_is_audited_with_the_offers(jobcenter: Jobcenter) -> None:
    client = _caseworker(jobcenter)
    page = client.post(_url(jobcenter), REFUGEE | {"nummer": "K-12345"}).content.decode()
    assert "unter der pseudonymen Nummer protokolliert" in page
    entry = OfferAudit.objects.get()
    assert entry.pseudonym == "K-12345"
    assert entry.action == "suche"
    assert entry.offers[0] == "jugendintegrationskurs"
    assert entry.user.username == "ifk"


def test_a_name_is_refused_as_number(jobcenter: Jobcenter) -> None:
    response = _caseworker(jobcenter).post(_url(jobcenter), REFUGEE | {"nummer": "Erika Muster"})
    assert response.status_code == 422
    assert "kein Name" in response.content.decode()
    assert OfferAudit.objects.count() == 0


def test_bad_input_is_reported_in_german_never_a_5xx(jobcenter: Jobcenter) -> None:
    client = _caseworker(jobcenter)
    response = client.post(
        _url(jobcenter),
        {"alter": "zwölf", "deutsch": "Z9", "region": "mitte", "stichtag": "31.02.2024"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Bitte korrigieren Sie 4 Angaben" in page


def test_the_sheet_has_the_chosen_offers_and_no_person(jobcenter: Jobcenter) -> None:
    client = _caseworker(jobcenter)
    data: dict[str, Any] = REFUGEE | {"angebot": ["chancen", "deufoev"], "format": "html"}
    response = client.post(_url(jobcenter, "angebotsblatt/"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h2>") == 2
    assert "ChancEN" in html
    assert "22 Jahre" in html  # why it fits, said to the person
    assert SHEET_STYLE_SOURCE in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert OfferAudit.objects.count() == 0
    pdf = client.post(_url(jobcenter, "angebotsblatt/"), data | {"format": "pdf", "nummer": "K-1"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    entry = OfferAudit.objects.get()
    assert entry.action == "angebotsblatt"
    assert sorted(entry.offers) == ["chancen", "deufoev"]


def test_catalogue_archives_ended_offers_by_date(jobcenter: Jobcenter) -> None:
    client = _caseworker(jobcenter)
    page = client.get(_url(jobcenter, "katalog/"), {"stichtag": "02.05.2024"}).content.decode()
    assert "Familiencoaching" not in page
    assert "Archiv: beendete Angebote (2)" in page
    archive = client.get(_url(jobcenter, "katalog/"), {"stichtag": "02.05.2024", "archiv": "1"})
    assert '<th scope="row">Familiencoaching</th>' in archive.content.decode()
    before = client.get(_url(jobcenter, "katalog/"), {"stichtag": "15.03.2024"}).content.decode()
    assert '<th scope="row">Familiencoaching</th>' in before


def test_catalogue_as_jsonld(jobcenter: Jobcenter) -> None:
    response = _caseworker(jobcenter).get(
        _url(jobcenter, "katalog.jsonld"), {"stichtag": "02.05.2024"}
    )
    assert response["Content-Type"] == "application/ld+json"
    data = json.loads(response.content)
    assert data["@context"] == "https://schema.org"
    assert data["numberOfItems"] > 20


def test_chains_are_an_svg_with_the_same_content_as_a_list(jobcenter: Jobcenter) -> None:
    page = (
        _caseworker(jobcenter)
        .get(_url(jobcenter, "foerderketten/"), {"stichtag": "02.05.2024"})
        .content.decode()
    )
    assert page.count('role="img"') == 2
    assert page.count('<ol class="stages">') == 2
    assert '<title id="kette-u25_flucht-titel">' in page
    assert "Familiencoaching (bis 31.03.2024) – laut Kette beendet" in page
    assert "§ 16k Ganzheitliche Betreuung (ab 01.04.2024) – läuft" in page


def test_gap_report_lists_findings_for_the_steuerung(
    jobcenter: Jobcenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _caseworker(jobcenter)
    page = client.get(_url(jobcenter, "luecken/"), {"stichtag": "02.05.2024"}).content.decode()
    assert "davon 0 ernst" in page
    assert "freie Plätze unbekannt" in page

    def full(jc: Jobcenter, on: date) -> dict[str, PlaceAvailability]:
        stand = date(2024, 4, 30)
        return {
            o: PlaceAvailability(10, 0, stand, "Belegung")
            for o in ("chancen", "aktivierungshilfen_pro", "jugendwerkstatt")
        }

    monkeypatch.setattr(selectors, "place_availability", full)
    page = client.get(_url(jobcenter, "luecken/"), {"stichtag": "02.05.2024"}).content.decode()
    assert "davon 1 ernst" in page
    assert "kein Angebot dieser Stufe hat einen freien Platz" in page


def test_api_reads_catalogue_and_chains(jobcenter: Jobcenter) -> None:
    token = create_token(make_user("api", jobcenter, Role.INTEGRATION))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.get(f"/api/angebote/{jobcenter.code}/katalog?stichtag=2024-05-02")
    assert response.status_code == 200
    data = response.json()
    assert "familiencoaching" in [o["angebot"] for o in data["archiv"]]
    assert data["schema_org"]["@type"] == "ItemList"
    chains = client.get(f"/api/angebote/{jobcenter.code}/foerderketten?stichtag=2024-05-02")
    assert [k["kette"] for k in chains.json()["ketten"]] == ["u25_flucht", "ue25_flucht"]
    assert client.get(f"/api/angebote/{jobcenter.code}/katalog?stichtag=morgen").status_code == 422
    assert client.get("/api/angebote/jc-x/katalog").status_code == 404


def test_requirements_are_ticked_in_the_form(jobcenter: Jobcenter) -> None:
    need = "mittlerer Schulabschluss oder Hauptschulabschluss mit Berufsausbildung"
    client = _caseworker(jobcenter)
    form = {"alter": "30", "deutsch": "B2", "stichtag": "02.05.2024", "alle": "1"}
    page = client.post(_url(jobcenter), form | {"voraussetzungen": [need]}).content.decode()
    pflege = page.split('id="angebot-fbw_pflege"')[1].split("</article>")[0]
    assert f"Voraussetzungen erfüllt: {need}" in pflege
    assert f'value="{need}" id="voraussetzung-1" checked' in page
    page = client.post(_url(jobcenter), form).content.decode()
    pflege = page.split('id="angebot-fbw_pflege"')[1].split("</article>")[0]
    assert f"nicht angegeben, ob erfüllt: {need}" in pflege


def test_the_administration_reads_the_audit_by_number(jobcenter: Jobcenter) -> None:
    caseworker = _caseworker(jobcenter)
    caseworker.post(_url(jobcenter), REFUGEE | {"nummer": "K-12345"})
    caseworker.post(_url(jobcenter), REFUGEE | {"nummer": "K-99"})
    assert caseworker.get(_url(jobcenter, "protokoll/")).status_code == 403
    admin = client_for(make_user("admin", jobcenter, Role.ADMIN))
    page = admin.get(_url(jobcenter, "protokoll/"), {"nummer": "K-12345"}).content.decode()
    assert "Einträge für K-12345 (1)" in page
    assert "Jugendintegrationskurs" in page
    assert "K-99" not in page
    assert "Einträge (2)" in admin.get(_url(jobcenter, "protokoll/")).content.decode()


def test_free_places_come_from_the_occupancy_of_measure_controlling(
    jobcenter: Jobcenter,
) -> None:
    """With contracts and flows imported, a measure's offer has the contracted places and
    the free ones at the Stand of the flows; offers without a running contract keep the
    plan's places with free places unknown."""
    from amp.example import DEMO_PLAN
    from amp.web.massnahmen.selectors import free_places
    from amp.web.massnahmen.services import load_directory

    before = selectors.place_availability(jobcenter, date(2024, 10, 31))
    assert {p.source for p in before.values()} == {"Plan"}
    load_directory(jobcenter, DEMO_PLAN / "massnahmen")
    occupancy = free_places(jobcenter, date(2024, 10, 31))
    assert occupancy
    after = selectors.place_availability(jobcenter, date(2024, 10, 31))
    measured = {o: p for o, p in after.items() if p.source == OCCUPANCY_SOURCE}
    assert measured
    for offer, places in measured.items():
        running = occupancy[offer]
        assert (places.places, places.free) == (running.places, running.free)
        assert places.as_of <= date(2024, 10, 31)
    assert any(p.source == "Plan" for p in after.values())
