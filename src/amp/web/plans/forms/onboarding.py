"""The forms of a new Jobcenter's first day: the Jobcenter with its first Administration
(Betrieb), and the year of a blank template or an empty plan (Planung)."""

from __future__ import annotations

from typing import Any

from django import forms

from amp.core import limits
from amp.core.plan import JobcenterKind
from amp.web.plans.forms.users import UserForm
from amp.web.plans.onboarding import kennung_problem

KINDS = [
    (JobcenterKind.GE.value, "gE – gemeinsame Einrichtung"),
    (JobcenterKind.ZKT.value, "zkT – zugelassener kommunaler Träger"),
]


class JobcenterForm(UserForm):
    """The Jobcenter (name, Kennung, Trägerform, Region) and its first Administration."""

    name = forms.CharField(label="Name des Jobcenters", max_length=limits.MAX_NAME)
    code = forms.CharField(
        label="Kennung",
        max_length=limits.MAX_ID,
        required=False,  # refused below with a German sentence, never derived from the name
        help_text="z. B. jobcenter_musterstadt – Kleinbuchstaben, Ziffern, _ und -",
    )
    kind = forms.ChoiceField(label="Trägerform", choices=KINDS, widget=forms.RadioSelect)
    region = forms.CharField(label="Region (Kreis oder Stadt)", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["role"]  # the first user is the Administration
        self.fields["username"].label = "Benutzername der ersten Administration"

    def clean_code(self) -> str:
        code: str = self.cleaned_data.get("code", "")
        problem = kennung_problem(code)
        if problem:
            raise forms.ValidationError(f"{problem[:1].upper()}{problem[1:]}.")
        return code


class YearForm(forms.Form):
    """A plan year for a blank template or an empty plan, and the Jobcenter it is for."""

    jobcenter = forms.IntegerField()
    jahr = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Planjahr: bitte eine Jahreszahl wie 2026 eingeben.",
            "required": "Planjahr: Pflichtangabe fehlt.",
            "min_value": "Planjahr: bitte ein Jahr ab 2000 eingeben.",
            "max_value": "Planjahr: bitte ein Jahr bis 2100 eingeben.",
        },
    )
