"""A plan as one JSON document (for a database), losslessly: decimals as strings."""

from __future__ import annotations

from typing import Any

from amp.core.plan import Plan
from amp.io.plan_dir import plan_adapter


def plan_to_document(plan: Plan) -> dict[str, Any]:
    document: dict[str, Any] = plan_adapter().dump_python(plan, mode="json")
    return document


def plan_from_document(document: dict[str, Any]) -> Plan:
    """Raises pydantic.ValidationError when the document is not a valid plan."""
    return plan_adapter().validate_python(document)
