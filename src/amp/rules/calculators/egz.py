"""Eingliederungszuschuss (§§ 89, 90 SGB III): maximum rate and duration by group."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from amp.rules.calculators.explained import Explained, Step
from amp.rules.calculators.wage_subsidy import CalculationError
from amp.rules.law import Key, Law


class EgzGroup(StrEnum):
    STANDARD = "standard"
    OLDER = "older"  # ältere Arbeitnehmer, § 89 Satz 3
    DISABLED = "disabled"  # behinderte/schwerbehinderte Menschen, § 90 Abs. 1
    SEVERELY_DISABLED = "severely_disabled"  # besonders betroffen, § 90 Abs. 2


def _number(law: Law, key: Key, day: date) -> Decimal:
    value = law.number(key, day)
    if value is None:
        raise CalculationError(f"{law[key].name.de}: am {day:%d.%m.%Y} kein Zahlenwert in Kraft")
    return value


def _pair(law: Law, key: Key, day: date) -> tuple[Decimal, Decimal]:
    value = law.pair(key, day)
    if value is None:
        raise CalculationError(f"{key.value}: am {day:%d.%m.%Y} nicht in Kraft")
    return value


def stepped_rates(
    start_rate: Decimal, months: int, free_months: int, step: Decimal, floor: Decimal
) -> tuple[Decimal, ...]:
    """The rate per 12-month period: unchanged for `free_months`, then `step` less a year."""
    rates: list[Decimal] = []
    for period in range((months + 11) // 12):
        reductions = max(0, period - free_months // 12 + 1)
        rates.append(max(start_rate - step * reductions, min(floor, start_rate)))
    return tuple(rates)


def egz_maximum(law: Law, group: EgzGroup, start: date, age: int) -> Explained:
    """Legal maximum rate and duration of an EGZ starting on `start` for a person of `age`."""
    rate = _number(law, Key.EGZ_RATE, start)
    months = _number(law, Key.EGZ_MONTHS, start)
    reference = "§ 89 Satz 2 SGB III"
    notes: list[str] = []
    rates: tuple[Decimal, ...] = (rate,)
    if group is EgzGroup.OLDER:
        minimum_age = law.number(Key.EGZ_OLDER_MIN_AGE, start)
        if minimum_age is None:
            notes.append("Die längere Förderung Älterer gilt bei diesem Förderbeginn nicht.")
        elif age < minimum_age:
            notes.append(
                f"Ältere: erst ab {minimum_age} Jahren (bei Förderbeginn am "
                f"{start:%d.%m.%Y}); es gilt die Regelförderung."
            )
        else:
            months = _number(law, Key.EGZ_OLDER_MONTHS, start)
            reference = "§ 89 Satz 3 SGB III"
            notes.append(f"Ältere ab {minimum_age} Jahren bei Förderbeginn am {start:%d.%m.%Y}.")
        rates = (rate,) * ((int(months) + 11) // 12)
    elif group in (EgzGroup.DISABLED, EgzGroup.SEVERELY_DISABLED):
        rate = _number(law, Key.EGZ_DISABLED_RATE, start)
        step, floor = _pair(law, Key.EGZ_REDUCTION, start)
        if group is EgzGroup.DISABLED:
            months = _number(law, Key.EGZ_DISABLED_MONTHS, start)
            reference, free = "§ 90 Abs. 1, 4 SGB III", 12
        else:
            regular, older = _pair(law, Key.EGZ_SEVERELY_DISABLED_MONTHS, start)
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
