"""schemathesis against the API's own OpenAPI document, with a valid token.

Every operation gets generated requests (valid and invalid ids, odd paths); no response may
be a server error, and every response must match what the schema documents: status code,
content type and body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core import signals
from django.core.serializers.json import DjangoJSONEncoder
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from amp.example import DEMO_PLAN
from amp.web.plans import services
from amp.web.plans.api import api, create_token
from amp.web.plans.models import Membership, PlanVersion, Role
from amp.web.wsgi import application

EXAMPLE = DEMO_PLAN


def _openapi_document() -> dict[str, Any]:
    """The document /api/openapi.json serves, built without a request.

    schemathesis needs it while collecting, when there is no database yet (and its
    fixture-based lazy loading does not work with pytest 9); the test below checks that it
    is what the server really serves.
    """
    return json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))


schema = schemathesis.openapi.from_dict(_openapi_document())
schema.app = application  # requests go to the WSGI app in this process


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Requests go straight to the WSGI app, whose end-of-request signal would close the
    database connection - and with it the test's transaction on PostgreSQL. Django's own
    test client switches this off in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def versions() -> list[PlanVersion]:
    """The example stored as a published version plus a draft."""
    published = services.import_plan(EXAMPLE)
    return [published, services.branch(published.pk, None)]


@pytest.fixture
def token(versions: list[PlanVersion]) -> str:
    """A planner's token: the planner sees both versions."""
    published = versions[0]
    user = User.objects.create_user(username="planung")
    Membership.objects.create(user=user, jobcenter=published.plan.jobcenter, role=Role.PLANUNG)
    return create_token(user, "schemathesis")


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})


def test_the_tested_document_is_the_served_one(db: None) -> None:
    assert Client().get("/api/openapi.json").json() == _openapi_document()


@pytest.mark.django_db
@pytest.mark.parametrize("path", [p for p in _openapi_document()["paths"] if "{version_id}" in p])
def test_real_versions_conform_to_the_schema(
    path: str, versions: list[PlanVersion], token: str
) -> None:
    """Generated ids seldom hit a stored version: these requests do, and must get a 200."""
    for version in versions:
        case = schema[path]["GET"].Case(path_parameters={"version_id": version.pk})
        response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200


def test_the_api_documentation_page_loads_nothing_from_elsewhere(db: None) -> None:
    page = Client().get("/api/docs").content.decode()
    assert "swagger" in page.lower()
    assert re.findall(r'(?:src|href)="(?:https?:)?//[^"]*"', page) == []  # no CDN, all local
