"""The finder's form: a person described without a name; every field may stay empty."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from amp.core.offers import Catalogue, GermanLevel, Profile, Residence
from amp.core.offers.model import RESIDENCE_LABELS
from amp.web.plans.forms.fields import DayField

UNKNOWN = ("", "nicht angegeben")
YES_NO = [UNKNOWN, ("ja", "ja"), ("nein", "nein")]
PSEUDONYM = re.compile(r"^(?=.*\d)[A-Za-z0-9-]{3,20}$")


def _tri(value: str) -> bool | None:
    return {"ja": True, "nein": False}.get(value)


class FinderForm(forms.Form):
    alter = forms.IntegerField(
        label="Alter (Jahre)",
        required=False,
        min_value=14,
        max_value=99,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    geschlecht = forms.ChoiceField(
        label="Geschlecht",
        required=False,
        choices=[UNKNOWN, ("w", "weiblich"), ("m", "männlich"), ("d", "divers")],
    )
    deutsch = forms.ChoiceField(
        label="Deutschkenntnisse",
        required=False,
        choices=[
            UNKNOWN,
            *(
                (lvl.value, "keine" if lvl is GermanLevel.NONE else lvl.value)
                for lvl in GermanLevel
            ),
        ],
    )
    aufenthalt = forms.ChoiceField(
        label="Aufenthaltsstatus",
        required=False,
        choices=[UNKNOWN, *((r.value, RESIDENCE_LABELS[r]) for r in Residence)],
    )
    flucht = forms.ChoiceField(label="Fluchthintergrund", required=False, choices=YES_NO)
    region = forms.ChoiceField(label="Wohnort (Region)", required=False)
    arbeitslos = forms.IntegerField(
        label="Monate arbeitslos (am Stück)",
        required=False,
        min_value=0,
        max_value=600,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    bezug = forms.IntegerField(
        label="Monate Leistungsbezug in den letzten 7 Jahren",
        required=False,
        min_value=0,
        max_value=84,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    behinderung = forms.ChoiceField(
        label="Behinderung",
        required=False,
        choices=[UNKNOWN, ("keine", "keine"), ("reha", "Reha"), ("sb", "Schwerbehinderung")],
    )
    alleinerziehend = forms.ChoiceField(label="Alleinerziehend", required=False, choices=YES_NO)
    kind = forms.IntegerField(
        label="Alter des jüngsten Kindes (Jahre)",
        required=False,
        min_value=0,
        max_value=30,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    teilzeit = forms.BooleanField(label="braucht Teilzeit", required=False)
    kinderbetreuung = forms.BooleanField(label="braucht Kinderbetreuung", required=False)
    barrierefrei = forms.BooleanField(label="braucht einen barrierefreien Ort", required=False)
    stufe = forms.ChoiceField(label="Stufe in der Förderkette", required=False)
    voraussetzungen = forms.MultipleChoiceField(
        label="Erfüllte Voraussetzungen (nichts angekreuzt: nicht gefragt)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stichtag = DayField(label="Stichtag", required=False)
    nummer = forms.CharField(
        label="Pseudonyme Kundennummer (freiwillig: nur eintragen, wenn die Suche "
        "protokolliert werden soll)",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 12}),
    )

    def __init__(self, *args: Any, catalogue: Catalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue
        self.fields["region"].choices = [UNKNOWN, *((r.id, r.name) for r in catalogue.regions)]
        stages: dict[str, str] = {}
        for pathway in catalogue.pathways:
            for stage in pathway.stages:
                stages.setdefault(stage.id, stage.name)
        self.fields["stufe"].choices = [UNKNOWN, *stages.items()]
        tags = sorted({r for o in catalogue.offers for r in o.criteria.requires})
        self.fields["voraussetzungen"].choices = [(t, t) for t in tags]
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_hilfe"

    def clean_nummer(self) -> str:
        value: str = self.cleaned_data.get("nummer", "").strip()
        if value and not PSEUDONYM.match(value):
            raise ValidationError(
                "Nur eine pseudonyme Nummer (3 bis 20 Zeichen, Ziffern, Buchstaben, "
                "Bindestrich, mindestens eine Ziffer), kein Name."
            )
        return value

    def profile(self) -> Profile:
        data = self.cleaned_data
        sex = data.get("geschlecht") or None
        disability = data.get("behinderung") or None
        return Profile(
            age=data.get("alter"),
            woman=None if sex is None else sex == "w",
            german=GermanLevel(data["deutsch"]) if data.get("deutsch") else None,
            residence=Residence(data["aufenthalt"]) if data.get("aufenthalt") else None,
            refugee=_tri(data.get("flucht", "")),
            region=data.get("region") or None,
            unemployed_months=data.get("arbeitslos"),
            benefit_months_last_7_years=data.get("bezug"),
            disability=None if disability is None else disability != "keine",
            severely_disabled=None if disability is None else disability == "sb",
            single_parent=_tri(data.get("alleinerziehend", "")),
            youngest_child_age=data.get("kind"),
            needs_part_time=bool(data.get("teilzeit")),
            needs_childcare=bool(data.get("kinderbetreuung")),
            needs_accessibility=bool(data.get("barrierefrei")),
            current_stage=data.get("stufe") or None,
            has=frozenset(data["voraussetzungen"]) if data.get("voraussetzungen") else None,
        )

    def day(self, default: date) -> date:
        chosen: date | None = self.cleaned_data.get("stichtag")
        return chosen or default


class DayForm(forms.Form):
    stichtag = DayField(label="Stichtag", required=False)
