"""The forms of the funds screen: a fund entry (Mittel), a Fortschreibung, the
Verpflichtungsermächtigung of a year, and the removal of an entry. Every form carries the
ledger's stamp as the user saw it (compare-and-set) and checks its values against
amp.core.limits; every message is German."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from amp.core import formatting, limits
from amp.core.ledger.model import FUND_ENTRY_LABELS, FUND_LABELS
from amp.core.periods import Month
from amp.io.ledger import values
from amp.web.plans.forms.fields import DayField, WholeNumberField

# how many years ahead a Verpflichtungsermächtigung may be entered (the Vorbelastungen
# run to Y+4)
AUTHORITY_YEARS = 4


def _text(value: str, limit: int) -> str:
    problem = limits.text_problem(value, limit)
    if problem:
        raise ValidationError(f"{problem[:1].upper()}{problem[1:]}.")
    return value


class SignedAmountField(forms.CharField):
    """An amount as 1.234,56, negative with a leading minus (-5.000,00); empty is None."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 14}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        text = (super().to_python(value) or "").strip()
        negative = text.startswith(("-", "−"))
        try:
            amount = formatting.parse_amount(text[1:] if negative else text)
        except formatting.AmountInputError as exc:
            raise ValidationError(f"{str(exc)[:1].upper()}{str(exc)[1:]}.") from None
        if amount is None:
            return None
        return -amount if negative else amount


class _Stamped(forms.Form):
    stempel = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def _in_year(self, field: str) -> Any:
        day = self.cleaned_data.get(field)
        if day is None:
            raise ValidationError("Bitte das Datum angeben (TT.MM.JJJJ).")
        if day.year != self.year:
            raise ValidationError(f"Das Datum muss im Jahr {self.year} liegen.")
        return day


class _Entry(_Stamped):
    nummer = forms.CharField(
        label="Nummer (eindeutig, z. B. Z-2024-1)",
        max_length=limits.MAX_ID,
        error_messages={"required": "Bitte eine Nummer angeben."},
    )
    datum = DayField(label="Datum (TT.MM.JJJJ)")
    betrag = SignedAmountField(
        label="Betrag in Euro (negativ mit Minus, z. B. -5.000,00)",
        error_messages={"required": "Bitte den Betrag angeben."},
    )
    notiz = forms.CharField(label="Notiz (optional)", required=False, max_length=300)

    def clean_nummer(self) -> str:
        value = _text(self.cleaned_data["nummer"].strip(), limits.MAX_ID)
        if not value:
            raise ValidationError("Bitte eine Nummer angeben.")
        return value

    def clean_datum(self) -> Any:
        return self._in_year("datum")

    def clean_notiz(self) -> str:
        return _text(self.cleaned_data.get("notiz", "").strip(), 300)

    def clean_betrag(self) -> Any:
        amount = self.cleaned_data.get("betrag")
        if amount is None:
            raise ValidationError("Bitte den Betrag angeben.")
        return amount


class FundForm(_Entry):
    topf = forms.ChoiceField(
        label="Topf", choices=[(f.value, label) for f, label in FUND_LABELS.items()]
    )
    art = forms.ChoiceField(
        label="Art", choices=[(k.value, label) for k, label in FUND_ENTRY_LABELS.items()]
    )


