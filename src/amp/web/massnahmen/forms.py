"""The upload form of the measure import (the limits are the booking import's)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from amp.io.occupancy.readers import FIELDS, KIND_LABELS, Kind


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
        upload = self.cleaned_data["datei"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise ValidationError(
                f"{upload.name}: nur .csv- und .xlsx-Dateien können eingelesen werden."
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = Kind(data.get("art") or Kind.FLOWS.value)
        known = {f.key for f in FIELDS[kind]}
        mapping: dict[str, str] = {}
        for number, line in enumerate((data.get("spalten") or "").splitlines(), start=1):
            if not line.strip():
                continue
            key, sep, header = line.partition("=")
            key, header = key.strip(), header.strip()
            if not sep or not key or not header:
                self.add_error("spalten", f"Zeile {number}: als FELD=Spaltenkopf angeben.")
            elif key not in known:
                self.add_error(
                    "spalten",
                    f"Zeile {number}: das Feld „{key}“ gibt es nicht ({', '.join(sorted(known))}).",
                )
            else:
                mapping[key] = header
        data["kind"] = kind
        data["mapping"] = mapping or None
        return data
