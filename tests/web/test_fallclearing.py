"""Online-Fallclearing on the web: links, the applicant's pages, tokens (expired, reused,
guessed and throttled, foreign), health visibility by role, the audit of reads, deletion,
letters, statistics and questionnaire versions."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from amp.core.clearing.triage import Suggestion
from amp.core.problems import InputProblems
from amp.io.clearing import DEFAULT_FILE, parse_document, read_document
from amp.web.fallclearing import services
from amp.web.fallclearing.models import AnswerRead, ClearingLink, Feedback, QuestionnaireVersion
from amp.web.fallclearing.redact import RedactTokens
from amp.web.fallclearing.selectors import Access
from amp.web.fallclearing.suggestions import offers_for
from amp.web.plans.models import Jobcenter, Role
from tests.support.web_fixtures import client_for, jobcenter, make_user, other_jobcenter, published

__all__ = ["jobcenter", "published"]  # fixtures

pytestmark = pytest.mark.django_db

# a Ukrainian applicant: u25 would be "unter_25"; here ü25, little German → language first
UKRAINIAN = [
    ("alter", ["ab_25"]),
    ("deutsch", ["wenig"]),
    ("deutschkurs", ["angemeldet"]),
    ("abschluss", ["studium"]),
    ("ausland", ["ja_offen"]),
    ("arbeit", ["bis_3_jahre"]),
    ("hindernisse", ["kinder"]),
    ("gesundheit", ["ja"]),
    ("einschraenkungen", ["heben"]),
    ("wunsch", ["deutsch"]),
    ("anmerkung", ["Ich bin Ingenieurin."]),
]


def _token(response: Any) -> str:
    found = re.findall(r'name="token" value="([A-Za-z0-9_-]+)"', response.content.decode())
    assert found, response.content.decode()[:2000]
    return str(found[0])


def _new_link(staff: Client, code: str, reference: str, days: int = 14) -> str:
    response = staff.post(
        f"/fallclearing-intern/{code}/links/neu/", {"kennung": reference, "tage": days}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    return _token(response)


def _answer_all(applicant: Client, token: str, answers: list[tuple[str, list[str]]]) -> None:
    response = applicant.post(f"/fallclearing/{token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/fallclearing/{token}/frage/{answers[0][0]}/"
    for index, (question, values) in enumerate(answers):
        response = applicant.post(f"/fallclearing/{token}/frage/{question}/", {"antwort": values})
        assert response.status_code == 302, (question, response.content.decode()[:1500])
        following = answers[index + 1][0] if index + 1 < len(answers) else None
        expected = (
            f"/fallclearing/{token}/frage/{following}/"
            if following
            else f"/fallclearing/{token}/pruefen/"
        )
        assert response["Location"] == expected


@pytest.fixture
def integration(jobcenter: Jobcenter) -> Client:
    return client_for(make_user("ifk", jobcenter, Role.INTEGRATION))


@pytest.fixture
def fallmanagement(jobcenter: Jobcenter) -> Client:
    return client_for(make_user("fm", jobcenter, Role.FALLMANAGEMENT))


def test_a_ukrainian_applicant_answers_and_the_caseworker_sees_a_suggestion(
    integration: Client, fallmanagement: Client, jobcenter: Jobcenter
) -> None:
    token = _new_link(integration, jobcenter.code, "BG-4711")
    stored = ClearingLink.objects.get(reference="BG-4711")
    assert token not in str(stored.__dict__)  # only the digest is kept
    applicant = Client()
    page = applicant.get(f"/fallclearing/{token}/?lang=uk")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="uk" dir="ltr">' in html
    assert "Захист даних" in html
    assert "90 днів" in html
    assert page["Referrer-Policy"] == "no-referrer"
    _answer_all(applicant, token, UKRAINIAN)
    # back from the check page keeps the answer: the radio is still checked
    back = applicant.get(f"/fallclearing/{token}/frage/deutsch/").content.decode()
    assert 'value="wenig" checked' in back
    check = applicant.get(f"/fallclearing/{token}/pruefen/").content.decode()
    assert "Перевірте свої відповіді" in check
    assert "Я зареєструвався" in check
    done = applicant.post(f"/fallclearing/{token}/pruefen/")
    assert done["Location"] == "/fallclearing/danke/?lang=uk"
    # one submission: the token now reveals nothing, exactly like an unknown one
    again = applicant.get(f"/fallclearing/{token}/")
    unknown = applicant.get("/fallclearing/" + "A" * 43 + "/")
    assert again.status_code == unknown.status_code == 404
    assert again.content == unknown.content
    stored.refresh_from_db()
    suggestion = Suggestion.from_dict(stored.suggestion)
    assert (suggestion.track, suggestion.stage, suggestion.pathway) == (
        "sprache",
        "sprachfoerderung",
        "ue25_flucht",
    )
    inbox = integration.get(f"/fallclearing-intern/{jobcenter.code}/eingang/").content.decode()
    assert "BG-4711" in inbox
    assert "Sprache zuerst" in inbox
    case = integration.get(f"/fallclearing-intern/{jobcenter.code}/eingang/{stored.pk}/")
    text = case.content.decode()
    assert "Allgemeiner Integrationskurs" in text  # an offer of the language stage
    assert "Ich bin Ingenieurin." in text
    # confirm or change
    response = integration.post(
        f"/fallclearing-intern/{jobcenter.code}/eingang/{stored.pk}/",
        {"weg": "anerkennung", "vermerk": "Zeugnis liegt vor"},
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.decided_track == "anerkennung"


def test_health_answers_only_for_the_fallmanagement_and_every_read_audited(
    integration: Client, fallmanagement: Client, jobcenter: Jobcenter
) -> None:
    token = _new_link(integration, jobcenter.code, "BG-1")
    applicant = Client()
    _answer_all(applicant, token, UKRAINIAN)
    applicant.post(f"/fallclearing/{token}/pruefen/")
    link = ClearingLink.objects.get(reference="BG-1")
    url = f"/fallclearing-intern/{jobcenter.code}/eingang/{link.pk}/"
    seen_by_ifk = integration.get(url).content.decode()
    seen_by_fm = fallmanagement.get(url).content.decode()
    health = "Gibt es zurzeit gesundheitliche Einschränkungen"
    assert health not in seen_by_ifk
    assert "Schwer heben oder tragen" not in seen_by_ifk
    assert "sieht nur das Fallmanagement" in seen_by_ifk
    assert health in seen_by_fm
    assert "Schwer heben oder tragen" in seen_by_fm
    reads = list(AnswerRead.objects.order_by("id").values_list("user__username", "with_health"))
    assert reads == [("ifk", False), ("fm", True)]
    admin = client_for(make_user("chefin", jobcenter, Role.ADMIN))
    protocol = admin.get(f"/fallclearing-intern/{jobcenter.code}/statistik/").content.decode()
    assert "<td>fm</td><td>BG-1</td><td>ja</td>" in protocol
    assert "<td>ifk</td><td>BG-1</td><td>nein</td>" in protocol
    assert admin.get(url).status_code == 403  # Administration reads no answers
    # Planung (Steuerung) reads no answers at all
    planung = client_for(make_user("planer", jobcenter, Role.PLANUNG))
    assert planung.get(url).status_code == 403
    assert AnswerRead.objects.count() == 2


def test_a_reason_from_health_answers_only_for_the_fallmanagement(
    integration: Client, fallmanagement: Client, jobcenter: Jobcenter
) -> None:
    token = _new_link(integration, jobcenter.code, "BG-7")
    answers = [(q, v) for q, v in UKRAINIAN if q != "einschraenkungen"]
    answers.insert(8, ("einschraenkungen", ["stunden"]))
    applicant = Client()
    _answer_all(applicant, token, answers)
    applicant.post(f"/fallclearing/{token}/pruefen/")
    link = ClearingLink.objects.get(reference="BG-7")
    assert link.suggestion["rule"] == "wenige_stunden"
    assert link.suggestion["sensitive"] is True
    url = f"/fallclearing-intern/{jobcenter.code}/eingang/{link.pk}/"
    reason = "nur wenige Stunden Arbeit am Tag"
    assert reason in fallmanagement.get(url).content.decode()
    hidden = integration.get(url).content.decode()
    assert reason not in hidden
    assert "sieht nur das Fallmanagement" in hidden


def test_expired_guessed_and_foreign_tokens_reveal_nothing(
    integration: Client, jobcenter: Jobcenter, settings: Any
) -> None:
    token = _new_link(integration, jobcenter.code, "BG-2", days=1)
    applicant = Client()
    assert applicant.get(f"/fallclearing/{token}/").status_code == 200
    ClearingLink.objects.filter(reference="BG-2").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    expired = applicant.get(f"/fallclearing/{token}/")
    assert expired.status_code == 404
    assert "BG-2" not in expired.content.decode()
    # another Jobcenter's caseworker does not find the case, nor its inbox
    other = other_jobcenter()
    foreign = client_for(make_user("fremd", other, Role.INTEGRATION))
    assert foreign.get(f"/fallclearing-intern/{jobcenter.code}/eingang/").status_code == 404
    link = ClearingLink.objects.get(reference="BG-2")
    assert foreign.get(f"/fallclearing-intern/{other.code}/eingang/{link.pk}/").status_code == 404


def test_guessing_is_throttled_even_for_a_valid_token(
    integration: Client, jobcenter: Jobcenter
) -> None:
    token = _new_link(integration, jobcenter.code, "BG-3")
    guesser = Client()
    for number in range(services.GUESS_LIMIT):
        assert guesser.get(f"/fallclearing/{number:043d}/").status_code == 404
    refused = guesser.get(f"/fallclearing/{token}/")
    assert refused.status_code == 429
    assert "Zu viele ungültige Versuche" in refused.content.decode()
    # another client is not affected
    assert Client(REMOTE_ADDR="10.0.0.9").get(f"/fallclearing/{token}/").status_code == 200


def test_error_summary_links_to_the_field_and_nothing_is_saved(
    integration: Client, jobcenter: Jobcenter
) -> None:
    token = _new_link(integration, jobcenter.code, "BG-4")
    applicant = Client()
    applicant.post(f"/fallclearing/{token}/")
    response = applicant.post(f"/fallclearing/{token}/frage/alter/", {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Fehler: Wie alt sind Sie?" in html
    assert 'href="#antwort-1"' in html
    assert 'id="antwort-1"' in html
    response = applicant.post(f"/fallclearing/{token}/frage/alter/", {"antwort": ["hundert"]})
    assert "Bitte wählen Sie eine der Antworten aus der Liste." in response.content.decode()
    long = applicant.post(f"/fallclearing/{token}/frage/anmerkung/", {"antwort": "x" * 501})
    assert long.status_code == 400
    assert "Erlaubt sind höchstens 500 Zeichen." in long.content.decode()
    # a question that does not apply to these answers sends back to the start
    hidden = applicant.post(f"/fallclearing/{token}/frage/ausland/", {"antwort": ["nein"]})
    assert hidden.status_code == 302
    assert ClearingLink.objects.get(reference="BG-4").answers == {}
    # the check page refuses to submit with required answers missing
    refused = applicant.post(f"/fallclearing/{token}/pruefen/")
    assert refused.status_code == 400
    assert "Diese Frage ist noch nicht beantwortet." in refused.content.decode()


def test_an_applicant_comes_back_where_she_stopped(
    integration: Client, jobcenter: Jobcenter
) -> None:
    token = _new_link(integration, jobcenter.code, "BG-6")
    first = Client()
    first.post(f"/fallclearing/{token}/")
    first.post(f"/fallclearing/{token}/frage/alter/", {"antwort": ["ab_25"]})
    first.post(f"/fallclearing/{token}/frage/deutsch/", {"antwort": ["gut"]})
    # another day, another device: the same link goes on at the next question
    later = Client()
    start = later.get(f"/fallclearing/{token}/").content.decode()
    assert ">Weiter</button>" in start
    response = later.post(f"/fallclearing/{token}/")
    assert response["Location"] == f"/fallclearing/{token}/frage/abschluss/"
    assert (
        'value="gut" checked' in later.get(f"/fallclearing/{token}/frage/deutsch/").content.decode()
    )


def test_public_pages_use_no_staff_session(integration: Client, jobcenter: Jobcenter) -> None:
    token = _new_link(integration, jobcenter.code, "BG-5")
    html = integration.get(f"/fallclearing/{token}/?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # browsers send "Origin: null" under no-referrer; the token is the capability, no cookie
    strict = Client(enforce_csrf_checks=True, HTTP_ORIGIN="null")
    started = strict.post(f"/fallclearing/{token}/")
    assert started.status_code == 302
    assert "csrftoken" not in started.cookies
    assert "sessionid" not in started.cookies
    assert "Abmelden" not in html
    assert "ifk" not in html
    for page in ("barrierefreiheit", "rueckmeldung", "danke"):
        response = Client().get(f"/fallclearing/{page}/?lang=ls")
        assert response.status_code == 200
        assert "Erklärung zur Barriere-Freiheit" in response.content.decode()
        assert response["Referrer-Policy"] == "no-referrer"


def test_feedback_is_stored_without_link_and_limited(jobcenter: Jobcenter) -> None:
    client = Client()
    assert client.post("/fallclearing/rueckmeldung/?lang=en", {"nachricht": ""}).status_code == 400
    too_long = client.post("/fallclearing/rueckmeldung/?lang=en", {"nachricht": "x" * 2001})
    assert "at most 2000 characters" in too_long.content.decode()
    sent = client.post("/fallclearing/rueckmeldung/?lang=en", {"nachricht": "Kontrast zu schwach"})
    assert "Thank you for your message" in sent.content.decode()
    assert list(Feedback.objects.values_list("language", "text")) == [("en", "Kontrast zu schwach")]


def test_deletion_command_erases_old_answers_only(
    integration: Client, jobcenter: Jobcenter
) -> None:
    for reference in ("ALT", "NEU"):
        token = _new_link(integration, jobcenter.code, reference)
        applicant = Client()
        _answer_all(applicant, token, UKRAINIAN)
        applicant.post(f"/fallclearing/{token}/pruefen/")
    old = timezone.now() - timedelta(days=91)
    ClearingLink.objects.filter(reference="ALT").update(submitted_at=old)
    stale = _new_link(integration, jobcenter.code, "NIE")
    Client().post(f"/fallclearing/{stale}/")
    ClearingLink.objects.filter(reference="NIE").update(expires_at=old)
    out = io.StringIO()
    call_command("fallclearing_loeschen", stdout=out)
    assert "2 Fragebögen gelöscht (Frist 90 Tage)" in out.getvalue()
    erased = ClearingLink.objects.get(reference="ALT")
    assert erased.answers == {}
    assert erased.suggestion is None
    assert erased.erased_at
    assert ClearingLink.objects.get(reference="NEU").answers["deutsch"] == ["wenig"]
    url = f"/fallclearing-intern/{jobcenter.code}/eingang/{erased.pk}/"
    assert integration.get(url).status_code == 404
    out = io.StringIO()
    call_command("fallclearing_loeschen", "--tage", "1", stdout=out)
    assert "0 Fragebögen" in out.getvalue()  # NEU was submitted today


def test_links_from_a_csv_list_all_or_nothing(integration: Client, jobcenter: Jobcenter) -> None:
    url = f"/fallclearing-intern/{jobcenter.code}/links/liste/"
    bad = SimpleUploadedFile("liste.csv", b"Kennung\nBG-10\nMax Mustermann\nBG-10\n")
    response = integration.post(url, {"datei": bad, "tage": 14})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Zeile 3" in html
    assert "keine Namen" in html
    assert "steht schon in Zeile 2" in html
    assert ClearingLink.objects.count() == 0
    good = SimpleUploadedFile("liste.csv", b"Kennung;Bemerkung\nBG-10;x\nBG-11;y\n")
    response = integration.post(url, {"datei": good, "tage": 14})
    assert response.status_code == 200
    assert set(ClearingLink.objects.values_list("reference", flat=True)) == {"BG-10", "BG-11"}
    tokens = re.findall(r'name="token" value="([^"]+)"', response.content.decode())
    letters = integration.post(
        f"/fallclearing-intern/{jobcenter.code}/links/briefe.pdf", {"token": tokens}
    )
    assert letters["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(letters.content))
    assert len(reader.pages) == 2
    text = "".join(page.extract_text() for page in reader.pages)
    assert tokens[0][:20] in text.replace("\n", "")
    # a caseworker of another Jobcenter gets no letter for these tokens
    other = client_for(make_user("fremd", other_jobcenter(), Role.INTEGRATION))
    assert (
        other.post("/fallclearing-intern/jc-x/links/briefe.pdf", {"token": tokens}).status_code
        == 403
    )
    # too many, and the limit comes from the services
    many = "\n".join(f"X-{n}" for n in range(services.MAX_LIST + 1))
    response = integration.post(
        url, {"datei": SimpleUploadedFile("viele.csv", many.encode()), "tage": 14}
    )
    assert "höchstens 500 je Liste" in response.content.decode()


def test_a_lost_letter_gets_a_new_link_and_the_old_stops(
    integration: Client, jobcenter: Jobcenter
) -> None:
    old = _new_link(integration, jobcenter.code, "BG-20")
    link = ClearingLink.objects.get(reference="BG-20")
    response = integration.post(f"/fallclearing-intern/{jobcenter.code}/links/", {"link": link.pk})
    new = _token(response)
    assert new != old
    assert Client().get(f"/fallclearing/{old}/").status_code == 404
    assert Client().get(f"/fallclearing/{new}/").status_code == 200


def test_statistics_for_the_steuerung_only_with_small_cells_suppressed(
    integration: Client, jobcenter: Jobcenter
) -> None:
    _new_link(integration, jobcenter.code, "BG-30")
    leitung = client_for(make_user("leiterin", jobcenter, Role.LEITUNG))
    html = leitung.get(f"/fallclearing-intern/{jobcenter.code}/statistik/").content.decode()
    assert "<dd>weniger als 5</dd>" in html
    assert "BG-30" not in html
    assert integration.get(f"/fallclearing-intern/{jobcenter.code}/statistik/").status_code == 403
    beirat = client_for(make_user("beirat1", jobcenter, Role.BEIRAT))
    assert beirat.get(f"/fallclearing-intern/{jobcenter.code}/").status_code == 403


def test_a_new_questionnaire_version_keeps_old_answers_on_theirs(
    integration: Client, jobcenter: Jobcenter
) -> None:
    _new_link(integration, jobcenter.code, "BG-40")
    planung = client_for(make_user("planer", jobcenter, Role.PLANUNG))
    url = f"/fallclearing-intern/{jobcenter.code}/fragebogen/"
    broken = SimpleUploadedFile("neu.yaml", b"version: x\nquestions: []\n")
    html = planung.post(url, {"datei": broken}).content.decode()
    assert "Keine Fragen" in html
    assert "Text fehlt" in html
    text = DEFAULT_FILE.read_text("utf-8").replace('version: "2024-1"', 'version: "2025-1"')
    same = SimpleUploadedFile("neu.yaml", DEFAULT_FILE.read_bytes())
    assert "gibt es schon" in planung.post(url, {"datei": same}).content.decode()
    assert (
        planung.post(url, {"datei": SimpleUploadedFile("neu.yaml", text.encode())}).status_code
        == 302
    )
    _new_link(integration, jobcenter.code, "BG-41")
    versions = dict(ClearingLink.objects.values_list("reference", "questionnaire__version"))
    assert versions == {"BG-40": "2024-1", "BG-41": "2025-1"}
    assert QuestionnaireVersion.objects.count() == 2
    assert integration.get(url).status_code == 403
    # the stored version downloads as YAML that reads back to the same questionnaire
    newest = QuestionnaireVersion.objects.get(version="2025-1")
    download = planung.get(f"{url}{newest.pk}.yaml")
    assert download["Content-Disposition"].endswith('fragebogen-2025-1.yaml"')
    again = parse_document(download.content.decode(), "zurueck.yaml")
    assert again.questionnaire == replace(read_document().questionnaire, version="2025-1")
    other = QuestionnaireVersion.objects.create(
        jobcenter=other_jobcenter(), version="x", document={}
    )
    assert planung.get(f"{url}{other.pk}.yaml").status_code == 404


def test_offers_follow_the_stage_and_the_day(jobcenter: Jobcenter) -> None:
    counselling = Suggestion(
        "beratung",
        "Beratung",
        "niederschwellig",
        "fallmanagement",
        "ue25_flucht",
        ("ganzheitliche_betreuung",),
        (),
        "x",
    )
    names = [o.name for o in offers_for(jobcenter, counselling, date(2024, 6, 1))]
    assert "§ 16k Ganzheitliche Betreuung" in names
    assert "Familiencoaching" not in names
    names = [o.name for o in offers_for(jobcenter, counselling, date(2024, 2, 1))]
    assert "Familiencoaching" in names
    assert sum(1 for n in names if "16k" in n or "Ganzheitliche" in n) == 1  # measure added once
    other = other_jobcenter()
    assert offers_for(other, counselling, date(2024, 6, 1)) == []


def test_tokens_are_redacted_from_log_records() -> None:
    token = "A" * 43
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"GET /fallclearing/%s/frage/alter/ HTTP/1.1" 200',
        (token,),
        None,
    )
    RedactTokens().filter(record)
    assert token not in record.getMessage()
    assert "/fallclearing/[Link]/frage/alter/" in record.getMessage()


def test_only_link_creators_create_links(jobcenter: Jobcenter) -> None:
    leitung = client_for(make_user("leiterin", jobcenter, Role.LEITUNG))
    response = leitung.post(
        f"/fallclearing-intern/{jobcenter.code}/links/neu/", {"kennung": "X", "tage": 14}
    )
    assert response.status_code == 403
    assert Client().get(f"/fallclearing-intern/{jobcenter.code}/").status_code == 302  # login
    access = Access(jobcenter, Role.INTEGRATION)
    services.create_links(access, ["D"], 14, None)
    with pytest.raises(InputProblems, match="schon einen Link"):
        services.create_links(access, ["D"], 14, None)


def test_gunicorn_access_log_without_tokens() -> None:
    from datetime import timedelta as duration
    from types import SimpleNamespace

    from gunicorn.config import Config

    from amp.web.fallclearing.gunicorn import RedactingLogger

    token = "b" * 43
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/fallclearing/{token}/frage/alter/",
        "PATH_INFO": f"/fallclearing/{token}/frage/alter/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://amp.example/fallclearing/{token}/",
    }
    response = SimpleNamespace(status="200 OK", headers=[], sent=10)
    atoms = RedactingLogger(Config()).atoms(
        response, SimpleNamespace(headers=[]), environ, duration(0)
    )
    assert token not in str(atoms)
    assert atoms["r"] == "GET /fallclearing/[Link]/frage/alter/ HTTP/1.1"


def test_the_case_shows_the_finders_offers_with_free_places(
    integration: Client, jobcenter: Jobcenter
) -> None:
    """The answers describe the person to the offer finder; with contracts and flows
    imported, its matches carry free places from measure controlling."""
    from amp.example import DEMO_PLAN
    from amp.web.massnahmen.services import load_directory

    load_directory(jobcenter, DEMO_PLAN / "massnahmen")
    token = _new_link(integration, jobcenter.code, "BG-0815")
    applicant = Client()
    _answer_all(applicant, token, UKRAINIAN)
    applicant.post(f"/fallclearing/{token}/pruefen/")
    stored = ClearingLink.objects.get(reference="BG-0815")
    case = integration.get(f"/fallclearing-intern/{jobcenter.code}/eingang/{stored.pk}/")
    text = case.content.decode()
    assert "Aus dem Angebotsfinder" in text
    section = text.split("Aus dem Angebotsfinder", 1)[1].split("</section>", 1)[0]
    assert "<li>" in section, section
    assert " – passt" in section or " – prüfen" in section
