"""The edit form of one measure: its fields, German texts of its values, the edits it makes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from amp.core import formatting, limits
from amp.core.findings import ModelPath
from amp.core.measures import ContractPeriod, Measure, MeasureTable, Places, Retender
from amp.core.plan import Plan as CorePlan
from amp.web.plans.forms.fields import (
    CountField,
    DayField,
    WholeNumberField,
    seen_text,
    seen_value,
)
from amp.web.plans.plan_edits import FieldEdit

PERIOD_FIELDS = ("lot", "start", "end", "end_alternative", "open_end", "option", "delete")
NEW_PERIOD_ROWS = 1


def places_text(places: Places | None, explain: bool = True) -> str:
    """E.g. "~ 140 (stundenbasiert)"; `explain`: say from what an inferred figure comes."""
    if places is None:
        return "(leer)"
    text = "~ " if places.approximate else ""
    text += "(keine Zahl)" if places.value is None else formatting.count(places.value)
    if places.hour_based:
        text += " (stundenbasiert)"
    if places.inferred_from:
        text += f" (erschlossen: {places.inferred_from})" if explain else " (erschlossen)"
    return text


def period_text(period: ContractPeriod) -> str:
    end = formatting.day(period.end) if period.end else period.open_end or "offen"
    text = f"{period.lot}: " if period.lot else ""
    text += f"{formatting.day(period.start)} – {end}"
    if period.end_alternative:
        text += f" bzw. {formatting.day(period.end_alternative)}"
    if period.end and period.open_end:
        text += f" ({period.open_end})"
    return text + (" (Option)" if period.option else "")


def periods_text(periods: tuple[ContractPeriod, ...] | None) -> str:
    return "; ".join(period_text(p) for p in periods or ()) or "(keine)"


def retender_text(retender: Retender | None) -> str:
    if retender is None:
        return "(keine)"
    parts = [f"ab {formatting.day(retender.planned_from)}" if retender.planned_from else ""]
    parts.append(retender.note or "")
    return " ".join(p for p in parts if p) or "geplant"


def plain_text(value: Any) -> str:
    return "(leer)" if value in (None, "") else str(value)


def count_text(value: int | None) -> str:
    return "(leer)" if value is None else formatting.count(value)


@dataclass(frozen=True)
class Part:
    """One edited part of a measure: its form field(s), its place in the model, its text."""

    key: str
    label: str
    show: Callable[[Any], str]


PARTS = (
    Part("name", "Bezeichnung", plain_text),
    Part("provider", "Träger", plain_text),
    Part("legal_basis", "Rechtsgrundlage", plain_text),
    Part("places", "Plätze", places_text),
    Part("contract_periods", "Laufzeiten", periods_text),
    Part("duration", "Dauer (wie gedruckt)", plain_text),
    Part("duration_months_max", "Höchstdauer in Monaten", count_text),
    Part("category", "Hauptziel", plain_text),
    Part("target_group", "Zielgruppe im Budget", plain_text),
    Part("audience", "Zielgruppe (Beschreibung)", plain_text),
    Part("content", "Inhalt und Zielsetzung", plain_text),
    Part("retender", "Neuausschreibung", retender_text),
    Part("note", "Hinweis", plain_text),
)


def _text(label: str, required: bool = False, area: bool = False, size: int = 300) -> Any:
    widget = forms.Textarea(attrs={"rows": 3, "cols": 60}) if area else None
    kwargs: dict[str, Any] = {"label": label, "required": required, "max_length": size}
    if widget is not None:
        kwargs["widget"] = widget
        kwargs["max_length"] = 4000
    return forms.CharField(**kwargs)


class MeasureForm(forms.Form):
    """All fields of a measure; contract periods as numbered rows plus one empty row to add."""

    name = _text("Bezeichnung", required=True, size=limits.MAX_NAME)
    provider = _text("Träger")
    legal_basis = _text("Rechtsgrundlage", required=True)
    places_value = CountField(label="Plätze", required=False)
    places_approximate = forms.BooleanField(label="ungefähr (~)", required=False)
    places_hour_based = forms.BooleanField(label="stundenbasiert", required=False)
    duration = _text("Dauer (wie gedruckt)")
    duration_months_max = CountField(label="Höchstdauer in Monaten", required=False)
    category = forms.ChoiceField(label="Hauptziel", required=False)
    target_group = forms.ChoiceField(label="Zielgruppe im Budget", required=False)
    audience = _text("Zielgruppe (Beschreibung)", area=True)
    content = _text("Inhalt und Zielsetzung", area=True)
    retender_planned_from = DayField(label="Neuausschreibung ab", required=False)
    retender_note = _text("Neuausschreibung: Hinweis")
    note = _text("Hinweis", area=True)

    conflicts = False  # set when someone else changed a field meanwhile

    def __init__(
        self, *args: Any, table: MeasureTable, plan: CorePlan, periods: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.period_count = periods + NEW_PERIOD_ROWS
        self.fields["category"].choices = [("", "(keines)")] + [
            (c.id, c.name) for c in table.categories
        ]
        groups = plan.target_groups.groups if plan.target_groups else ()
        self.fields["target_group"].choices = [("", "(keine)")] + [(g.id, g.name) for g in groups]
        for i in range(self.period_count):
            number = i + 1
            self.fields[f"p{i}_lot"] = _text(f"Los (Laufzeit {number})", size=100)
            self.fields[f"p{i}_start"] = DayField(
                label=f"Beginn (Laufzeit {number})", required=False
            )
            self.fields[f"p{i}_end"] = DayField(label=f"Ende (Laufzeit {number})", required=False)
            self.fields[f"p{i}_end_alternative"] = DayField(
                label=f"bzw. Ende (Laufzeit {number})", required=False
            )
            self.fields[f"p{i}_open_end"] = _text(f"offenes Ende (Laufzeit {number})", size=200)
            self.fields[f"p{i}_option"] = forms.BooleanField(
                label=f"Option (Laufzeit {number})", required=False
            )
            if i < periods:
                self.fields[f"p{i}_delete"] = forms.BooleanField(
                    label=f"Laufzeit {number} entfernen", required=False
                )

    def period_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"p{i}_{name}"] for name in PERIOD_FIELDS if f"p{i}_{name}" in self.fields]
            for i in range(self.period_count)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        periods: list[ContractPeriod] = []
        for i in range(self.period_count):
            if data.get(f"p{i}_delete"):
                continue
            start = data.get(f"p{i}_start")
            others = [data.get(f"p{i}_{n}") for n in PERIOD_FIELDS if n not in {"start", "delete"}]
            if start is None:
                if any(others) and f"p{i}_start" not in self.errors:
                    self.add_error(f"p{i}_start", "Pflichtangabe fehlt (Beginn der Laufzeit).")
                continue
            try:
                periods.append(
                    ContractPeriod(
                        start=start,
                        end=data.get(f"p{i}_end"),
                        end_alternative=data.get(f"p{i}_end_alternative"),
                        open_end=data.get(f"p{i}_open_end") or None,
                        lot=data.get(f"p{i}_lot") or None,
                        option=bool(data.get(f"p{i}_option")),
                    )
                )
            except ValueError as exc:
                self.add_error(f"p{i}_end", f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
        data["contract_periods"] = tuple(periods)
        return data


def initial(measure: Measure) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": measure.name,
        "provider": measure.provider or "",
        "legal_basis": measure.legal_basis,
        "places_value": formatting.count(measure.places.value),
        "places_approximate": measure.places.approximate,
        "places_hour_based": measure.places.hour_based,
        "duration": measure.duration or "",
        "duration_months_max": formatting.count(measure.duration_months_max),
        "category": measure.category or "",
        "target_group": measure.target_group or "",
        "audience": measure.audience or "",
        "content": measure.content or "",
        "retender_planned_from": formatting.day(
            measure.retender.planned_from if measure.retender else None
        ),
        "retender_note": (measure.retender.note or "") if measure.retender else "",
        "note": measure.note or "",
    }
    for i, period in enumerate(measure.contract_periods):
        values |= {
            f"p{i}_lot": period.lot or "",
            f"p{i}_start": formatting.day(period.start),
            f"p{i}_end": formatting.day(period.end),
            f"p{i}_end_alternative": formatting.day(period.end_alternative),
            f"p{i}_open_end": period.open_end or "",
            f"p{i}_option": period.option,
        }
    return values


def current_values(measure: Measure) -> dict[str, Any]:
    """The value of every part as the model holds it: what the hidden `gesehen-…` fields carry."""
    return {part.key: getattr(measure, part.key) for part in PARTS}


def seen_fields(measure: Measure) -> dict[str, str]:
    return {key: seen_text(value) for key, value in current_values(measure).items()}


def new_values(data: dict[str, Any], measure: Measure) -> dict[str, Any]:
    """The measure's parts as the cleaned form describes them."""
    places = measure.places
    value = data.get("places_value")
    places = Places(
        value=value,
        approximate=bool(data.get("places_approximate")),
        hour_based=bool(data.get("places_hour_based")),
        # a figure the planner typed is no longer one inferred from the document
        inferred_from=places.inferred_from if value == places.value else None,
    )
    planned = data.get("retender_planned_from")
    note = data.get("retender_note") or None
    retender = Retender(planned, note) if planned or note else None

    def text(key: str) -> str | None:
        return data.get(key) or None

    return {
        "name": data["name"],
        "provider": text("provider"),
        "legal_basis": data["legal_basis"],
        "places": places,
        "contract_periods": data["contract_periods"],
        "duration": text("duration"),
        "duration_months_max": data.get("duration_months_max"),
        "category": text("category"),
        "target_group": text("target_group"),
        "audience": text("audience"),
        "content": text("content"),
        "retender": retender,
        "note": text("note"),
    }


