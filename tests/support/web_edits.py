"""Changing a stored version directly, for web tests that need a changed document."""

from __future__ import annotations

from amp.core.edit import set_at
from amp.core.findings import ModelPath
from amp.io.document import plan_to_document
from amp.web.plans.models import PlanVersion


def store_value(version: PlanVersion, path: ModelPath, value: object) -> None:
    """Write one value into a draft's document, as a saved edit would."""
    version.document = plan_to_document(set_at(version.core_plan(), path, value))
    version.save(update_fields=["document"])
