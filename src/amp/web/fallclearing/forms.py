"""The staff forms of the Fallclearing, with the limits of `amp.core.limits`."""

from __future__ import annotations

from typing import Any

from django import forms

from amp.core.limits import MAX_ID, MAX_TEXT, text_problem
from amp.web.fallclearing import services


class LinkForm(forms.Form):
    kennung = forms.CharField(
        label="Kennung (pseudonym, z. B. Nummer der Bedarfsgemeinschaft; kein Name)",
        max_length=MAX_ID,
    )
    tage = forms.IntegerField(
        label="Gültig (Tage)",
        min_value=1,
        max_value=services.MAX_DAYS,
        initial=services.DEFAULT_DAYS,
        error_messages={
            "min_value": "Mindestens 1 Tag.",
            "max_value": f"Höchstens {services.MAX_DAYS} Tage.",
            "invalid": "Bitte eine ganze Zahl von Tagen eingeben.",
        },
    )

    def clean_kennung(self) -> str:
        reference: str = self.cleaned_data["kennung"].strip()
        problem = services.reference_problem(reference)
        if problem:
            raise forms.ValidationError(problem)
        return reference


class ListForm(forms.Form):
    datei = forms.FileField(label="CSV-Datei mit einer Spalte „Kennung“ (höchstens 500 Zeilen)")
    tage = LinkForm.base_fields["tage"]

    def clean_datei(self) -> Any:
        upload = self.cleaned_data["datei"]
        if upload.size > 200_000:
            raise forms.ValidationError("Die Datei ist größer als 200 KB.")
        return upload


class DecisionForm(forms.Form):
    weg = forms.ChoiceField(label="Weg")
    vermerk = forms.CharField(
        label="Vermerk (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, tracks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weg"].choices = tracks

    def clean_vermerk(self) -> str:
        note: str = self.cleaned_data["vermerk"].strip()
        problem = text_problem(note, MAX_TEXT)
        if problem:
            raise forms.ValidationError(f"Vermerk {problem}.")
        return note


class QuestionnaireForm(forms.Form):
    datei = forms.FileField(label="Fragebogen als YAML-Datei (höchstens 1 MB)")

    def clean_datei(self) -> Any:
        upload = self.cleaned_data["datei"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError("Die Datei ist größer als 1 MB.")
        return upload
