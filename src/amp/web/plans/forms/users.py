"""The forms of the user administration: a new user, a role, allowed to log in or not."""

from __future__ import annotations

from typing import Any

from django import forms

from amp.core import limits
from amp.web.plans.models import Role


class UserForm(forms.Form):
    username = forms.RegexField(
        label="Benutzername",
        max_length=limits.MAX_USERNAME,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": "Nur Buchstaben, Ziffern und @ . + - _ verwenden."},
    )
    first_name = forms.CharField(label="Vorname", max_length=150, required=False)
    last_name = forms.CharField(label="Nachname", max_length=150, required=False)
    email = forms.EmailField(label="E-Mail", required=False)
    role = forms.ChoiceField(label="Rolle", choices=Role.choices)
    password1 = forms.CharField(
        label="Passwort",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Passwort wiederholen",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Die beiden Passwörter stimmen nicht überein.")
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Rolle", choices=Role.choices)


class ActiveForm(forms.Form):
    """aktiv=1: the member may log in again; aktiv=0: deactivated."""

    aktiv = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1", required=False
    )
