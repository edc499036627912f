"""Issue 13 item 3: the scenario change typed in one field, read back in words before
anything is computed (htmx while typing, a confirm step without JavaScript)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from amp.core import formatting
from amp.core.scenarios import Basis, ScenarioRequest, requested_change
from amp.web.plans.models import Jobcenter, PlanVersion
from tests.support import web_fixtures
from tests.web.test_plans import _url
from tests.web.test_screens import HTMX, _planner

pytestmark = pytest.mark.django_db

published, jobcenter = web_fixtures.published, web_fixtures.jobcenter


def _five_percent(version: PlanVersion) -> str:
    cut = requested_change(version.core_plan(), ScenarioRequest(Decimal(-5), Basis.PERCENT))
    return formatting.money(abs(cut))


def test_percent_typed_in_the_field_wins_over_a_euro_unit(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    page = client.get(_url(published, "szenario/"), {"aenderung": "5 %", "einheit": "eur"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Vorschau: Kürzung um 5,00 % (anteilig)" in html
    assert f"Verlangte Änderung: -{_five_percent(published)}" in html
    assert 'id="vorschau" tabindex="-1" autofocus' in html  # the result takes the focus


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("5 %", "Kürzung um 5 % der Planung aller Ermessensleistungen"),
        ("-5%", "Kürzung um 5 % der Planung aller Ermessensleistungen"),
        ("+5 %", "Erhöhung um 5 % der Planung aller Ermessensleistungen"),
        ("250.000 €", "Kürzung um 250.000,00 €, anteilig verteilt"),
        ("250000", "Kürzung um 250.000,00 €, anteilig verteilt"),
        ("+250000", "Erhöhung um 250.000,00 €, anteilig verteilt"),
    ],
)
def test_the_page_form_echoes_the_reading_first_without_javascript(
    jobcenter: Jobcenter, published: PlanVersion, typed: str, words: str
) -> None:
    client = _planner(jobcenter)
    url = _url(published, "szenario/")
    first = client.get(url, {"aenderung": typed, "gelesen": ""})
    html = first.content.decode()
    assert first.status_code == 200
    assert words in html
    assert "Stimmt das?" in html
    assert "Vorschau:" not in html  # nothing computed yet
    seen = first.context["reading"]
    assert f'name="gelesen" value="{seen}"' in html
    second = client.get(url, {"aenderung": typed, "gelesen": seen}).content.decode()
    assert "Vorschau:" in second
    assert "Stimmt das?" not in second
    changed = client.get(url, {"aenderung": "7 %", "gelesen": seen}).content.decode()
    assert "Kürzung um 7 %" in changed
    assert "Vorschau:" not in changed


def test_the_reading_while_typing_is_an_htmx_fragment(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    url = _url(published, "szenario/")
    fragment = client.get(url, {"aenderung": "5 %", "gelesen": ""}, **HTMX)
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert "<html" not in html
    assert f"(das sind {_five_percent(published)}), anteilig verteilt" in html
    assert "Vorschau:" not in html
    bad = client.get(url, {"aenderung": "5 %%"}, **HTMX).content.decode()
    assert "Noch nicht lesbar" in bad
    assert "<html" not in bad
    too_much = client.get(url, {"aenderung": "-120 %"}, **HTMX).content.decode()
    assert "höchstens 100 %" in too_much


def test_saving_from_the_preview_keeps_the_typed_reading(
    jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = _planner(jobcenter)
    url = _url(published, "szenario/")
    preview = client.get(url, {"aenderung": "-5%"}).content.decode()
    assert 'name="aenderung" value="-5,00 %"' in preview
    client.post(url, {"aenderung": "-5,00 %", "richtung": "erhoehung"})
    created = PlanVersion.objects.get(parent=published)
    assert "Kürzung um 5,00 % (anteilig)" in created.label  # the sign wins over the Richtung
