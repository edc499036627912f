"""The approval's confirmation: sent from the page that shows what approving means."""

from __future__ import annotations

from django import forms


def _yes() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=[("1", "1")], coerce=lambda value: value == "1", required=False, empty_value=False
    )


class ApprovalForm(forms.Form):
    """bestaetigt=1: the confirmation page was seen; ersetzen=1: the draft may take the place
    of the version in force although it does not build on it."""

    bestaetigt = _yes()
    ersetzen = _yes()

    def confirmed(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data["bestaetigt"])

    def replace_confirmed(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data["ersetzen"])
