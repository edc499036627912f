"""Eingliederungszuschuss (§§ 89, 90 SGB III): maximum rate and duration by group."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from amp.rules.calculators.explained import Explained, Step
from amp.rules.calculators.wage_subsidy import CalculationError
from amp.rules.parameters import ParameterError, load_parameter


class EgzGroup(StrEnum):
    STANDARD = "standard"
    OLDER = "older"  # ältere Arbeitnehmer, § 89 Satz 3
    DISABLED = "disabled"  # behinderte/schwerbehinderte Menschen, § 90 Abs. 1
    SEVERELY_DISABLED = "severely_disabled"  # besonders betroffen, § 90 Abs. 2


def _number(key: str, day: date) -> Decimal:
    try:
        return load_parameter(key).number_at(day)
    except ParameterError as exc:
        raise CalculationError(str(exc)) from None


def _pair(key: str, day: date) -> tuple[Decimal, Decimal]:
    value = load_parameter(key).value_at(day)
    if not isinstance(value, tuple) or len(value) != 2:
        raise CalculationError(f"{key}: am {day:%d.%m.%Y} nicht in Kraft")
    return value[0], value[1]


def stepped_rates(
    start_rate: Decimal, months: int, free_months: int, step: Decimal, floor: Decimal
) -> tuple[Decimal, ...]:
    """The rate per 12-month period: unchanged for `free_months`, then `step` less a year."""
    rates: list[Decimal] = []
    for period in range((months + 11) // 12):
        reductions = max(0, period - free_months // 12 + 1)
        rates.append(max(start_rate - step * reductions, min(floor, start_rate)))
    return tuple(rates)


def egz_maximum(group: EgzGroup, start: date, age: int) -> Explained:
    """Legal maximum rate and duration of an EGZ starting on `start` for a person of `age`."""
    rate = _number("sgb3_egz.regel_satz", start)
    months = _number("sgb3_egz.regel_dauer", start)
    reference = "§ 89 Satz 2 SGB III"
    notes: list[str] = []
    rates: tuple[Decimal, ...] = (rate,)
    if group is EgzGroup.OLDER:
        minimum_age = load_parameter("sgb3_egz.aeltere_mindestalter").value_at(start)
        if not isinstance(minimum_age, Decimal):
            notes.append("Die längere Förderung Älterer gilt bei diesem Förderbeginn nicht.")
        elif age < minimum_age:
            notes.append(
                f"Ältere: erst ab {minimum_age} Jahren (bei Förderbeginn am "
                f"{start:%d.%m.%Y}); es gilt die Regelförderung."
            )
        else:
            months = _number("sgb3_egz.aeltere_dauer", start)
            reference = "§ 89 Satz 3 SGB III"
            notes.append(f"Ältere ab {minimum_age} Jahren bei Förderbeginn am {start:%d.%m.%Y}.")
        rates = (rate,) * ((int(months) + 11) // 12)
    elif group in (EgzGroup.DISABLED, EgzGroup.SEVERELY_DISABLED):
        rate = _number("sgb3_egz.behinderte_satz", start)
        step, floor = _pair("sgb3_egz.minderung", start)
        if group is EgzGroup.DISABLED:
            months = _number("sgb3_egz.behinderte_dauer", start)
            reference, free = "§ 90 Abs. 1, 4 SGB III", 12
        else:
            regular, older = _pair("sgb3_egz.schwerbehinderte_dauer", start)
            months = older if age >= 55 else regular
            reference, free = "§ 90 Abs. 2, 4 SGB III", 24
        rates = stepped_rates(rate, int(months), free, step, floor)
        notes.append(
            f"Minderung um {step} Prozentpunkte jährlich nach {free} Monaten, "
            f"mindestens {floor} % (§ 90 Abs. 4 SGB III)."
        )
    steps = [
        Step("Höchstsatz", rate, "%", reference),
        Step("Höchstdauer", months, "Monate", reference),
    ]
    steps += [Step(f"Satz im {i + 1}. Förderjahr", r, "%", reference) for i, r in enumerate(rates)]
    return Explained("Eingliederungszuschuss – gesetzliche Höchstwerte", tuple(steps), tuple(notes))
