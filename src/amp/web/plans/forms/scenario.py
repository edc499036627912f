"""The scenario form: a Kürzung or Erhöhung in € or %, spread anteilig or by priority.

The change is typed in one field ("5 %", "-5%", "250.000 €", "250000") and read by
amp.core.scenarios.read_change: "%" or "€" in the text decide the unit, a sign decides the
direction; without them the Richtung on the page (Kürzung by default) and euros apply. The
former `einheit` and `prozent` parameters of older links are still understood.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from amp.core import formatting
from amp.core.plan import Plan as CorePlan
from amp.core.scenarios import Basis, ScenarioRequest, Spread, parse_priority, read_change


class ScenarioForm(forms.Form):
    """`request` in cleaned_data: the ScenarioRequest, or None when nothing was entered."""

    aenderung = forms.CharField(required=False, strip=False)
    prozent = forms.CharField(required=False, strip=False)  # the former cut form: a Kürzung in %
    einheit = forms.CharField(required=False)
    richtung = forms.CharField(required=False)
    verteilung = forms.CharField(required=False)

    def __init__(self, data: Any, core: CorePlan) -> None:
        super().__init__(data)
        self.core = core
        self.line_names: dict[str, str] = {}
        for line in core.budget.lines():
            self.fields[f"prio-{line.id}"] = forms.CharField(required=False)
            self.line_names[line.id] = line.name

    def _typed(self) -> tuple[str, Basis | None, bool]:
        data = self.cleaned_data
        if not data.get("aenderung") and data.get("prozent"):
            return data["prozent"], Basis.PERCENT, False
        basis = Basis.PERCENT if data.get("einheit") == Basis.PERCENT.value else None
        return data.get("aenderung", ""), basis, data.get("richtung") == "erhoehung"

    def _priorities(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for line_id, name in self.line_names.items():
            typed = self.cleaned_data.get(f"prio-{line_id}", "").strip()
            if typed:
                try:
                    found[line_id] = parse_priority(typed)
                except formatting.AmountInputError as exc:
                    raise ValidationError(f"Priorität „{name}“: {exc}") from None
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        typed, unit_given, raising = self._typed()
        data["request"] = None
        if not typed.strip():
            return data
        try:
            change = read_change(typed)
        except formatting.AmountInputError as exc:
            raise ValidationError(f"Änderung: {exc}") from None
        spread = (
            Spread.PRIORITY
            if data.get("verteilung") == Spread.PRIORITY.value
            else Spread.PROPORTIONAL
        )
        basis = change.basis or unit_given or Basis.EUR
        raising = raising if change.raising is None else change.raising
        sign = Decimal(1) if raising else Decimal(-1)
        data["request"] = ScenarioRequest(sign * change.amount, basis, spread, self._priorities())
        return data

    def error_text(self) -> str:
        """The form's refusal as one German sentence."""
        return " ".join(f"{message}." for message in self.non_field_errors())

    def shown(self) -> dict[str, str]:
        """What the page shows in its inputs: the values as typed."""
        data = self.data
        return {
            "aenderung": data.get("aenderung", "") or data.get("prozent", ""),
            "richtung": data.get("richtung", "kuerzung"),
            "verteilung": data.get("verteilung", Spread.PROPORTIONAL.value),
        }
