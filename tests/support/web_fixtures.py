"""Fixtures of the web tests: the example plan imported, users with roles, logged-in clients."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client

from amp.example import DEMO_PLAN
from amp.web.plans import services
from amp.web.plans.models import Jobcenter, Membership, PlanVersion

EXAMPLE = DEMO_PLAN


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


def race(
    save: Callable[[str], None], values: tuple[str, str], conflict: type[Exception]
) -> list[str]:
    """Run `save` for both values at the same moment; how each ended, sorted."""
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def run(value: str) -> None:
        start.wait()
        try:
            save(value)
            outcomes.append("saved")
        except conflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(value,)) for value in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def slowed(module: Any, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `module.name` half a second slower, so that two writers surely overlap."""
    original = getattr(module, name)

    def slowly(*args: Any) -> Any:
        time.sleep(0.5)
        return original(*args)

    monkeypatch.setattr(module, name, slowly)
