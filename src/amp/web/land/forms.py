"""The entry of an agreement and of the planning document, with the limits of amp.core.limits
and German messages at the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from amp.core.agreements import INDICATORS
from amp.core.limits import MAX_TEXT, text_problem
from amp.io.agreements import target_value


class AgreementForm(forms.Form):
    kennzahl = forms.ChoiceField(
        label="Kennzahl", choices=[(i.id, f"{i.id} – {i.name}") for i in INDICATORS.values()]
    )
    zielwert = forms.CharField(
        label="Zielwert in %",
        max_length=20,
        help_text="mit höchstens einer Nachkommastelle, z. B. 24,5 oder -3,0",
    )
    anmerkung = forms.CharField(
        label="Anmerkung",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_zielwert(self) -> Decimal:
        try:
            return target_value(self.cleaned_data["zielwert"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_anmerkung(self) -> str:
        text: str = self.cleaned_data.get("anmerkung", "")
        refusal = text_problem(text, MAX_TEXT)
        if refusal:
            raise forms.ValidationError(refusal)
        return text


class PlanningDocumentForm(forms.Form):
    schwerpunkte = forms.CharField(
        label="Lokale Schwerpunkte",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    massnahmen = forms.CharField(
        label="Geplante Maßnahmen zur Zielerreichung",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("schwerpunkte", "massnahmen"):
            refusal = text_problem(data.get(name, ""), MAX_TEXT)
            if refusal:
                self.add_error(name, refusal)
        return data


class ImportForm(forms.Form):
    datei = forms.FileField(label="CSV- oder XLSX-Datei mit Zielen")