MAX_PERIODS = 50  # contract period rows of one form


class SeenForm(forms.Form):
    """The hidden fields beside a measure form: how many contract period rows it had, and
    what the planner saw of each part (JSON, for compare-and-set)."""

    laufzeiten = WholeNumberField(min_value=0, max_value=MAX_PERIODS, required=False)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        for part in PARTS:
            self.fields[f"gesehen-{part.key}"] = forms.CharField(required=False, strip=False)
        self.is_valid()

    def periods(self, stored: int) -> int:
        """The number of period rows posted; the stored number when it is missing or wrong."""
        posted = self.cleaned_data.get("laufzeiten")
        return stored if posted is None else int(posted)

    def shown(self) -> dict[str, str]:
        """The seen values as posted, to carry them on when the form comes back."""
        return {part.key: self.cleaned_data.get(f"gesehen-{part.key}", "") for part in PARTS}

    def seen(self, key: str) -> tuple[bool, Any]:
        """(True, value) from the hidden field of a part, (False, None) when missing or broken."""
        return seen_value(self.data, key)


def edits(
    base: ModelPath, logged: ModelPath, place: str, seen_form: SeenForm, new: dict[str, Any]
) -> tuple[list[FieldEdit], list[str]]:
    """The edits to the measure at `base` (logged under `logged`); second: parts not seen."""
    result, missing = [], []
    for part in PARTS:
        found, seen = seen_form.seen(part.key)
        if not found:
            missing.append(part.label)
            continue
        label = f"{place} › {part.label}"
        path, where = (*base, part.key), (*logged, part.key)
        result.append(FieldEdit(path, label, seen, new[part.key], part.show, where))
    return result, missing


# form field that shows an error of a part (the part's first field)
ERROR_FIELD = {
    "places": "places_value",
    "contract_periods": "p0_start",
    "retender": "retender_planned_from",
}
