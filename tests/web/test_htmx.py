"""htmx requests after the session ended get a German message and the login address, not
the login page; without htmx the login redirect stays."""

from __future__ import annotations

import pytest
from django.test import Client

from amp.web.plans.models import PlanVersion
from tests.support.web_fixtures import draft, published

pytestmark = pytest.mark.django_db
__all__ = ["draft", "published"]  # fixtures


def test_htmx_save_without_session_is_401_with_the_login_address(draft: PlanVersion) -> None:
    page = f"/staende/{draft.pk}/budget/"
    response = Client().post(
        f"/staende/{draft.pk}/betrag/",
        {"gruppe": "0", "zeile": "1", "gesehen": "", "betrag": "1"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{page}",
    )
    assert response.status_code == 401
    assert response.content.decode() == (
        "Sitzung abgelaufen – nichts wurde gespeichert. Bitte neu anmelden."
    )
    assert response["X-Amp-Login"] == f"/anmelden/?next={page}"


def test_without_htmx_the_login_redirect_stays(draft: PlanVersion) -> None:
    response = Client().post(f"/staende/{draft.pk}/betrag/", {"betrag": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")
