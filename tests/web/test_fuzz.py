"""Hostile input at every form field, upload and API parameter: never a server error, always
a German message when refused, and nothing written when refused.

Hypothesis draws from a catalogue of values that broke amp or web apps like it (Unicode
digits, huge and negative numbers, 10.000 characters, NUL bytes, HTML, right-to-left marks,
broken encodings) mixed with arbitrary text. The example counts keep the whole suite under
two minutes on CI (docs/sicherheit.md).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amp.web.plans.api import create_token
from amp.web.plans.models import AuditEntry, Jobcenter, PlanVersion, Role
from tests.support.web_fixtures import client_for, draft, jobcenter, make_user, published

pytestmark = pytest.mark.django_db
__all__ = ["draft", "jobcenter", "published"]  # fixtures

HOSTILE = [
    "",
    " ",
    "²",
    "1²",
    "١٢٣",
    "۱۲۳",
    "１２３",
    "१२३",
    "½",
    "Ⅻ",
    "99999999999999999999999999,99",
    "9" * 27,
    "9" * 4000,
    "-1",
    "-999.999,99",
    "1e999999",
    "NaN",
    "Infinity",
    "0x1F",
    "1.2.3,4,5",
    "x" * 10_000,
    "a\x00b",
    "\x00",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\u202e123\u202c",
    "\u200f١٢\u200e",
    "Ã¤Ã¶Ã¼",
    "%FF%FE",
    "{{ 7*7 }}",
    "' OR 1=1 --",
    "../../etc/passwd",
    "offen",
    "1.000",
    "12,50",
]
NUMBERS = itertools.count()
SETTINGS = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def hostile() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=40),  # browsers send UTF-8
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
    )


GERMAN = re.compile(
    r"nicht|bitte|keine|höchstens|Pflicht|Ziffer|Formular|Konflikt|zu lang|unzulässig|"
    r"gibt es|Zeichen|Anmeld|gespeichert|erlaubt|gültig|Wert|Zahl|Datum|Wählen|Feld",
    re.IGNORECASE,
)


@dataclass
class World:
    planner: Client
    reader: Any  # a Leitung user for the API
    draft: PlanVersion
    published: PlanVersion
    jobcenter: Jobcenter


@pytest.fixture
def world(jobcenter: Jobcenter, published: PlanVersion, draft: PlanVersion) -> World:
    admin = make_user("fuzz-planung", jobcenter, Role.ADMIN)
    reader = make_user("fuzz-leitung", jobcenter, Role.LEITUNG)
    return World(client_for(admin), reader, draft, published, jobcenter)


def _state(world: World) -> tuple[Any, int, int]:
    world.draft.refresh_from_db()
    return world.draft.document, AuditEntry.objects.count(), PlanVersion.objects.count()


def _text(response: Any) -> str:
    return response.content.decode("utf-8", errors="replace")


def _sent_safely(world: World, send: Callable[[], Any]) -> None:
    """Send; no 5xx; a refusal carries a German message and changed nothing."""
    before = _state(world)
    response = send()
    assert response.status_code < 500, _text(response)[-2000:]
    if response.status_code >= 400 and response.status_code not in {404, 405}:
        assert GERMAN.search(_text(response)), _text(response)[-2000:]
        assert _state(world) == before


def _form(page: str) -> dict[str, str]:
    import html

    fields: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]*)"', tag)
        if name and (kind is None or kind.group(1) not in {"submit", "checkbox", "radio"}):
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    return fields


# ---------------------------------------------------------------- the budget


AMOUNT_FIELDS = ["betrag", "gesehen", "gruppe", "zeile", "spalte", "alle"]


@SETTINGS
@given(field=st.sampled_from(AMOUNT_FIELDS), value=hostile(), htmx=st.booleans())
def test_amount_edit(world: World, field: str, value: str, htmx: bool) -> None:
    world.draft.refresh_from_db()
    seen = world.draft.core_plan().budget.groups[0].lines[1].amounts.plan
    data = {"gruppe": "0", "zeile": "1", "gesehen": str(seen), "betrag": "1.000", field: value}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = f"/staende/{world.draft.pk}/betrag/"
    _sent_safely(world, lambda: world.planner.post(url, data, **headers))


QUANTITY_FIELDS = ["menge", "einheit", "ungefaehr", "gesehen", "gruppe", "zeile"]


@SETTINGS
@given(field=st.sampled_from(QUANTITY_FIELDS), value=hostile())
def test_quantity_edit(world: World, field: str, value: str) -> None:
    data = {"gruppe": "0", "zeile": "1", "gesehen": "", "menge": "12", "einheit": "P"}
    data[field] = value
    url = f"/staende/{world.draft.pk}/menge/"
    _sent_safely(world, lambda: world.planner.post(url, data, alle="1"))


@SETTINGS
@given(query=st.dictionaries(st.sampled_from(["alle", "a", "b", "monat"]), hostile(), max_size=2))
def test_query_parameters_of_the_screens(world: World, query: dict[str, str]) -> None:
    pk = world.draft.pk
    for url in (f"/staende/{pk}/budget/", f"/staende/{pk}/vergleich/", "/kennzahlen/"):
        _sent_safely(world, lambda url=url: world.planner.get(url, query))


# ---------------------------------------------------------------- scenario


SCENARIO_FIELDS = ["aenderung", "einheit", "richtung", "verteilung", "prozent", "prio-x"]


@SETTINGS
@given(field=st.sampled_from(SCENARIO_FIELDS), value=hostile(), post=st.booleans())
def test_scenario(world: World, field: str, value: str, post: bool) -> None:
    core = world.published.core_plan()
    name = f"prio-{list(core.budget.lines())[1].id}" if field == "prio-x" else field
    data = {"aenderung": "1.000", "einheit": "eur", "richtung": "kuerzung", name: value}
    url = f"/staende/{world.published.pk}/szenario/"
    send = world.planner.post if post else world.planner.get
    _sent_safely(world, lambda: send(url, data))


# ---------------------------------------------------------------- vouchers, measures, users


@SETTINGS
@given(value=hostile(), pick=st.integers(min_value=0, max_value=10_000), seen=st.booleans())
def test_voucher_grid(world: World, value: str, pick: int, seen: bool) -> None:
    url = f"/staende/{world.draft.pk}/gutscheine/bearbeiten/"
    form = _form(_text(world.planner.get(url)))
    names = sorted(
        n for n in form if n.startswith("gesehen-") == seen and n != "csrfmiddlewaretoken"
    )
    form[names[pick % len(names)]] = value
    _sent_safely(world, lambda: world.planner.post(url, form))


MEASURE_FIELDS = [
    "name",
    "provider",
    "legal_basis",
    "places_value",
    "duration",
    "duration_months_max",
    "category",
    "target_group",
    "audience",
    "content",
    "retender_planned_from",
    "note",
    "laufzeiten",
    "gesehen-name",
]


@SETTINGS
@given(field=st.sampled_from(MEASURE_FIELDS), value=hostile(), new=st.booleans())
def test_measure_forms(world: World, field: str, value: str, new: bool) -> None:
    core = world.draft.core_plan()
    table = core.measure_tables[0]
    base = f"/staende/{world.draft.pk}/massnahmen/{table.id}/"
    url = f"{base}neue-massnahme/" if new else f"{base}{table.measures[0].id}/"
    form = _form(_text(world.planner.get(url)))
    form.setdefault("name", "Neue Maßnahme")
    form.setdefault("legal_basis", "§ 45 SGB III")
    form[field] = value
    _sent_safely(world, lambda: world.planner.post(url, form))


USER_FIELDS = ["username", "first_name", "last_name", "email", "role", "password1", "password2"]


@SETTINGS
@given(field=st.sampled_from(USER_FIELDS), value=hostile())
def test_user_administration(world: World, field: str, value: str) -> None:
    code = world.jobcenter.code
    data = {
        "username": "neu",
        "first_name": "Neu",
        "last_name": "Person",
        "email": "neu@example.org",
        "role": Role.PLANUNG,
        "password1": "ein langes Passwort 2024",
        "password2": "ein langes Passwort 2024",
        field: value,
    }
    url = f"/verwaltung/{code}/benutzer/neu/"
    _sent_safely(world, lambda: world.planner.post(url, data))
    member = make_user(f"m-{next(NUMBERS)}", world.jobcenter, Role.BEIRAT)
    for action in ("rolle", "anmeldung"):
        target = f"/verwaltung/{code}/benutzer/{member.pk}/{action}/"
        _sent_safely(world, lambda t=target: world.planner.post(t, {"role": value, "aktiv": value}))


@SETTINGS
@given(username=hostile(), password=hostile())
def test_login(world: World, username: str, password: str) -> None:
    _sent_safely(
        world, lambda: Client().post("/anmelden/", {"username": username, "password": password})
    )


# ---------------------------------------------------------------- broken encodings


@SETTINGS
@given(field=st.sampled_from(["betrag", "gesehen", "gruppe"]), raw=st.binary(max_size=30))
def test_broken_encodings(world: World, field: str, raw: bytes) -> None:
    from urllib.parse import quote_from_bytes

    body = f"gruppe=0&zeile=1&gesehen=&betrag=1&{field}={quote_from_bytes(raw)}"
    url = f"/staende/{world.draft.pk}/betrag/"
    send = lambda: world.planner.generic(  # noqa: E731
        "POST", url, body.encode("ascii"), "application/x-www-form-urlencoded"
    )
    _sent_safely(world, send)


# ---------------------------------------------------------------- uploads


@SETTINGS
@given(
    content=st.one_of(
        st.binary(max_size=200),
        st.just(b"PK\x03\x04" + b"\x00" * 100),
        st.just(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>"),
    ),
    name=st.sampled_from(["plan.xlsx", "plan.XLSX", "plan.xlsx\x00.exe", "² .xlsx", "x" * 300]),
    new_plan=st.booleans(),
)
def test_workbook_uploads(world: World, content: bytes, name: str, new_plan: bool) -> None:
    upload = SimpleUploadedFile(name, content, "application/octet-stream")
    if new_plan:
        url, data = "/import/", {"jobcenter": str(world.jobcenter.pk), "arbeitsmappe": upload}
    else:
        url, data = f"/staende/{world.draft.pk}/import/", {"arbeitsmappe": upload}
    _sent_safely(world, lambda: world.planner.post(url, data))


# ---------------------------------------------------------------- the API


@SETTINGS
@given(
    ident=st.one_of(hostile(), st.integers(min_value=-(10**30), max_value=10**30).map(str)),
    part=st.sampled_from(["", "/dokument", "/befunde"]),
    token=st.sampled_from(["valid", "", "x" * 5000, "\u202eabc"]),
)
def test_api_parameters(world: World, ident: str, part: str, token: str) -> None:
    from urllib.parse import quote

    secret = create_token(world.reader) if token == "valid" else token
    url = f"/api/staende/{quote(ident, safe='')}{part}"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    before = _state(world)
    response = Client().get(url, **headers)
    assert response.status_code < 500, _text(response)[-2000:]
    assert _state(world)[0] == before[0]
