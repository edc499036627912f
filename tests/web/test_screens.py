"""The planning screens: overview, budget table with htmx edits, versions and their diff,
scenarios, the Verlauf, and logins in the audit trail."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from amp.core.budget import Column, Quantity, QuantityUnit
from amp.core.edit import value_at
from amp.web.plans import services
from amp.web.plans.models import AuditAction, AuditEntry, Jobcenter, PlanVersion, Role, Status
from amp.web.plans.presenters.page import optional_url
from tests.support import web_fixtures
from tests.web.test_plans import _client, _url, _user

pytestmark = pytest.mark.django_db

# the fixtures of the first web tests: the example plan as published version and a draft
published, draft, jobcenter = web_fixtures.published, web_fixtures.draft, web_fixtures.jobcenter

SCREENS = ("", "tabellen/", "budget/", "versionen/", "vergleich/", "szenario/", "verlauf/")
HTMX = {"HTTP_HX_REQUEST": "true"}
LINE = (0, 1)  # FbW - Umschulung: plan 950.000, commitments 473.344,31, 60 F


def _line(version: PlanVersion) -> Any:
    version.refresh_from_db()
    return version.core_plan().budget.groups[LINE[0]].lines[LINE[1]]


def _amount(client: Client, version: PlanVersion, value: str, **extra: Any) -> Any:
    line = _line(version)
    column = extra.pop("spalte", "plan")
    seen = line.amounts.get(Column(column))
    data = {
        "gruppe": str(LINE[0]),
        "zeile": str(LINE[1]),
        "spalte": column,
        "gesehen": extra.pop("gesehen", "" if seen is None else str(seen)),
        "betrag": value,
        **extra,
    }
    return client.post(_url(version, "betrag/"), data, **HTMX)


def _quantity(client: Client, version: PlanVersion, value: str, unit: str, **extra: Any) -> Any:
    from amp.web.plans.presenters.budget_rows import quantity_token

    data = {
        "gruppe": str(LINE[0]),
        "zeile": str(LINE[1]),
        "gesehen": extra.pop("gesehen", quantity_token(_line(version).quantity)),
        "menge": value,
        "einheit": unit,
        "alle": "1",
        **extra,
    }
    return client.post(_url(version, "menge/"), data, **HTMX)


def _planner(jobcenter: Jobcenter, name: str = "p") -> Client:
    return _client(_user(name, jobcenter, Role.PLANUNG))


# ---------------------------------------------------------------- access


def test_every_screen_sends_anonymous_users_to_login(published: PlanVersion) -> None:
    for screen in SCREENS:
        response = Client().get(_url(published, screen))
        assert response.status_code == 302, screen
        assert response["Location"].startswith("/anmelden/")
    for action in ("betrag/", "menge/", "szenario/"):
        assert Client().post(_url(published, action)).status_code == 302


def test_other_jobcenters_get_404_on_every_screen(published: PlanVersion) -> None:
    other = Jobcenter.objects.create(code="jc-x", name="Jobcenter X", kind="gE")
    client = _client(_user("fremd", other, Role.ADMIN))
    for screen in SCREENS:
        assert client.get(_url(published, screen)).status_code == 404, screen
    draft = services.branch(published.pk, None)
    assert _quantity(client, draft, "5", "P").status_code == 404
    assert client.post(_url(draft, "szenario/"), {"aenderung": "1"}).status_code == 404


def test_beirat_reads_published_screens_but_changes_nothing(
    jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    client = _client(_user("b", jobcenter, Role.BEIRAT))
    for screen in SCREENS:
        expected = 403 if screen == "szenario/" else 200
        assert client.get(_url(published, screen)).status_code == expected, screen
        assert client.get(_url(draft, screen)).status_code == 404, screen
    assert 'name="betrag"' not in client.get(_url(published, "budget/")).content.decode()
    assert _quantity(client, published, "5", "P").status_code == 403
    assert client.post(_url(published, "szenario/"), {"aenderung": "1"}).status_code == 403
    page = client.get(_url(published)).content.decode()
    assert "Szenario" not in page  # not in the tabs for those who may not use it
    assert PlanVersion.objects.count() == 2


def test_posts_without_csrf_token_are_refused(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = _client(_user("p", jobcenter, Role.PLANUNG), enforce_csrf=True)
    before = _line(draft)
    assert _quantity(client, draft, "5", "P").status_code == 403
    assert _amount(client, draft, "5").status_code == 403
    assert client.post(_url(draft, "szenario/"), {"aenderung": "1"}).status_code == 403
    assert _line(draft) == before
    assert PlanVersion.objects.count() == 2


def test_names_are_escaped_on_every_screen(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    core = draft.core_plan()
    group = core.budget.groups[0]
    evil_line = dataclasses.replace(group.lines[1], name="<script>alert(1)</script>")
    evil_group = dataclasses.replace(
        group, name="<script>alert(2)</script>", lines=(group.lines[0], evil_line, *group.lines[2:])
    )
    budget = dataclasses.replace(core.budget, groups=(evil_group, *core.budget.groups[1:]))
    draft.document = services.plan_to_document(dataclasses.replace(core, budget=budget))
    draft.label = "<script>alert(3)</script>"
    draft.save()
    client = _planner(jobcenter)
    _amount(client, draft, "1,00")
    for screen in (*SCREENS, "vergleich/?alt=1&neu=2", "szenario/?aenderung=1000"):
        page = client.get(_url(draft, screen)).content.decode()
        assert "<script>alert" not in page, screen
        assert "&lt;script&gt;alert" in page, screen
    fragment = _amount(client, draft, "2,00").content.decode()
    assert "<script>alert" not in fragment
    assert "&lt;script&gt;alert(1)" in fragment


# ---------------------------------------------------------------- overview


def test_overview_summarises_budget_balance_shares_and_findings(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    page = _planner(jobcenter).get(_url(published)).content.decode()
    assert "Eingliederungsmittel (Planung)</dt><dd>19.368.174,00 €" in page
    assert "Mittelausstattung (Eingliederungsmittel Bund zur Verfügung)" in page
    assert "Die Planung verteilt die verfügbaren Mittel genau." in page
    assert "Einnahmen und Ausgaben" in page  # the balance as the plan states it
    assert '<svg role="img" aria-labelledby="anteile-grafik"' in page
    assert "<caption>Mittelverteilung nach Zielgruppen" in page  # the chart's data as a table
    assert "18,64 %" in page  # the u25 share
    assert "Offene Befunde (19)" in page
    # a total that only repeats a wrong group sum is marked as its consequence
    assert (
        '<em class="consequence">Folgefehler von: Finanzplanung Eingliederungsmittel › '
        "Aktivierung, Qualifizierung und berufliche Eingliederung › "
        "Ausgaben HH 2023 Hochrechnung zum Jahresende</em>"
    ) in page
    links = re.findall(r'<td><a href="([^"]+)">', page)
    assert f"/staende/{published.pk}/budget/#zeile-" in " ".join(links)
    nav = page[page.index('class="tabs"') :]
    for label in ("Überblick", "Budget", "Tabellen", "Stände und Vergleich", "Szenario", "Verlauf"):
        assert f">{label}</a>" in nav
    assert 'aria-current="page">Überblick' in nav


def test_optional_screens_appear_only_when_their_url_exists() -> None:
    assert optional_url("plans:budget", 1) == "/staende/1/budget/"
    assert optional_url("plans:gibt-es-nicht", 1) is None


# ---------------------------------------------------------------- budget table


def test_budget_table_names_each_plan_input_by_its_line(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    page = _planner(jobcenter).get(_url(draft, "budget/")).content.decode()
    assert (
        '<th scope="row"><span id="name-0-1">FbW - Umschulung (§ 81ff SGB III)</span></th>' in page
    )
    assert 'name="betrag" id="feld-0-1-plan"' in page
    assert 'aria-labelledby="name-0-1"' in page
    assert 'name="spalte" value="commitments"' not in page  # only the Plan column by default
    assert "Summe Aktivierung, Qualifizierung und berufliche Eingliederung" in page
    assert "Gesamtsummen" in page
    full = _planner(jobcenter, "p2").get(_url(draft, "budget/?alle=1")).content.decode()
    assert 'name="spalte" value="commitments"' in full
    assert 'aria-labelledby="spalte-commitments name-0-1"' in full
    assert 'name="menge"' in full


def test_htmx_edit_returns_only_the_changed_fragments(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    group_before = draft.core_plan().budget.groups[0].computed_total().plan
    assert group_before is not None
    response = _amount(client, draft, "1.000.000,00")  # +50.000,00
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<tbody id="gruppe-0">')
    assert '<tfoot id="summen" hx-swap-oob="true">' in html
    assert '<section id="anteile" hx-swap-oob="true"' in html
    assert '<section id="befunde" hx-swap-oob="true"' in html
    assert 'id="gruppe-1"' not in html  # other groups stay as they are
    assert "gespeichert: 1.000.000,00 €" in html
    from amp.core import formatting

    assert formatting.money(group_before + 50000) in html  # the new group sum
    assert "19.418.174,00 €" in html  # the new grand total
    assert 'value="1000000.00"' in html  # the new compare-and-set value
    assert _line(draft).amounts.plan == Decimal("1000000.00")


def test_htmx_bad_input_is_reported_at_the_field(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    before = _line(draft)
    html = _amount(_planner(jobcenter), draft, "12,3,4").content.decode()
    assert 'aria-invalid="true" aria-describedby="fehler-0-1-plan"' in html
    assert '<p class="field-error" id="fehler-0-1-plan">Betrag „FbW - Umschulung' in html
    assert "mehr als ein Komma. Nichts wurde gespeichert." in html
    assert 'value="12,3,4"' in html  # what was typed stays to be corrected
    assert "summen" not in html  # nothing changed, so no sums
    assert _line(draft) == before


def test_htmx_conflict_shows_the_other_value_in_the_field(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    seen = str(_line(draft).amounts.plan)
    _amount(_planner(jobcenter, "p1"), draft, "100")
    html = _amount(_planner(jobcenter, "p2"), draft, "200", gesehen=seen).content.decode()
    assert "Konflikt – jemand anderes hat den Wert inzwischen auf 100,00 € geändert" in html
    assert 'value="100,00"' in html
    assert '<tfoot id="summen" hx-swap-oob="true">' in html  # the sums with the other value
    assert _line(draft).amounts.plan == Decimal("100.00")


def test_every_money_column_can_be_edited_and_is_audited(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    html = _amount(client, draft, "500.000", spalte="commitments", alle="1").content.decode()
    assert "gespeichert: 500.000,00 €" in html
    assert 'name="spalte" value="forecast_prev"' in html  # the fragment keeps all columns
    assert _line(draft).amounts.commitments == Decimal("500000.00")
    entry = AuditEntry.objects.get(path="budget.groups[0].lines[1].amounts.commitments")
    assert (entry.old, entry.new) == ("473344.31", "500000.00")
    wrong = client.post(
        _url(draft, "betrag/"),
        {"gruppe": "0", "zeile": "1", "spalte": "unbekannt", "gesehen": "", "betrag": "1"},
        **HTMX,
    )
    assert wrong.status_code == 400
    assert "Formular ist unvollständig" in wrong.content.decode()


def test_quantities_are_edited_with_german_numbers_and_checked(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    html = _quantity(client, draft, "1.200", "P", ungefaehr="1").content.decode()
    assert "Menge „FbW - Umschulung (§ 81ff SGB III)“ gespeichert: ~1.200 P." in html
    assert _line(draft).quantity == Quantity(1200, QuantityUnit.PLACES, approximate=True)
    entry = AuditEntry.objects.get(path="budget.groups[0].lines[1].quantity")
    assert entry.old == {"value": 60, "unit": "F", "approximate": True, "open": False}
    for typed, message in (("-3", "darf nicht negativ sein"), ("12a", "keine ganze Zahl")):
        html = _quantity(client, draft, typed, "P").content.decode()
        assert message in html
        assert 'aria-invalid="true"' in html
    html = _quantity(client, draft, "offen", "").content.decode()
    assert "gespeichert: offen." in html
    html = _quantity(client, draft, "5", "P", gesehen="60|F|1|0").content.decode()
    assert "Konflikt" in html
    assert _line(draft).quantity == Quantity(open=True)


def test_without_javascript_an_error_returns_the_whole_page(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = _planner(jobcenter)
    line = _line(draft)
    data = {"gruppe": "0", "zeile": "1", "gesehen": str(line.amounts.plan), "betrag": "abc"}
    response = client.post(_url(draft, "betrag/"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<html" in page
    assert 'class="field-error"' in page
    ok = client.post(_url(draft, "betrag/"), {**data, "betrag": "5"})
    assert ok["Location"] == _url(draft, "budget/")


# ---------------------------------------------------------------- versions and diff


def test_versions_list_shows_status_and_which_one_is_in_force(
    jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    leitung = _client(_user("l", jobcenter, Role.LEITUNG))
    leitung.post(_url(draft, "beschliessen/"), {"bestaetigt": "1"})
    newest = services.branch(draft.pk, None)
    page = leitung.get(_url(newest, "versionen/")).content.decode()
    assert "Beschlossen</td>" in page
    assert "Fortgeschrieben <strong>(gilt)</strong>" in page
    assert "Entwurf</td>" in page
    assert "Diesen Entwurf beschließen" in page
    assert f'href="/staende/{newest.pk}/vergleich/?alt={draft.pk}&amp;neu={newest.pk}"' in page


def test_diff_between_any_two_versions(jobcenter: Jobcenter, published: PlanVersion) -> None:
    client = _planner(jobcenter)
    second = services.branch(published.pk, None)
    _amount(client, second, "1.000.000,00")
    third = services.branch(second.pk, None)
    _quantity(client, third, "61", "F", ungefaehr="1")
    page = client.get(_url(third, "vergleich/"), {"alt": published.pk, "neu": third.pk})
    html = page.content.decode()
    assert "Vergleich: Version 1 → Version 3" in html
    assert "3 Änderungen" in html
    assert '<th scope="row">Status</th><td>geändert</td><td class="num">Beschlossen</td>' in html
    assert (
        '950.000,00 €</td><td class="num">1.000.000,00 €</td><td class="num">+50.000,00 €' in html
    )
    assert (
        "FbW - Umschulung (§ 81ff SGB III) › Menge › Anzahl</th>"
        '<td>geändert</td><td class="num">60</td>'
    ) in html
    same = client.get(_url(third, "vergleich/"), {"alt": third.pk, "neu": third.pk})
    assert "Bitte zwei verschiedene Stände wählen." in same.content.decode()
    default = client.get(_url(second, "vergleich/")).content.decode()
    assert "Vergleich: Version 1 → Version 2" in default  # the parent by default


# ---------------------------------------------------------------- scenarios


def test_scenario_cut_in_euros_preview_shows_lines_and_places(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    page = client.get(_url(published, "szenario/"), {"aenderung": "100.000", "einheit": "eur"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Vorschau: Kürzung um 100.000,00 € (anteilig)" in html
    assert "Verlangte Änderung: -100.000,00 €" in html
    assert "19.368.174,00 € → <strong>19.268.174,00 €</strong>" in html
    assert re.search(r"-\d+ Plätze", html)
    assert PlanVersion.objects.count() == 1


def test_scenario_raise_in_percent_and_the_headroom_limit(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    raised = client.get(
        _url(published, "szenario/"),
        {"aenderung": "5", "einheit": "prozent", "richtung": "erhoehung"},
    ).content.decode()
    assert "Vorschau: Erhöhung um 5,00 % (anteilig)" in raised
    too_much = client.get(_url(published, "szenario/"), {"aenderung": "100", "einheit": "prozent"})
    assert too_much.status_code == 400
    text = too_much.content.decode()
    assert "größer als der Spielraum der Ermessensleistungen" in text
    assert "möglich höchstens" in text
    bad = client.get(_url(published, "szenario/"), {"aenderung": "zehn"})
    assert bad.status_code == 400
    assert "Änderung: keine Zahl" in bad.content.decode()


def test_scenario_by_priorities_is_saved_as_a_new_draft_with_audit(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    core = published.core_plan()
    first = core.budget.groups[0].lines[1]  # FbW - Umschulung: cut last
    data = {
        "aenderung": "10.000",
        "einheit": "eur",
        "richtung": "kuerzung",
        "verteilung": "prioritaet",
        **{f"prio-{line.id}": "2" for line in core.budget.lines()},
        f"prio-{first.id}": "1",
    }
    preview = client.get(_url(published, "szenario/"), data).content.decode()
    assert "Kürzung um 10.000,00 € (nach Priorität)" in preview
    response = client.post(_url(published, "szenario/"), data)
    created = PlanVersion.objects.get(parent=published)
    assert response["Location"] == _url(created)
    assert created.status == Status.ENTWURF
    assert "Kürzung um 10.000,00 € (nach Priorität)" in created.label
    after = created.core_plan()
    assert value_at(after, ("budget", "groups", 0, "lines", 1)) == first  # untouched
    before_total = core.budget.computed_total().plan
    assert before_total is not None
    assert after.budget.computed_total().plan == before_total - 10000
    entries = AuditEntry.objects.filter(version=created)
    assert [e.new for e in entries.filter(path="")] == [
        "Kürzung um 10.000,00 € (nach Priorität) aus Version 1"
    ]
    assert entries.filter(path__startswith="budget.").count() >= 1
    wrong = client.get(_url(published, "szenario/"), {**data, f"prio-{first.id}": "0"})
    assert "Priorität „FbW - Umschulung (§ 81ff SGB III)“: eine ganze Zahl ab 1" in (
        wrong.content.decode()
    )


def test_scenario_post_without_amount_saves_nothing(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    response = _planner(jobcenter).post(_url(published, "szenario/"), {"aenderung": ""})
    assert response.status_code == 400
    assert "Pflichtangabe fehlt" in response.content.decode()
    assert PlanVersion.objects.count() == 1


# ---------------------------------------------------------------- Verlauf and logins


def test_history_shows_who_changed_what_in_german(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = _planner(jobcenter)
    _amount(client, draft, "1.234,50")
    _quantity(client, draft, "61", "F")
    _client(_user("l", jobcenter, Role.LEITUNG)).post(
        _url(draft, "beschliessen/"), {"bestaetigt": "1"}
    )
    page = client.get(_url(draft, "verlauf/")).content.decode()
    place = (
        "Finanzplanung › Aktivierung, Qualifizierung und berufliche Eingliederung › "
        "FbW - Umschulung (§ 81ff SGB III) › Planung"
    )
    assert f'<th scope="row">{place}</th><td class="num">950.000,00 €</td>' in page
    assert '<td class="num">1.234,50 €</td>' in page
    assert 'FbW - Umschulung (§ 81ff SGB III) › Menge</th><td class="num">~60 F</td>' in page
    assert "<td>p</td>" in page
    assert "<td>l</td>" in page
    assert 'Status</th><td class="num">Entwurf</td><td class="num">Fortgeschrieben' in page
    assert "angelegt als Kopie von Version 1" in page


def test_logins_and_failed_logins_are_audited(published: PlanVersion) -> None:
    User.objects.create_user(username="p", password="ein-langes-Passwort-2024")
    client = Client()
    client.post("/anmelden/", {"username": "p", "password": "falsch"})
    client.post("/anmelden/", {"username": "p", "password": "ein-langes-Passwort-2024"})
    client.post("/abmelden/")
    entries = list(
        AuditEntry.objects.filter(version=None).order_by("id").values_list("action", "username")
    )
    assert entries == [
        (AuditAction.LOGIN_FAILED, "p"),
        (AuditAction.LOGIN, "p"),
        (AuditAction.LOGOUT, "p"),
    ]
    failed = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert failed.user is None
    assert "falsch" not in str(failed.old) + str(failed.new) + failed.path
