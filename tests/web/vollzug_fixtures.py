"""Fixtures of the Vollzug web tests: the example plan with its demo ledger loaded."""

from __future__ import annotations

import pytest

from amp.web.plans.models import PlanVersion
from amp.web.vollzug import services
from amp.web.vollzug.models import LedgerRecord
from tests.support.web_fixtures import EXAMPLE

DEMO_LEDGER = EXAMPLE / "vollzug"


@pytest.fixture
def ledger(published: PlanVersion) -> LedgerRecord:
    return services.load_directory(published, DEMO_LEDGER)
