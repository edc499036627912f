"""The forms of the Vollzug: upload of a finance system's export, the account mapping
(one row per account), and the Stand and tolerance of the availability check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from amp.core import formatting
from amp.core.ledger.model import KIND_LABELS, Kind
from amp.io.ledger.readers import BOOKING_FIELDS, COMMITMENT_FIELDS
from amp.web.plans.forms.fields import DayField, _ParsedField

FIELDS = {Kind.BOOKINGS: BOOKING_FIELDS, Kind.COMMITMENTS: COMMITMENT_FIELDS}


class AmountField(_ParsedField):
    """An amount as 1.234,56; empty is None."""

    parse = staticmethod(formatting.parse_amount)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 12}))
        super().__init__(**kwargs)


class ImportForm(forms.Form):
    art = forms.ChoiceField(
        label="Art der Datei",
        choices=[(k.value, label) for k, label in KIND_LABELS.items()],
        initial=Kind.BOOKINGS.value,
    )
    datei = forms.FileField(
        label="Export des Finanzsystems (.csv oder .xlsx, höchstens 10 MB)",
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
        label="Spaltenzuordnung (eine Zeile je Feld: FELD=Spaltenkopf, leer: die gespeicherte "
        "oder die üblichen Spaltenköpfe)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 50}),
    )
    speichern = forms.BooleanField(label="Spaltenzuordnung für später merken", required=False)

    def clean_datei(self) -> Any:
        return export_file(self.cleaned_data["datei"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = Kind(data.get("art") or Kind.BOOKINGS.value)
        known = {f.key for f in FIELDS[kind]}
        mapping = column_mapping(self, data.get("spalten") or "", known)
        data["kind"] = kind
        data["mapping"] = mapping or None
        return data


class RuleForm(forms.Form):
    konto = forms.CharField(label="Haushaltsstelle", max_length=100, required=False)
    kostenstelle = forms.CharField(label="Kostenstelle (optional)", max_length=100, required=False)
    zeile = forms.ChoiceField(label="Planzeile", required=False)

    def __init__(self, *args: Any, lines: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zeile = self.fields["zeile"]
        assert isinstance(zeile, forms.ChoiceField)
        zeile.choices = [("", "– keine –"), *lines]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("konto") and not data.get("zeile"):
            self.add_error("zeile", "Bitte eine Planzeile wählen.")
        if data.get("zeile") and not data.get("konto"):
            self.add_error("konto", "Bitte die Haushaltsstelle angeben.")
        return data


class BaseRuleFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        seen: set[tuple[str, str]] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {}) or {}
            if not data.get("konto") or data.get("DELETE"):
                continue
            key = (data["konto"], data.get("kostenstelle") or "")
            if key in seen:
                form.add_error("konto", "Diese Haushaltsstelle (mit Kostenstelle) steht zweimal.")
            seen.add(key)

    def rules(self) -> list[tuple[str, str, str]]:
        return [
            (
                f.cleaned_data["konto"],
                f.cleaned_data.get("kostenstelle") or "",
                f.cleaned_data["zeile"],
            )
            for f in self.forms
            if f.cleaned_data.get("konto") and not f.cleaned_data.get("DELETE")
        ]


RuleFormSet = forms.formset_factory(
    RuleForm, formset=BaseRuleFormSet, extra=3, can_delete=True, max_num=2000, validate_max=True
)


class SettingsForm(forms.Form):
    stand = DayField(label="Stand (Stichtag der Auswertung)")
    prozent = AmountField(
        label="Toleranz der Verfügbarkeitsprüfung in % der Planung", required=False
    )
    betrag = AmountField(label="Toleranz in Euro", required=False)

    def clean_stand(self) -> Any:
        stand = self.cleaned_data.get("stand")
        if stand is None:
            raise ValidationError("Bitte den Stand angeben.")
        return stand


def export_file(upload: Any) -> Any:
    """An export of a finance or case-management system: CSV or XLSX by its name."""
    name = (upload.name or "").lower()
    if not name.endswith((".csv", ".xlsx", ".txt")):
        raise ValidationError(
            f"{upload.name}: nur .csv- und .xlsx-Dateien können eingelesen werden."
        )
    return upload


def column_mapping(form: forms.Form, text: str, known: set[str]) -> dict[str, str]:
    """The lines FELD=Spaltenkopf of the field `spalten`; each bad line an error there."""
    mapping: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, header = line.partition("=")
        key, header = key.strip(), header.strip()
        if not sep or not key or not header:
            form.add_error("spalten", f"Zeile {number}: als FELD=Spaltenkopf angeben.")
        elif key not in known:
            form.add_error(
                "spalten",
                f"Zeile {number}: das Feld „{key}“ gibt es nicht ({', '.join(sorted(known))}).",
            )
        else:
            mapping[key] = header
    return mapping
