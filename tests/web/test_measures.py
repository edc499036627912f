"""Measures and voucher plans in the web app: screens, permissions, edits, conflicts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from amp.core.edit import value_at
from amp.web.plans.forms.fields import seen_text
from amp.web.plans.forms.measure import PARTS, initial
from amp.web.plans.models import AuditEntry, Jobcenter, PlanVersion, Role
from tests.support.web_fixtures import (
    EXAMPLE,
    client_for,
    draft,
    jobcenter,
    make_user,
    other_jobcenter,
    published,
    race,
    slowed,
)

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published"]  # fixtures

CHANCEN = ("measure_tables", 0, "measures", 0)  # u25.yaml is the first table


def _url(version: PlanVersion, rest: str = "") -> str:
    return f"/staende/{version.pk}/{rest}"


def _measure_url(version: PlanVersion, action: str = "") -> str:
    return _url(version, f"massnahmen/u25/chancen/{action}")


def _form(version: PlanVersion, **changes: Any) -> dict[str, Any]:
    """The edit form as the browser would send it, with the given fields changed."""
    version.refresh_from_db()
    measure = value_at(version.core_plan(), CHANCEN)
    data: dict[str, Any] = {
        k: v for k, v in initial(measure).items() if not isinstance(v, bool) or v
    }
    data |= {f"gesehen-{p.key}": seen_text(getattr(measure, p.key)) for p in PARTS}
    data["laufzeiten"] = str(len(measure.contract_periods))
    data |= changes
    return data


def _measure(version: PlanVersion) -> Any:
    version.refresh_from_db()
    return value_at(version.core_plan(), CHANCEN)


def test_anonymous_is_sent_to_login(draft: PlanVersion) -> None:
    for url in (_url(draft, "massnahmen/"), _measure_url(draft), _url(draft, "gutscheine/")):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/anmelden/")


def test_measure_list_shows_tables_totals_and_findings(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = client_for(make_user("l", jobcenter, Role.LEITUNG))
    page = client.get(_url(published, "massnahmen/")).content.decode()
    assert "Vergabemaßnahmen für Jugendliche und junge Erwachsene (u25)" in page
    assert "ChancEN" in page
    assert "Los 1: 01.01.2022 – 31.03.2025" in page
    assert "Befunde zu Maßnahmen und Plätzen" in page
    assert "bearbeiten" not in page  # Leitung reads, and a published version is not editable
    detail = client.get(_measure_url(published)).content.decode()
    assert "§ 16h SGB II" in detail
    assert "Maßnahme bearbeiten" not in detail


def test_unknown_measure_and_other_jobcenter_get_404(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    planner = client_for(make_user("p", jobcenter, Role.PLANUNG))
    assert planner.get(_url(draft, "massnahmen/u25/gibtsnicht/")).status_code == 404
    stranger = client_for(make_user("x", other_jobcenter(), Role.ADMIN))
    assert stranger.get(_url(draft, "massnahmen/")).status_code == 404
    assert stranger.get(_measure_url(draft)).status_code == 404
    assert stranger.post(_measure_url(draft, "bearbeiten/"), _form(draft)).status_code == 404
    assert stranger.get(_url(draft, "gutscheine/")).status_code == 404


def test_beirat_sees_published_measures_only(
    jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion
) -> None:
    beirat = client_for(make_user("b", jobcenter, Role.BEIRAT))
    assert beirat.get(_url(published, "massnahmen/")).status_code == 200
    assert beirat.get(_url(draft, "massnahmen/")).status_code == 404
    assert beirat.get(_url(draft, "gutscheine/")).status_code == 404


@pytest.mark.parametrize("role", [Role.LEITUNG, Role.BEIRAT])
def test_readers_may_not_edit(jobcenter: Jobcenter, draft: PlanVersion, role: Role) -> None:
    client = client_for(make_user("r", jobcenter, role))
    expected = 403 if role == Role.LEITUNG else 404  # Beirat does not see drafts at all
    response = client.post(_measure_url(draft, "bearbeiten/"), _form(draft, places_value="99"))
    assert response.status_code == expected
    assert client.post(_url(draft, "gutscheine/bearbeiten/"), {}).status_code == expected
    assert _measure(draft).places.value == 52


def test_published_version_is_not_editable(jobcenter: Jobcenter, published: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    assert client.get(_measure_url(published, "bearbeiten/")).status_code == 403


def test_edit_without_csrf_token_is_refused(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG), enforce_csrf=True)
    response = client.post(_measure_url(draft, "bearbeiten/"), _form(draft, places_value="99"))
    assert response.status_code == 403
    assert _measure(draft).places.value == 52


def test_edit_places_provider_and_period(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    form = _form(
        draft,
        places_value="1.060",
        provider="Werkstatt EN gGmbH",
        p2_lot="Los 4",
        p2_start="01.04.2024",
        p2_end="31.03.2026",
        p2_option="on",
    )
    response = client.post(_measure_url(draft, "bearbeiten/"), form, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 Angabe(n) gespeichert" in page
    measure = _measure(draft)
    assert measure.places.value == 1060
    assert measure.provider == "Werkstatt EN gGmbH"
    assert measure.contract_periods[-1].lot == "Los 4"
    assert measure.contract_periods[-1].option is True
    # the audit names the place in German, with old → new as the screen shows them
    entry = AuditEntry.objects.get(version=draft, path__endswith="places")
    assert entry.label.endswith("› ChancEN › Plätze")
    assert (entry.old, entry.new) == ("52", "1.060")
    # the new total and the finding on the printed total show the new state
    listing = client.get(_url(draft, "massnahmen/")).content.decode()
    assert "1.372" in listing  # 364 − 52 + 1.060
    assert "gedruckt: 364" in listing


def test_bad_input_is_reported_at_the_field_and_nothing_saved(
    jobcenter: Jobcenter, draft: PlanVersion
) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    before = _measure(draft)
    form = _form(
        draft,
        places_value="viele",
        provider="neu",
        p0_end="31.02.2025",
        p1_start="01.05.2025",
        p1_end="01.01.2025",
        name="",
    )
    response = client.post(_measure_url(draft, "bearbeiten/"), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Keine ganze Zahl (z. B. 1.234 schreiben)." in page
    assert "Den Tag 31.02.2025 gibt es nicht." in page
    assert "Das Vertragsende liegt vor dem Beginn." in page
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert 'aria-invalid="true"' in page
    assert _measure(draft) == before
    assert not AuditEntry.objects.filter(version=draft).exclude(path="").exists()


def test_conflict_keeps_the_other_value(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    first = client_for(make_user("p1", jobcenter, Role.PLANUNG))
    second = client_for(make_user("p2", jobcenter, Role.ADMIN))
    stale = _form(draft, places_value="60")
    assert first.post(_measure_url(draft, "bearbeiten/"), _form(draft, places_value="70"))
    response = second.post(_measure_url(draft, "bearbeiten/"), stale)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Konflikt: jemand anderes hat „Plätze“ inzwischen auf 70 geändert" in page
    assert _measure(draft).places.value == 70
    # the form now carries the current value as seen: saving again overwrites on purpose
    resent = {key: value for key, value in stale.items() if not key.startswith("gesehen-")} | {
        f"gesehen-{p.key}": seen_text(getattr(_measure(draft), p.key)) for p in PARTS
    }
    assert second.post(_measure_url(draft, "bearbeiten/"), resent).status_code == 302
    assert _measure(draft).places.value == 60


def test_names_are_escaped(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    form = _form(draft, name="<script>alert(1)</script>")
    assert client.post(_measure_url(draft, "bearbeiten/"), form).status_code == 302
    for url in (
        _url(draft, "massnahmen/"),
        _measure_url(draft),
        _measure_url(draft, "bearbeiten/"),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# ---------------------------------------------------------------- voucher plans

GOAL = ("training_vouchers", "goals", 0, "quarters", 0)


def _voucher_form(client: Client, version: PlanVersion) -> dict[str, str]:
    """Every input of the edit grid with the value the page shows."""
    import re

    page = client.get(_url(version, "gutscheine/bearbeiten/")).content.decode()
    fields = re.findall(r'name="((?:gesehen-)?(?:bgs|avgs)-[\d-]+)"[^>]*value="([^"]*)"', page)
    return {name: value.replace("&quot;", '"') for name, value in fields}


def test_voucher_plans_show_totals(jobcenter: Jobcenter, published: PlanVersion) -> None:
    client = client_for(make_user("l", jobcenter, Role.LEITUNG))
    page = client.get(_url(published, "gutscheine/")).content.decode()
    assert "Summe Fortbildung" in page
    assert "Gesamtsumme AVGS" in page
    assert "Gutscheinplanung bearbeiten" not in page


def test_voucher_edit_changes_quarter_and_total(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    form = _voucher_form(client, draft)
    assert len(form) > 20
    before = value_at(draft.core_plan(), GOAL)
    form["bgs-0-0"] = "1.000"
    response = client.post(_url(draft, "gutscheine/bearbeiten/"), form, follow=True)
    page = response.content.decode()
    assert "1 Wert(e) gespeichert" in page
    draft.refresh_from_db()
    assert value_at(draft.core_plan(), GOAL) == 1000
    assert "Die Zeilensumme ist nicht die Summe der Quartale." in page  # printed total now off
    entry = AuditEntry.objects.get(version=draft, path="training_vouchers.goals[0].quarters[0]")
    assert (entry.old, entry.new) == (str(before), "1.000")
    assert entry.label.endswith("› 1. Quartal")


def test_voucher_bad_input_and_conflict(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    form = _voucher_form(client, draft)
    bad = form | {"bgs-0-0": "-3", "bgs-0-1": "7"}
    response = client.post(_url(draft, "gutscheine/bearbeiten/"), bad)
    assert response.status_code == 400
    assert "Darf nicht negativ sein." in response.content.decode()
    draft.refresh_from_db()
    assert value_at(draft.core_plan(), ("training_vouchers", "goals", 0, "quarters", 1)) != 7
    other = client_for(make_user("p2", jobcenter, Role.PLANUNG))
    assert (
        other.post(_url(draft, "gutscheine/bearbeiten/"), form | {"bgs-0-0": "5"}).status_code
        == 302
    )
    response = client.post(_url(draft, "gutscheine/bearbeiten/"), form | {"bgs-0-0": "9"})
    assert response.status_code == 409
    assert "inzwischen auf 5 geändert" in response.content.decode()
    draft.refresh_from_db()
    assert value_at(draft.core_plan(), GOAL) == 5


def test_a_period_is_removed_and_retender_set(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    form = _form(draft, p1_delete="on", retender_planned_from="01.04.2025", laufzeiten="x")
    assert client.post(_measure_url(draft, "bearbeiten/"), form).status_code == 302
    measure = _measure(draft)
    assert [p.lot for p in measure.contract_periods] == ["Los 1"]
    assert measure.retender is not None
    assert measure.retender.planned_from.isoformat() == "2025-04-01"
    entry = AuditEntry.objects.get(version=draft, path__endswith="contract_periods")
    assert entry.old == "Los 1: 01.01.2022 – 31.03.2025; Los 2 und 3: 01.04.2022 – 31.03.2025"
    assert entry.new == "Los 1: 01.01.2022 – 31.03.2025"
    detail = client.get(_measure_url(draft)).content.decode()
    assert "ab 01.04.2025" in detail
    assert "Laufzeiten" in detail  # the audit on the measure's page names the place in German


def test_an_incomplete_form_saves_nothing(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    form = _form(draft, places_value="99")
    del form["gesehen-places"]
    response = client.post(_measure_url(draft, "bearbeiten/"), form)
    assert response.status_code == 400
    assert "Das Formular ist unvollständig" in response.content.decode()
    assert _measure(draft).places.value == 52


def test_a_measure_is_added_and_removed(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    assert "Maßnahme hinzufügen" in client.get(_url(draft, "massnahmen/")).content.decode()
    url = _url(draft, "massnahmen/u25/neue-massnahme/")
    form = {
        "name": "Neue Wege für Ältere",
        "legal_basis": "§ 45 SGB III",
        "places_value": "1.200",
        "provider": "Träger <b>EN</b>",
        "p0_start": "01.01.2024",
        "p0_end": "31.12.2024",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    assert response["Location"] == _url(draft, "massnahmen/u25/neue_wege_fuer_aeltere/")
    draft.refresh_from_db()
    table = draft.core_plan().measure_tables[0]
    added = table.measures[-1]
    assert (added.id, added.places.value, added.provider) == (
        "neue_wege_fuer_aeltere",
        1200,
        "Träger <b>EN</b>",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Träger &lt;b&gt;EN&lt;/b&gt;" in page
    assert "<td>neu</td>" in page  # the audit entry of the new measure
    # the same name again gets an id of its own
    assert client.post(url, form)["Location"].endswith("/neue_wege_fuer_aeltere_2/")
    # removal
    response = client.post(_url(draft, "massnahmen/u25/neue_wege_fuer_aeltere/entfernen/"))
    assert response.status_code == 302
    draft.refresh_from_db()
    ids = [m.id for m in draft.core_plan().measure_tables[0].measures]
    assert "neue_wege_fuer_aeltere" not in ids
    assert "neue_wege_fuer_aeltere_2" in ids
    entry = AuditEntry.objects.get(new="entfernt")
    assert entry.path == "measure_tables.u25.measures.neue_wege_fuer_aeltere"


def test_a_measure_in_use_is_not_removed(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    client = client_for(make_user("p", jobcenter, Role.PLANUNG))
    response = client.post(_measure_url(draft, "entfernen/"), follow=True)
    page = response.content.decode()
    assert "kann nicht entfernt werden, sie wird noch verwendet" in page
    assert "Finanzplanung, Zeile" in page
    assert "Förderkette" in page
    assert _measure(draft).id == "chancen"


def test_adding_needs_name_and_rights(jobcenter: Jobcenter, draft: PlanVersion) -> None:
    url = _url(draft, "massnahmen/u25/neue-massnahme/")
    planner = client_for(make_user("p", jobcenter, Role.PLANUNG))
    response = planner.post(url, {"name": "", "legal_basis": "", "places_value": "x"})
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    leitung = client_for(make_user("l", jobcenter, Role.LEITUNG))
    assert leitung.post(url, {"name": "A", "legal_basis": "B"}).status_code == 403
    assert leitung.post(_measure_url(draft, "entfernen/")).status_code == 403
    assert planner.get(_url(draft, "massnahmen/gibtsnicht/neue-massnahme/")).status_code == 404
    draft.refresh_from_db()
    assert len(draft.core_plan().measure_tables[0].measures) == 11


@pytest.mark.django_db(transaction=True)
def test_simultaneous_measure_edits_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two planners save the same measure field at once: one wins, the other is told.

    Writing is slowed down so that both read before either writes; only the row lock keeps
    the second from overwriting the first. SQLite cannot lock rows: PostgreSQL only.
    """
    from django.db import connection

    from amp.web.plans import plan_edits, services

    if connection.vendor != "postgresql":
        pytest.skip("Zeilensperren (select_for_update) gibt es nur auf PostgreSQL")
    version = services.branch(services.import_plan(EXAMPLE).pk, None)
    seen = plan_edits.seen_form(_measure(version).name)
    slowed(plan_edits, "plan_to_document", monkeypatch)

    def save(name: str) -> None:
        edit = plan_edits.FieldEdit((*CHANCEN, "name"), "Name", seen, name, str)
        plan_edits.apply_edits(version.pk, None, [edit])

    assert race(save, ("Eins", "Zwei"), plan_edits.EditConflicts) == ["conflict", "saved"]
    assert AuditEntry.objects.filter(version=version, label="Name").count() == 1
