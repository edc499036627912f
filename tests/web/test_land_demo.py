"""The demo's Land: NRW with the Jobcenter EN and synthetic Jobcenters (marked as such),
deterministic plans, ledgers, indicator results and agreements, and the Land login."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from amp.example import DEMO_PLAN
from amp.web import demo
from amp.web.land import demo as land_demo
from amp.web.land import selectors
from amp.web.land.models import LandJobcenter, TargetAgreement
from amp.web.plans.models import Jobcenter

pytestmark = pytest.mark.django_db


@pytest.fixture
def land_demo_loaded(settings: Any) -> None:
    from amp.web.kennzahlen.demo_data import demo_data

    settings.DEMO = True
    demo.prepare(DEMO_PLAN, demo_data(), land=True)
    settings.DEMO = False


def test_demo_land(land_demo_loaded: None) -> None:
    entries = LandJobcenter.objects.filter(land__code="nrw").select_related("jobcenter")
    assert sorted(e.jobcenter.code for e in entries) == [
        "jc-en",
        "syn-nordstadt",
        "syn-suedkreis",
        "syn-westtal",
    ]
    for entry in entries:
        if entry.jobcenter.code != "jc-en":
            assert "synthetisch" in entry.jobcenter.name
            assert "synthetisch" in entry.note
    en_total = selectors.plan_total(
        selectors.approved_version(Jobcenter.objects.get(code="jc-en"), 2024)
    )
    for s in land_demo.SYNTHETIC:
        jc = Jobcenter.objects.get(code=s.code)
        total = selectors.plan_total(selectors.approved_version(jc, 2024))
        assert total is not None
        assert en_total is not None
        assert abs(total - en_total * s.size) < Decimal(1000)  # cents rounded per line
        execution = selectors.execution(jc, 2024)
        assert execution is not None
        assert TargetAgreement.objects.filter(jobcenter=jc, year=2024).count() == len(
            land_demo.AGREED
        )
        assert selectors.indicator_values(jc, 2024)["K2"]["2024-09"] is not None
    slow = selectors.execution(Jobcenter.objects.get(code="syn-nordstadt"), 2024)
    assert slow is not None
    assert slow.unused.unused > 0  # spends at 82 % of its plan's pace
    from django.contrib.auth.models import User

    user = User.objects.get(username="land")
    assert user.check_password("demo")
    assert not user.memberships.exists()  # the Land role has no Jobcenter membership
    client = Client()
    client.force_login(user)
    page = client.get("/land/nrw/2024/").content.decode()
    assert "Jobcenter Nordstadt (synthetisch)" in page
    assert client.get("/land/nrw/2024/zielnachhaltung.pdf").status_code == 200
    assert client.post("/land/nrw/2024/", {}).status_code == 405
    kennzahlen = client.get("/kennzahlen/syn-nordstadt/")
    assert kennzahlen.status_code == 200
    assert "synthetische Testdaten" in kennzahlen.content.decode()
    banner = demo.banner(8000, land=True)
    assert re.search(r"land / demo \(Land NRW, nur lesen\)", banner)
