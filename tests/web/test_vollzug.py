"""The Vollzug screens: who may see and change them, the overview's figures against the
core steering, import with preview then confirm, idempotent re-import, bad files."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from amp.core import formatting
from amp.core.ledger.steering import steer
from amp.io.ledger.store import load_ledger
from amp.web.plans.api import create_token
from amp.web.plans.models import Jobcenter, PlanVersion, Role
from amp.web.vollzug.models import BookingRow, CommitmentRow, LedgerRecord
from tests.support.web_fixtures import client_for, jobcenter, make_user, other_jobcenter, published
from tests.web.vollzug_fixtures import DEMO_LEDGER, ledger

pytestmark = pytest.mark.django_db
__all__ = ["jobcenter", "ledger", "published"]  # fixtures

BOOKINGS_CSV = (
    "Buchungsnummer;Buchungsdatum;Betrag;Haushaltsstelle;Buchungstext\n"
    "W-1;15.10.2024;1.234,56;68511.004;Rechnung Träger A\n"
    "W-2;2024-10-20;-200,00;68511.004;Rückforderung\n"
)


def _url(jc: Jobcenter, tail: str = "") -> str:
    return f"/vollzug/{jc.code}/2024/{tail}"


def _upload(
    client: Client, jc: Jobcenter, content: str, name: str = "export.csv", kind: str = "buchungen"
) -> Any:
    file = SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")
    return client.post(_url(jc, "import/"), {"art": kind, "datei": file})


def test_anonymous_goes_to_the_login(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    for tail in ("", "import/", "kontenzuordnung/", "bericht.pdf", "zeilen/egz/"):
        response = Client().get(_url(jobcenter, tail))
        assert response.status_code == 302
        assert response["Location"].startswith("/anmelden/")


def test_other_jobcenter_is_404(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    stranger = client_for(make_user("fremd", other_jobcenter(), Role.PLANUNG))
    for tail in ("", "import/", "kontenzuordnung/", "bericht.pdf", "zeilen/egz/"):
        assert stranger.get(_url(jobcenter, tail)).status_code == 404
    assert stranger.get("/vollzug/jc-x/2024/").status_code == 404  # no plan there


def test_caseworkers_do_not_see_the_money_of_the_year(
    ledger: LedgerRecord, jobcenter: Jobcenter
) -> None:
    caseworker = client_for(make_user("ifk", jobcenter, Role.INTEGRATION))
    for tail in ("", "bericht.pdf", "zeilen/egz/"):
        assert caseworker.get(_url(jobcenter, tail)).status_code == 404


def test_beirat_reads_but_cannot_import_or_map(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    beirat = client_for(make_user("beirat", jobcenter, Role.BEIRAT))
    page = beirat.get(_url(jobcenter))
    assert page.status_code == 200
    assert "Import" not in page.content.decode().split('class="tabs"')[1].split("</nav>")[0]
    assert beirat.get(_url(jobcenter, "import/")).status_code == 403
    assert _upload(beirat, jobcenter, BOOKINGS_CSV).status_code == 403
    assert beirat.post(_url(jobcenter, "import/uebernehmen/"), {"token": "x"}).status_code == 403
    mapping = beirat.get(_url(jobcenter, "kontenzuordnung/"))
    assert mapping.status_code == 200
    assert "<form" not in mapping.content.decode().split("</header>")[1].split("Abmelden")[-1]
    assert (
        beirat.post(_url(jobcenter, "kontenzuordnung/"), {"formular": "zuordnung"}).status_code
        == 403
    )


def test_overview_shows_the_core_steering_figures(
    ledger: LedgerRecord, jobcenter: Jobcenter, published: PlanVersion
) -> None:
    data = load_ledger(DEMO_LEDGER, published.core_plan())
    s = steer(data.ledger, data.config.year, data.config.stand)
    leitung = client_for(make_user("leitung", jobcenter, Role.LEITUNG))
    page = leitung.get(_url(jobcenter)).content.decode()
    assert "Stand 31.10.2024" in page
    for p in s.position.lines:
        row = page.split(f"/zeilen/{p.line}/")[1].split("</tr>")[0]
        now, f = p.current, s.forecasts[p.line]
        for value in (now.plan, now.actual, now.open, now.free, f.point):
            assert formatting.money(value) in row, (p.line, value)
        light = {"gruen": "Grün", "gelb": "Gelb", "rot": "Rot"}[s.light(p.line).value]
        assert light in row  # the traffic light as a word, not by colour alone
    assert formatting.money(s.total.point) in page
    assert "<svg" in page
    assert "Daten der Grafik" in page


def test_line_detail_explains_the_forecast(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    page = planung.get(_url(jobcenter, "zeilen/egz/")).content.decode()
    assert "Wie die Hochrechnung entsteht" in page
    assert "Rückblick auf die Vorjahre" in page
    assert "Buchungen bis zum Stand" in page
    assert planung.get(_url(jobcenter, "zeilen/gibtesnicht/")).status_code == 404


def test_import_preview_then_confirm_and_again_idempotent(
    ledger: LedgerRecord, jobcenter: Jobcenter
) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    before = BookingRow.objects.count()
    preview = _upload(planung, jobcenter, BOOKINGS_CSV)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "2 neu, 0 geändert, 0 unverändert, 0 abgelehnt" in text
    assert BookingRow.objects.count() == before  # nothing saved before the confirmation
    token = preview.context["preview"]["token"]
    done = planung.post(_url(jobcenter, "import/uebernehmen/"), {"token": token})
    assert done.status_code == 302
    assert BookingRow.objects.count() == before + 2
    stored = BookingRow.objects.get(ledger=ledger, source_id="W-1")
    assert str(stored.amount) == "1234.56"
    stamp = LedgerRecord.objects.get(pk=ledger.pk).stamp
    again = _upload(planung, jobcenter, BOOKINGS_CSV)
    assert "0 neu, 0 geändert, 2 unverändert, 0 abgelehnt" in again.content.decode()
    token = again.context["preview"]["token"]
    planung.post(_url(jobcenter, "import/uebernehmen/"), {"token": token})
    assert BookingRow.objects.count() == before + 2
    assert LedgerRecord.objects.get(pk=ledger.pk).stamp == stamp  # nothing changed
    # the token is used up
    stale = planung.post(_url(jobcenter, "import/uebernehmen/"), {"token": token})
    assert stale.status_code == 302
    assert stale["Location"].endswith("/import/")


def test_a_changed_booking_is_shown_as_changed_and_updated(
    ledger: LedgerRecord, jobcenter: Jobcenter
) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    first = _upload(planung, jobcenter, BOOKINGS_CSV)
    planung.post(
        _url(jobcenter, "import/uebernehmen/"), {"token": first.context["preview"]["token"]}
    )
    changed = _upload(planung, jobcenter, BOOKINGS_CSV.replace("1.234,56", "1.300,00"))
    assert "0 neu, 1 geändert, 1 unverändert" in changed.content.decode()
    planung.post(
        _url(jobcenter, "import/uebernehmen/"), {"token": changed.context["preview"]["token"]}
    )
    assert str(BookingRow.objects.get(ledger=ledger, source_id="W-1").amount) == "1300.00"
    assert BookingRow.objects.filter(ledger=ledger, source_id__startswith="W-").count() == 2


def test_bad_file_gives_german_errors_with_row_and_column_and_saves_nothing(
    ledger: LedgerRecord, jobcenter: Jobcenter
) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    before = BookingRow.objects.count()
    bad = BOOKINGS_CSV.replace("1.234,56", "zwölf").replace("2024-10-20", "32.13.2024")
    response = _upload(planung, jobcenter, bad, name="oktober.csv")
    assert response.status_code == 400
    text = response.content.decode()
    assert "oktober.csv, Zeile 2, Spalte „Betrag“" in text
    assert "oktober.csv, Zeile 3, Spalte „Buchungsdatum“" in text
    assert "Übernehmen</button>" not in text
    assert BookingRow.objects.count() == before
    missing = _upload(planung, jobcenter, "Nummer;Datum\n1;2024-01-01\n", name="falsch.csv")
    assert missing.status_code == 400
    assert "Keine Spalte für „Buchungsnummer“" in missing.content.decode()
    wrong = _upload(planung, jobcenter, "x", name="export.pdf")
    assert "nur .csv- und .xlsx-Dateien" in wrong.content.decode()
    assert BookingRow.objects.count() == before


def test_commitments_import_checks_availability(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    huge = (
        "Bindung;Planzeile;Bindungsdatum;Status;Fälligkeit;Betrag\n"
        "NEU-1;egz;2024-10-30;gebunden;2024-11;99.000.000,00\n"
    )
    response = _upload(planung, jobcenter, huge, name="bindungen.csv", kind="bindungen")
    assert response.status_code == 400
    assert "Verfügbarkeitsprüfung" in response.content.decode()
    assert not CommitmentRow.objects.filter(source_id="NEU-1").exists()
    unknown = (
        "Bindung;Planzeile;Bindungsdatum;Fälligkeit;Betrag\n"
        "NEU-2;gibtesnicht;2024-10-30;2024-11;1\n"
    )
    response = _upload(planung, jobcenter, unknown, name="b.csv", kind="bindungen")
    assert "die Planzeile „gibtesnicht“ gibt es im Plan nicht" in response.content.decode()


def test_mapping_edit_and_unmapped_accounts(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    page = planung.get(_url(jobcenter, "kontenzuordnung/"))
    forms = page.context["rule_forms"]
    data = {"formular": "zuordnung", "stempel": page.context["stamp"]}
    for key, value in forms.management_form.initial.items():
        data[f"regel-{key}"] = value
    data["regel-TOTAL_FORMS"] = 1
    data |= {"regel-0-konto": "68511.004", "regel-0-kostenstelle": "", "regel-0-zeile": "egz"}
    response = planung.post(_url(jobcenter, "kontenzuordnung/"), data)
    assert response.status_code == 302
    rules = list(LedgerRecord.objects.get(pk=ledger.pk).rules.values_list("account", "line"))
    assert rules == [("68511.004", "egz")]
    page = planung.get(_url(jobcenter, "kontenzuordnung/")).content.decode()
    assert "Konten ohne Planzeile" in page
    assert "68511.009" in page
    data["stempel"] = str(LedgerRecord.objects.get(pk=ledger.pk).stamp)
    data["regel-0-zeile"] = ""
    refused = planung.post(_url(jobcenter, "kontenzuordnung/"), data)
    assert refused.status_code == 400
    assert "Bitte eine Planzeile wählen." in refused.content.decode()


def test_settings_stand_must_lie_in_the_year(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    url = _url(jobcenter, "kontenzuordnung/")
    seen = planung.get(url).context["stamp"]
    form = {"formular": "einstellungen", "stempel": seen}
    refused = planung.post(url, form | {"stand": "30.09.2023"})
    assert "Der Stand muss im Jahr 2024 liegen." in refused.content.decode()
    saved = planung.post(url, form | {"stand": "30.09.2024", "prozent": "3"})
    assert saved.status_code == 302
    assert LedgerRecord.objects.get(pk=ledger.pk).settings["stand"] == "2024-09-30"
    shown = planung.get(_url(jobcenter)).content.decode()
    assert "Stand 30.09.2024" in shown


def test_report_pdf(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    beirat = client_for(make_user("beirat", jobcenter, Role.BEIRAT))
    response = beirat.get(_url(jobcenter, "bericht.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "Controllingbericht-2024" in response["Content-Disposition"]


def test_api_returns_lines_and_forecast(
    ledger: LedgerRecord, jobcenter: Jobcenter, published: PlanVersion
) -> None:
    user = make_user("leitung", jobcenter, Role.LEITUNG)
    token = create_token(user)
    response = Client().get(
        f"/api/vollzug/{jobcenter.code}/2024", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    body = response.json()
    data = load_ledger(DEMO_LEDGER, published.core_plan())
    s = steer(data.ledger, data.config.year, data.config.stand)
    assert body["stand"] == "2024-10-31"
    assert body["hochrechnung"]["summe"]["hochrechnung"] == str(s.total.point)
    assert {z["zeile"] for z in body["vollzug"]["zeilen"]} == {p.line for p in s.position.lines}
    assert Client().get(f"/api/vollzug/{jobcenter.code}/2024").status_code == 401
    stranger = create_token(make_user("fremd", other_jobcenter(), Role.PLANUNG))
    other = Client().get(
        f"/api/vollzug/{jobcenter.code}/2024", HTTP_AUTHORIZATION=f"Bearer {stranger}"
    )
    assert other.status_code == 404


def test_plan_pages_link_to_the_vollzug(ledger: LedgerRecord, published: PlanVersion) -> None:
    planung = client_for(make_user("planung", published.plan.jobcenter, Role.PLANUNG))
    page = planung.get(f"/staende/{published.pk}/").content.decode()
    assert f'href="/vollzug/{published.plan.jobcenter.code}/2024/"' in page


def test_without_a_ledger_the_overview_invites_the_import(
    published: PlanVersion, jobcenter: Jobcenter
) -> None:
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    page = planung.get(_url(jobcenter)).content.decode()
    assert "noch kein Vollzug erfasst" in page
    response = _upload(planung, jobcenter, BOOKINGS_CSV)
    token = response.context["preview"]["token"]
    planung.post(_url(jobcenter, "import/uebernehmen/"), {"token": token})
    assert BookingRow.objects.filter(ledger__jobcenter=jobcenter).count() == 2


def test_xlsx_upload(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Buchungsnummer", "Buchungsdatum", "Betrag", "Haushaltsstelle"])
    sheet.append(["X-1", "01.10.2024", 100, "68511.004"])
    buffer = io.BytesIO()
    book.save(buffer)
    planung = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    file = SimpleUploadedFile("export.xlsx", buffer.getvalue())
    response = planung.post(_url(jobcenter, "import/"), {"art": "buchungen", "datei": file})
    assert "1 neu" in response.content.decode()
