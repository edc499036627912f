"""Einstiegsgeld (§ 16b SGB II, § 1 ESGV): monthly amount and duration, case by case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amp.core.money import HUNDRED, round_half_up
from amp.rules.calculators.explained import Explained, Step
from amp.rules.calculators.wage_subsidy import CalculationError
from amp.rules.law import Key, Law

STANDARD_LEVELS = range(1, 7)


def _number(law: Law, key: Key, day: date) -> Decimal:
    value = law.number(key, day)
    if value is None:
        raise CalculationError(f"{law[key].name.de}: am {day:%d.%m.%Y} kein Zahlenwert in Kraft")
    return value


def standard_need(law: Law, level: int, day: date) -> Decimal:
    """The Regelbedarf of Regelbedarfsstufe `level` (1 … 6) in force on `day`."""
    if level not in STANDARD_LEVELS:
        raise CalculationError("Die Regelbedarfsstufe ist 1 bis 6 (§ 20 SGB II, § 8 RBEG)")
    if level == 1:
        return _number(law, Key.STANDARD_NEED, day)
    levels = law.value(Key.STANDARD_NEED_LEVELS, day)
    if not isinstance(levels, dict) or str(level) not in levels:
        raise CalculationError(f"Regelbedarfsstufe {level}: am {day:%d.%m.%Y} kein Wert in Kraft")
    return levels[str(level)]


def einstiegsgeld(
    law: Law,
    start: date,
    household_size: int,
    long_term_unemployed: bool,
    months: int,
    *,
    standard_level: int = 1,
    six_months_with_obstacles: bool = False,
) -> Explained:
    """Maximum Einstiegsgeld per month under § 1 ESGV and the total over `months`.

    The Grundbetrag is a share of the person's own Regelbedarf (`standard_level`: a partner
    is on Regelbedarfsstufe 2); the Ergänzungsbeträge and the cap are shares of
    Regelbedarfsstufe 1. The Ergänzungsbetrag for unemployment is due after two years of
    unemployment (`long_term_unemployed`) or after six months when obstacles in the
    person make the integration harder (`six_months_with_obstacles`, § 1 Abs. 3 ESGV)."""
    if household_size < 1:
        raise CalculationError("Die Bedarfsgemeinschaft hat mindestens eine Person")
    limit = int(_number(law, Key.ESG_MAX_MONTHS, start))
    if not 0 < months <= limit:
        raise CalculationError(f"Dauer muss 1 bis {limit} Monate betragen (§ 16b Abs. 2 SGB II)")
    level_one = standard_need(law, 1, start)
    own = standard_need(law, standard_level, start)
    base_rate = _number(law, Key.ESG_BASE, start)
    base = round_half_up(own * base_rate / HUNDRED)
    steps = [Step(f"Regelbedarfsstufe {standard_level}", own, "€", "§ 20 SGB II")]
    if standard_level != 1:
        steps.append(Step("Regelbedarfsstufe 1 (für Zuschläge)", level_one, "€", "§ 20 SGB II"))
    steps.append(
        Step(f"Grundbetrag ({base_rate} % des eigenen Regelbedarfs)", base, "€", "§ 1 Abs. 2 ESGV")
    )
    amount = base
    if long_term_unemployed or six_months_with_obstacles:
        rate = _number(law, Key.ESG_LONG_UNEMPLOYED, start)
        extra = round_half_up(level_one * rate / HUNDRED)
        label = (
            f"Zuschlag Langzeitarbeitslosigkeit ({rate} %)"
            if long_term_unemployed
            else f"Zuschlag Arbeitslosigkeit ab 6 Monaten mit Vermittlungshemmnissen ({rate} %)"
        )
        steps.append(Step(label, extra, "€", "§ 1 Abs. 3 ESGV"))
        amount += extra
    if household_size > 1:
        rate = _number(law, Key.ESG_PER_PERSON, start)
        extra = round_half_up(level_one * rate / HUNDRED) * (household_size - 1)
        label = f"Zuschlag für {household_size - 1} weitere Person(en) ({rate} % je Person)"
        steps.append(Step(label, extra, "€", "§ 1 Abs. 4 ESGV"))
        amount += extra
    cap = round_half_up(level_one * _number(law, Key.ESG_CAP, start) / HUNDRED)
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
        "Der Grundbetrag bemisst sich am Regelbedarf der geförderten Person, Zuschläge und "
        "Obergrenze an der Regelbedarfsstufe 1; der Betrag wird bei Bewilligung festgesetzt "
        "und bleibt über die Dauer gleich (Annahme).",
    )
    return Explained("Einstiegsgeld (§ 16b SGB II)", tuple(steps), notes)
