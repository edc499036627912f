"""Fixtures of the web tests: the example plan imported, users with roles, logged-in clients."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from amp.web.plans import services
from amp.web.plans.models import Jobcenter, Membership, PlanVersion

EXAMPLE = Path(__file__).parents[1] / "examples" / "jobcenter-en-2024"


def make_user(name: str, jobcenter: Jobcenter, role: str) -> User:
    user = User.objects.create_user(username=name)
    Membership.objects.create(user=user, jobcenter=jobcenter, role=role)
    return user


def client_for(user: User, enforce_csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    return client


def other_jobcenter() -> Jobcenter:
    return Jobcenter.objects.create(code="jc-x", name="Jobcenter X", kind="gE")


@pytest.fixture
def published() -> PlanVersion:
    return services.import_plan(EXAMPLE)  # the example is "beschlossen"


@pytest.fixture
def draft(published: PlanVersion) -> PlanVersion:
    return services.branch(published.pk, None)


@pytest.fixture
def jobcenter(published: PlanVersion) -> Jobcenter:
    jc: Jobcenter = published.plan.jobcenter
    return jc
