"""The steering screens of the Vollzug: alerts; funds, Fortschreibungen and the
Verpflichtungsermächtigung; applying an Umschichtung; next year's draft. Who may see and
change what, the figures against the core, German errors, compare-and-set, audit."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from amp.core.ledger.alerts import alerts
from amp.core.ledger.steering import steer
from amp.io.ledger.store import load_ledger
from amp.web.plans.models import Jobcenter, PlanVersion, Role
from amp.web.vollzug.models import LedgerRecord
from tests.support.web_fixtures import client_for, jobcenter, make_user, other_jobcenter, published
from tests.web.vollzug_fixtures import DEMO_LEDGER, ledger

pytestmark = pytest.mark.django_db
__all__ = ["jobcenter", "ledger", "published"]  # fixtures

READ_PAGES = ("warnungen/",)


def _url(jc: Jobcenter, tail: str = "") -> str:
    return f"/vollzug/{jc.code}/2024/{tail}"


def _client(jc: Jobcenter, role: str) -> Client:
    return client_for(make_user(f"u-{role}", jc, role))


def test_who_reads_the_new_pages(ledger: LedgerRecord, jobcenter: Jobcenter) -> None:
    for tail in READ_PAGES:
        assert Client().get(_url(jobcenter, tail)).status_code == 302
        for role in (Role.INTEGRATION, Role.FALLMANAGEMENT):
            assert _client(jobcenter, role).get(_url(jobcenter, tail)).status_code == 404
        for role in (Role.BEIRAT, Role.LEITUNG, Role.PLANUNG, Role.ADMIN):
            assert _client(jobcenter, role).get(_url(jobcenter, tail)).status_code == 200, role
        stranger = client_for(make_user("fremd", other_jobcenter(), Role.PLANUNG))
        assert stranger.get(_url(jobcenter, tail)).status_code == 404


def test_alerts_page_lists_the_core_alerts_with_links(
    ledger: LedgerRecord, jobcenter: Jobcenter, published: PlanVersion
) -> None:
    data = load_ledger(DEMO_LEDGER, published.core_plan())
    expected = alerts(
        steer(data.ledger, data.config.year, data.config.stand), data.config.tolerance
    )
    assert expected  # the demo has lines running short or staying over
    page = _client(jobcenter, Role.BEIRAT).get(_url(jobcenter, "warnungen/")).content.decode()
    assert "Warnungen, Stand 31.10.2024" in page
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == len(expected)
    for a in expected:
        assert html.escape(a.message) in body
        if a.line:
            assert f"/vollzug/{jobcenter.code}/2024/zeilen/{a.line}/" in body
    overview = _client(jobcenter, Role.LEITUNG).get(_url(jobcenter)).content.decode()
    assert f"{len(expected)} Warnung" in overview
    assert "/warnungen/" in overview