class PlanChangeForm(_Entry):
    zeile = forms.ChoiceField(label="Planzeile")

    def __init__(self, *args: Any, lines: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zeile = self.fields["zeile"]
        assert isinstance(zeile, forms.ChoiceField)
        zeile.choices = lines

    def clean_betrag(self) -> Any:
        amount = super().clean_betrag()
        if amount == 0:
            raise ValidationError("Eine Fortschreibung um 0,00 € ändert nichts.")
        return amount


class AuthorityForm(_Stamped):
    jahr = WholeNumberField(label="Jahr")
    betrag = SignedAmountField(
        label="Verpflichtungsermächtigung in Euro (leer: keine)", required=False
    )

    def clean_jahr(self) -> int:
        year = self.cleaned_data.get("jahr")
        if year is None:
            raise ValidationError("Bitte das Jahr angeben.")
        if not self.year < year <= self.year + AUTHORITY_YEARS:
            raise ValidationError(
                f"Eine Verpflichtungsermächtigung gilt für die Folgejahre "
                f"{self.year + 1} bis {self.year + AUTHORITY_YEARS}."
            )
        return int(year)

    def clean_betrag(self) -> Any:
        amount = self.cleaned_data.get("betrag")
        if amount is not None and amount < 0:
            raise ValidationError("Die Verpflichtungsermächtigung darf nicht negativ sein.")
        return amount


class RemoveForm(_Stamped):
    nummer = forms.CharField(max_length=limits.MAX_ID)


class AvailabilityForm(forms.Form):
    """The availability check of a planned commitment, before it exists."""

    betrag = SignedAmountField(label="Betrag der neuen Bindung im Jahr, in Euro")

    def clean_betrag(self) -> Any:
        amount = self.cleaned_data.get("betrag")
        if amount is None:
            raise ValidationError("Bitte den Betrag angeben.")
        if amount <= 0:
            raise ValidationError("Der Betrag muss größer als 0 sein.")
        return amount


# the longest payment plan an instrument has (EGZ up to 96 months)
MAX_PLAN_MONTHS = 96


class MonthField(forms.CharField):
    """A month as MM.JJJJ (or JJJJ-MM); empty is None."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 8, "placeholder": "MM.JJJJ"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        if len(text) > 20:
            raise ValidationError("Zu lang: ein Monat als MM.JJJJ, z. B. 11.2024.")
        try:
            return values.month(text)
        except values.ValueProblem as exc:
            raise ValidationError(f"{str(exc)[:1].upper()}{str(exc)[1:]}.") from None


class EarmarkForm(_Stamped):
    """A new commitment entered by hand as vorgemerkt: the same amount every month from
    the first to the last month of its payment plan."""

    nummer = forms.CharField(
        label="Nummer der Bindung (eindeutig)",
        max_length=limits.MAX_ID,
        error_messages={"required": "Bitte eine Nummer angeben."},
    )
    datum = DayField(label="Datum der Vormerkung (TT.MM.JJJJ)")
    betrag = SignedAmountField(
        label="Betrag je Monat in Euro", error_messages={"required": "Bitte den Betrag angeben."}
    )
    von = MonthField(label="erster Monat (MM.JJJJ)")
    bis = MonthField(label="letzter Monat (MM.JJJJ)")
    massnahme = forms.CharField(label="Maßnahme (optional)", required=False, max_length=200)

    def clean_nummer(self) -> str:
        value = _text(self.cleaned_data["nummer"].strip(), limits.MAX_ID)
        if not value:
            raise ValidationError("Bitte eine Nummer angeben.")
        return value

    def clean_datum(self) -> Any:
        return self._in_year("datum")

    def clean_betrag(self) -> Any:
        amount = self.cleaned_data.get("betrag")
        if amount is None:
            raise ValidationError("Bitte den Betrag angeben.")
        if amount <= 0:
            raise ValidationError("Der Betrag je Monat muss größer als 0 sein.")
        return amount

    def clean_massnahme(self) -> str:
        return _text(self.cleaned_data.get("massnahme", "").strip(), 200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("von"), data.get("bis")
        if first is None and "von" not in self.errors:
            self.add_error("von", "Bitte den ersten Monat angeben.")
        if last is None and "bis" not in self.errors:
            self.add_error("bis", "Bitte den letzten Monat angeben.")
        if first is None or last is None:
            return data
        if first.year < self.year:
            self.add_error("von", f"Der erste Monat muss im Jahr {self.year} oder später liegen.")
        elif last < first:
            self.add_error("bis", "Der letzte Monat liegt vor dem ersten.")
        elif (last.year - first.year) * 12 + last.month - first.month + 1 > MAX_PLAN_MONTHS:
            self.add_error("bis", f"Höchstens {MAX_PLAN_MONTHS} Monate (8 Jahre).")
        return data

    def months(self) -> list[Month]:
        first, last = self.cleaned_data["von"], self.cleaned_data["bis"]
        result, current = [], first
        while current <= last:
            result.append(current)
            current = (
                Month(current.year + 1, 1)
                if current.month == 12
                else Month(current.year, current.month + 1)
            )
        return result
