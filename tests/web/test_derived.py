"""The per-document cache of what a version's page shows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from amp.core.checks import check_plan
from amp.example import DEMO_PLAN
from amp.rules.legal_facts import legal_facts
from amp.web.plans import derived, plan_edits, services

EXAMPLE = DEMO_PLAN
pytestmark = pytest.mark.django_db


def test_results_are_reused_until_the_document_changes() -> None:
    version = services.branch(services.import_plan(EXAMPLE).pk, None)
    first = derived.derived(version)
    assert derived.derived(version) is first
    core = version.core_plan()
    assert list(first.findings) == check_plan(core, legal_facts(core.year))
    seen = core.budget.groups[0].lines[0].amounts.get(services.Column.PLAN)
    path = services.amount_path(0, 0, services.Column.PLAN)
    plan_edits.set_value(version.pk, None, path, seen, Decimal("1"))
    version.refresh_from_db()
    changed = derived.derived(version)
    assert changed is not first
    assert changed.plan == version.core_plan()
    assert len(changed.findings) > len(first.findings)


def test_only_a_bounded_number_of_documents_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(derived, "KEPT", 2)
    published = services.import_plan(EXAMPLE)
    path = services.amount_path(0, 0, services.Column.PLAN)
    versions = [published]
    for amount in ("1", "2"):  # three different documents
        draft = services.branch(published.pk, None)
        seen = draft.core_plan().budget.groups[0].lines[0].amounts.get(services.Column.PLAN)
        plan_edits.set_value(draft.pk, None, path, seen, Decimal(amount))
        draft.refresh_from_db()
        versions.append(draft)
    for version in versions:
        derived.derived(version)
    assert len(derived._kept) == 2
    assert derived.document_digest(versions[0].document) not in derived._kept
    assert derived.document_digest(versions[2].document) in derived._kept


def test_the_digest_ignores_key_order_but_not_values() -> None:
    assert derived.document_digest({"a": 1, "b": "x"}) == derived.document_digest(
        {"b": "x", "a": 1}
    )
    assert derived.document_digest({"a": 1}) != derived.document_digest({"a": 2})
