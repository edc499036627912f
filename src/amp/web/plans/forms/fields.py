"""Form fields for German input (1.234 places, 18.10.2023) and what the user last saw.

Parsing is amp.core.formatting's; a bad value becomes a German message at its field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from amp.core import formatting, limits
from amp.web.plans.plan_edits import seen_form


class _ParsedField(forms.CharField):
    parse: Callable[[str], Any]

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        try:
            return type(self).parse(text)
        except formatting.AmountInputError as exc:
            raise ValidationError(f"{str(exc)[:1].upper()}{str(exc)[1:]}.") from None


class CountField(_ParsedField):
    """A whole number ≥ 0 such as places or vouchers: "1.234"; empty is None."""

    parse = staticmethod(formatting.parse_count)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "size": 8}))
        super().__init__(**kwargs)


class DayField(_ParsedField):
    """A date as TT.MM.JJJJ; empty is None."""

    parse = staticmethod(formatting.parse_day)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"size": 10, "placeholder": "TT.MM.JJJJ"})
        )
        super().__init__(**kwargs)


class WholeNumberField(forms.IntegerField):
    """An integer of a hidden or technical field, in ASCII digits only (amp.core.limits):
    Django's IntegerField would read "١٢" as 12."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            problem = limits.typed_number_problem(value)
            if problem:
                raise ValidationError(f"{problem}.")
        result: int | None = super().to_python(value)
        return result


def shown_count(value: int | None) -> str:
    return formatting.count(value)


def shown_day(value: date | None) -> str:
    return formatting.day(value)


def seen_text(value: Any) -> str:
    """What a hidden form field carries: the value the user saw, as JSON."""
    return json.dumps(seen_form(value), ensure_ascii=False, sort_keys=True)


def seen_value(data: Any, name: str) -> tuple[bool, Any]:
    """(True, value) from a hidden `gesehen-<name>` field, (False, None) when missing or broken."""
    raw = data.get(f"gesehen-{name}")
    if raw is None:
        return False, None
    try:
        return True, json.loads(raw)
    except ValueError:
        return False, None
