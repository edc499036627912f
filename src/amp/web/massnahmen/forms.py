"""The upload form of the measure import (the limits are the booking import's)."""

from __future__ import annotations

from typing import Any

from django import forms

from amp.io.occupancy.readers import FIELDS, KIND_LABELS, Kind
from amp.web.vollzug.forms.ledger import column_mapping, export_file


class ImportForm(forms.Form):
    art = forms.ChoiceField(
        label="Art der Datei",
        choices=[(k.value, label) for k, label in KIND_LABELS.items()],
        initial=Kind.FLOWS.value,
    )
    datei = forms.FileField(
        label="Export des Fachverfahrens oder Trägerportals (.csv oder .xlsx, höchstens 10 MB)",
        error_messages={
            "required": "Bitte eine Datei (.csv oder .xlsx) auswählen.",
            "empty": "Die Datei ist leer.",
            "invalid": "Das ist keine Datei.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    blatt = forms.CharField(
        label="Blatt der Arbeitsmappe (nur .xlsx, leer: das erste)", required=False, max_length=100
    )
    spalten = forms.CharField(
        label="Spaltenzuordnung (eine Zeile je Feld: FELD=Spaltenkopf, leer: die üblichen "
        "Spaltenköpfe)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 50}),
    )

    def clean_datei(self) -> Any:
        return export_file(self.cleaned_data["datei"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = Kind(data.get("art") or Kind.FLOWS.value)
        known = {f.key for f in FIELDS[kind]}
        mapping = column_mapping(self, data.get("spalten") or "", known)
        data["kind"] = kind
        data["mapping"] = mapping or None
        return data
