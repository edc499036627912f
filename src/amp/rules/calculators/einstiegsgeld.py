"""Einstiegsgeld (§ 16b SGB II, § 1 ESGV): monthly amount and duration, case by case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amp.core.money import HUNDRED, round_half_up
from amp.rules.calculators.explained import Explained, Step
from amp.rules.calculators.wage_subsidy import CalculationError
from amp.rules.parameters import ParameterError, load_parameter


def _percent(key: str, day: date) -> Decimal:
    try:
        return load_parameter(f"sgb2_16b_einstiegsgeld.{key}").number_at(day)
    except ParameterError as exc:
        raise CalculationError(str(exc)) from None


def einstiegsgeld(
    start: date, household_size: int, long_term_unemployed: bool, months: int
) -> Explained:
    """Maximum Einstiegsgeld per month under § 1 ESGV and the total over `months`."""
    if household_size < 1:
        raise CalculationError("Die Bedarfsgemeinschaft hat mindestens eine Person")
    limit = int(_percent("hoechstdauer", start))
    if not 0 < months <= limit:
        raise CalculationError(f"Dauer muss 1 bis {limit} Monate betragen (§ 16b Abs. 2 SGB II)")
    try:
        standard = load_parameter("regelbedarf").number_at(start)
    except ParameterError as exc:
        raise CalculationError(str(exc)) from None
    base_rate = _percent("grundbetrag", start)
    base = round_half_up(standard * base_rate / HUNDRED)
    steps = [
        Step("Regelbedarfsstufe 1", standard, "€", "§ 20 SGB II"),
        Step(f"Grundbetrag ({base_rate} % des Regelbedarfs)", base, "€", "§ 1 Abs. 2 ESGV"),
    ]
    amount = base
    if long_term_unemployed:
        rate = _percent("zuschlag_langzeitarbeitslos", start)
        extra = round_half_up(standard * rate / HUNDRED)
        steps.append(
            Step(f"Zuschlag Langzeitarbeitslosigkeit ({rate} %)", extra, "€", "§ 1 Abs. 3 ESGV")
        )
        amount += extra
    if household_size > 1:
        rate = _percent("zuschlag_je_person", start)
        extra = round_half_up(standard * rate / HUNDRED) * (household_size - 1)
        label = f"Zuschlag für {household_size - 1} weitere Person(en) ({rate} % je Person)"
        steps.append(Step(label, extra, "€", "§ 1 Abs. 4 ESGV"))
        amount += extra
    cap = round_half_up(standard * _percent("obergrenze", start) / HUNDRED)
    notes: tuple[str, ...] = ()
    if amount > cap:
        notes = (f"Begrenzt auf die Obergrenze von {cap} € (§ 1 Abs. 5 ESGV).",)
        amount = cap
    steps += [
        Step("Einstiegsgeld je Monat höchstens", amount, "€", "§ 1 ESGV"),
        Step("Dauer", Decimal(months), "Monate", "§ 16b Abs. 2 SGB II"),
        Step("Summe über die Dauer", amount * months, "€", ""),
    ]
    notes += (
        "Bezugsgröße ist hier die Regelbedarfsstufe 1; der Betrag wird bei Bewilligung "
        "festgesetzt und bleibt über die Dauer gleich (Annahme).",
    )
    return Explained("Einstiegsgeld (§ 16b SGB II)", tuple(steps), notes)
