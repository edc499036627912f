"""Fixtures of the Land tests: the example Jobcenter EN (published plan, demo ledger) in a
Land NRW, a second Jobcenter in another Land, indicator results for 2024 and agreements."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from amp.web.kennzahlen.models import Calculation, MonthlyFigures
from amp.web.land.models import Land, LandAccess, LandJobcenter, TargetAgreement
from amp.web.plans.models import Jobcenter, PlanVersion
from amp.web.vollzug.models import LedgerRecord

# K2 of the Jobcenter EN: December 2023, then January .. September 2024 (hand values)
K2 = {"2023-12": "22.0", "2024-03": "22.8", "2024-06": "23.4", "2024-09": "23.7"}
K3 = {"2023-12": "-1.0", "2024-03": "-1.5", "2024-06": "-1.8", "2024-09": "-2.0"}


def store_figures(jobcenter: Jobcenter, values: dict[str, dict[str, str]]) -> None:
    """values: indicator figure → month → value ("insgesamt")."""
    calculation = Calculation.objects.create(
        computed_at=timezone.now(),
        source="test",
        label="Test",
        fingerprint="0" * 64,
        engine="test",
        software="test",
        parameters={},
        first_month="2023-12",
        last_month="2024-09",
        day_precise_lzb=True,
    )
    months = sorted({m for series in values.values() for m in series})
    for month in months:
        figures = {
            figure: {"insgesamt": {"wert": series.get(month), "gesperrt": False}}
            for figure, series in values.items()
        }
        MonthlyFigures.objects.create(
            jobcenter=jobcenter, month=month, calculation=calculation, figures=figures, series={}
        )


@dataclass
class LandSetup:
    land: Land
    other_land: Land
    en: Jobcenter
    hagen: Jobcenter  # in NRW, without plan or ledger
    foreign: Jobcenter  # in the other Land
    land_user: User


@pytest.fixture
def land_setup(published: PlanVersion, ledger: LedgerRecord) -> LandSetup:
    en = published.plan.jobcenter
    nrw = Land.objects.create(code="nrw", name="Nordrhein-Westfalen")
    other = Land.objects.create(code="he", name="Hessen")
    hagen = Jobcenter.objects.create(code="jc-hagen", name="Jobcenter Hagen", kind="zkT")
    foreign = Jobcenter.objects.create(code="jc-kassel", name="Jobcenter Kassel", kind="zkT")
    LandJobcenter.objects.create(land=nrw, jobcenter=en, comparison_type="IIIa")
    LandJobcenter.objects.create(
        land=nrw, jobcenter=hagen, comparison_type="IIIa", note="synthetisch (Test)"
    )
    LandJobcenter.objects.create(land=other, jobcenter=foreign, comparison_type="Ib")
    user = User.objects.create_user(username="mags")
    LandAccess.objects.create(user=user, land=nrw)
    store_figures(en, {"K2": K2, "K3": K3})
    store_figures(hagen, {"K2": {"2023-12": "20.0", "2024-09": "24.9"}})
    for jc, indicator, target in (
        (en, "K2", "24.0"),
        (en, "K3", "-3.0"),
        (hagen, "K2", "25.0"),
        (foreign, "K2", "30.0"),
    ):
        TargetAgreement.objects.create(
            jobcenter=jc, year=2024, indicator=indicator, target=Decimal(target)
        )
    return LandSetup(nrw, other, en, hagen, foreign, user)
