"""The forms of the budget screen: one amount or one quantity of a line, compare-and-set.

A form tells two kinds of errors apart: a *stale* form (the hidden fields for line, column
and the value the planner saw do not fit any page amp sends) and a refused *value* (what the
planner typed), which is shown at its field.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from amp.core import formatting, limits
from amp.core.budget import Column, Quantity, QuantityUnit
from amp.web.plans.forms.fields import WholeNumberField
from amp.web.plans.presenters.budget_rows import quantity_from_token

WHOLE_NUMBER = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+|[0-9]+")
STALE = "Das Formular ist unvollständig. Bitte die Seite neu laden."
PLACE_FIELDS = ("gruppe", "zeile", "spalte", "gesehen", "einheit")


def parse_quantity(typed: str, unit: str, approximate: bool) -> Quantity | None:
    """The quantity typed into the budget table; raises ValueError with a German message."""
    problem = limits.typed_number_problem(typed)
    if problem:
        raise ValueError(problem[:1].lower() + problem[1:])
    text = typed.strip()
    if unit and unit not in {u.value for u in QuantityUnit}:
        raise ValueError("unbekannte Einheit")
    is_open = text.lower() == "offen"
    if text.startswith("-"):
        raise ValueError("darf nicht negativ sein")
    if text and not is_open and not WHOLE_NUMBER.fullmatch(text):
        raise ValueError("keine ganze Zahl (z. B. 120 oder 1.200, oder „offen“)")
    value = int(text.replace(".", "")) if text and not is_open else None
    if value is not None and limits.count_problem(value):
        raise ValueError(limits.count_problem(value))
    if value is None and not is_open and not unit and not approximate:
        return None
    return Quantity(
        value=value,
        unit=QuantityUnit(unit) if unit else None,
        approximate=approximate,
        open=is_open,
    )


def _seen_amount(raw: str) -> Decimal | None:
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(STALE) from None
    if not value.is_finite() or len(raw) > limits.MAX_INPUT_CHARS:
        raise ValidationError(STALE)
    return value


def _seen_quantity(raw: str) -> Quantity | None:
    if len(raw) > limits.MAX_INPUT_CHARS or not raw.isascii():
        raise ValidationError(STALE)
    try:
        return quantity_from_token(raw)
    except (ValueError, TypeError):
        raise ValidationError(STALE) from None


class BudgetViewForm(forms.Form):
    """The budget screen's one query parameter: ?alle=1 makes every column editable."""

    alle = forms.CharField(required=False)

    def all_columns(self) -> bool:
        return self.is_valid() and self.cleaned_data["alle"] == "1"


class _LineEditForm(forms.Form):
    gruppe = WholeNumberField(min_value=0, max_value=10_000)
    zeile = WholeNumberField(min_value=0, max_value=10_000)
    gesehen = forms.CharField(required=False, strip=False)
    alle = forms.CharField(required=False)

    def stale(self) -> bool:
        """The hidden fields do not fit any page amp sends: the page must be reloaded."""
        return any(name in self.errors for name in PLACE_FIELDS)

    def place(self) -> tuple[int, int]:
        return self.cleaned_data["gruppe"], self.cleaned_data["zeile"]

    def all_columns(self) -> bool:
        """The page showed every column editable (not only the plan column)."""
        return self.data.get("alle", "") == "1"

    def typed(self, field: str) -> str:
        """What the planner typed, to show it again beside the refusal."""
        return str(self.data.get(field, ""))

    def value_error(self, field: str) -> str:
        return "; ".join(str(e) for e in self.errors.get(field, []))


class AmountEditForm(_LineEditForm):
    """One money cell: `betrag` typed the German way, `gesehen` the stored value seen."""

    spalte = forms.ChoiceField(choices=[(c.value, c.value) for c in Column], required=False)
    betrag = forms.CharField(required=False, strip=False)

    def clean_gesehen(self) -> Decimal | None:
        return _seen_amount(self.cleaned_data.get("gesehen", ""))

    def clean_spalte(self) -> Column:
        return Column(self.cleaned_data.get("spalte") or Column.PLAN.value)

    def clean_betrag(self) -> Decimal | None:
        try:
            return formatting.parse_amount(self.cleaned_data.get("betrag", ""))
        except formatting.AmountInputError as exc:
            raise ValidationError(str(exc)) from None


class QuantityEditForm(_LineEditForm):
    """The quantity of a line: a whole number or "offen", its unit, "ungefähr"."""

    menge = forms.CharField(required=False, strip=False)
    einheit = forms.ChoiceField(
        choices=[("", ""), *((u.value, u.value) for u in QuantityUnit)], required=False
    )
    ungefaehr = forms.CharField(required=False)

    def clean_gesehen(self) -> Quantity | None:
        return _seen_quantity(self.cleaned_data.get("gesehen", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "einheit" in self.errors:
            return data
        try:
            data["neu"] = parse_quantity(
                data.get("menge", ""), data.get("einheit", ""), data.get("ungefaehr") == "1"
            )
        except ValueError as exc:
            self.add_error("menge", str(exc))
        return data
