"""Synthetic measure-controlling data for the demo plan (Jobcenter EN 2024), deterministic.

Contracts follow the plan's measure tables (contract periods, places, Neuausschreibungen):
Vermitteln und Begleiten ends 30.06.2024, AsAflex and Lernen und Ausbildung 31.08.2024,
Aktivierungshilfen pro 31.10.2024 — each after its last option, each retendered; the BaE
of 2024 was tendered in the first half of 2024. Prices are set so that places × price comes
to a little under each plan line. Flows (Zuweisung, Eintritt, Austritt, Nichtantritt) and
vouchers are synthetic (seeded random), marked so in the column „synthetisch“, Stand
31.10.2024 like the in-year demo (amp.io.ledger.demo). Run `python -m amp.io.occupancy.demo`
to write examples/…/massnahmen/.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from amp.core.measures import Measure
from amp.core.money import round_half_up
from amp.core.occupancy.model import (
    Contract,
    ContractOption,
    ExitReason,
    FlowEvent,
    FlowKind,
    PriceBasis,
    Voucher,
    VoucherKind,
    add_months,
)
from amp.core.occupancy.occupancy import places_in
from amp.core.periods import Month
from amp.core.plan import Plan
from amp.example import DEMO_PLAN
from amp.io.occupancy.readers import Kind
from amp.io.occupancy.store import DIRECTORY, FILES, write_contracts, write_flows, write_vouchers
from amp.io.plan_dir import load_plan

SEED = 2024
STAND = date(2024, 10, 31)
SIMULATION_START = date(2022, 7, 1)
ONE_DAY = timedelta(days=1)

# the seed's Neuausschreibungen: the measure's last contract ended after its option
RETENDERED = {
    "vermitteln_und_begleiten": date(2024, 4, 12),  # awarded on
    "lernen_und_ausbildung": date(2024, 6, 14),
    "asaflex": date(2024, 6, 28),
    "aktivierungshilfen_pro": None,  # the follow-up from 01.11.2024 is not yet awarded
}
BAE_AWARDED = {"bae_koop_2024": date(2024, 5, 31)}  # tendered in the first half of 2024
HOUR_BASED = {"asaflex", "coaching_16e_16i"}
HOURS_PER_PLACE = 6  # contracted hours per place and month of an hour contingent
LINE_OF_MEASURE = {  # where the plan attaches no measure to a line
    "coaching_16e_16i": "taam",
    "unternehmenscoaching": "existenzgruendung",
}
FIXED_PRICE = {"coaching_16e_16i": Decimal("62.00"), "unternehmenscoaching": Decimal("180.00")}
LINE_SHARE = {"aktivierung_erwachsene": 0.78}  # the line pays the AVGS too
DEFAULT_SHARE = 0.93
# occupancy the demo aims at, where not 84–98 %
RATE = {
    "eu_buerger": 0.55,
    "aktivcenter_frauen": 0.62,
    "hilfe_zur_arbeit": 0.68,
    "ganzheitliche_betreuung": 0.6,
}
NO_SHOW = {"aktivcenter": 0.37, "eu_buerger": 0.3}
WOMEN_ONLY = {"aktivcenter_frauen", "bim", "muetter_in_arbeit"}
SITES = ("Witten", "Hattingen", "Schwelm", "Gevelsberg", "Ennepetal", "Sprockhövel")
PROVIDERS = (
    "Bildungswerk EN gGmbH",
    "Neue Arbeit Ruhr e.V.",
    "Qualifizierungszentrum Südkreis GmbH",
    "Jugendhilfe Ennepe e.V.",
    "Diakonie Mark-Ruhr gGmbH",
)


def _cents(value: float) -> Decimal:
    return round_half_up(Decimal(repr(value)))


@dataclass
class _Demo:
    plan: Plan
    rng: random.Random
    contracts: list[Contract] = field(default_factory=list)
    events: list[FlowEvent] = field(default_factory=list)
    vouchers: list[Voucher] = field(default_factory=list)
    serial: int = 0

    def next_id(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}{self.serial:07d}"

    def person(self) -> str:
        return f"PS-{self.rng.getrandbits(40):010x}"


def _line(plan: Plan, measure: Measure, table: str) -> str | None:
    for line in plan.budget.lines():
        if measure.id in line.measures:
            return line.id
    if measure.id in LINE_OF_MEASURE:
        return LINE_OF_MEASURE[measure.id]
    if table == "ue25" and measure.legal_basis == "§ 45 SGB III":
        return "aktivierung_erwachsene"
    if measure.legal_basis == "§ 76 SGB III":
        return "bae"
    return None


def _contracts_of(d: _Demo, measure: Measure, table: str) -> list[Contract]:
    periods = sorted(measure.contract_periods, key=lambda p: p.start)
    lots: list[str | None] = []
    for i, p in enumerate(periods):
        overlapping = any(
            q is not p and q.start <= (p.end or STAND) and p.start <= (q.end or STAND)
            for q in periods
        )
        lots.append(p.lot or (f"Los {i + 1}" if overlapping else None))
    in_2024 = [
        p for p in periods if p.start <= date(2024, 12, 31) and (p.end or STAND) >= date(2024, 1, 1)
    ]
    share = max(1, len({lots[periods.index(p)] for p in in_2024}))
    places = None if measure.places.value is None else max(1, measure.places.value // share)
    result = []
    provider = d.rng.choice(PROVIDERS)
    for i, p in enumerate(periods):
        start = p.start
        if p.end is not None:
            end = p.end
        else:  # BaE "bis Ende Ausbildung": 36 (kooperativ) or 24 (integrativ) months
            months = 24 if "_int_" in measure.id else 36
            if measure.id.endswith("_2020_2022"):  # three cohorts: the last ends 2025
                months = 60
            end = add_months(start, months) - ONE_DAY
        options: tuple[ContractOption, ...] = ()
        total_months = (end.year - start.year) * 12 + end.month - start.month + 1
        near = p.end is not None and date(2024, 11, 1) <= end <= date(2025, 6, 30)
        if near and len(d.contracts) % 2 == 0:  # every other one still has an option
            options = (ContractOption(add_months(end, 12), add_months(end, -3), False),)
        elif total_months >= 36 and p.end is not None:
            # two years plus a drawn option of one year
            first_end = add_months(end + ONE_DAY, -12) - ONE_DAY
            options = (ContractOption(end, add_months(first_end, -3), True),)
            end = first_end
        awarded = BAE_AWARDED.get(measure.id, add_months(start, -2))
        result.append(
            Contract(
                id=f"V-{measure.id}-{i + 1}",
                measure=measure.id,
                start=start,
                end=end,
                price=Decimal(0),
                basis=PriceBasis.HOUR if measure.id in HOUR_BASED else PriceBasis.MONTH,
                places=places,
                hours_per_month=places * HOURS_PER_PLACE
                if measure.id in HOUR_BASED and places
                else None,
                lot=lots[i],
                provider=provider,
                sites=tuple(sorted(d.rng.sample(SITES, 2))),
                options=options,
                line=_line(d.plan, measure, table),
                awarded_on=awarded,
                name=measure.name,
            )
        )
    if measure.id in RETENDERED:
        last = result[-1]
        start = last.current_end + ONE_DAY
        end = add_months(start, 24) - ONE_DAY
        result.append(
            Contract(
                id=f"V-{measure.id}-{len(result) + 1}",
                measure=measure.id,
                start=start,
                end=end,
                price=Decimal(0),
                basis=last.basis,
                places=last.places,
                hours_per_month=last.hours_per_month,
                lot=last.lot,
                provider=d.rng.choice(PROVIDERS),
                sites=last.sites,
                options=(ContractOption(add_months(end, 12), add_months(end, -3), False),),
                line=last.line,
                awarded_on=RETENDERED[measure.id],
                name=measure.name,
            )
        )
    return result


def _priced(d: _Demo, contracts: list[Contract]) -> list[Contract]:
    """Prices so that each line's contracts cost about its plan share in 2024."""
    amounts = {line.id: float(line.amounts.plan or 0) for line in d.plan.budget.lines()}
    units: dict[str, float] = {}
    for c in contracts:
        if c.line is None or c.measure in FIXED_PRICE:
            continue
        per_month = (c.hours_per_month if c.basis is PriceBasis.HOUR else c.places) or 0
        first, last = max(c.start, date(2024, 1, 1)), min(c.current_end, date(2024, 12, 31))
        months = max(0, (last.year - first.year) * 12 + last.month - first.month + 1)
        units[c.line] = units.get(c.line, 0.0) + per_month * months
    result = []
    for c in contracts:
        if c.measure in FIXED_PRICE:
            price = FIXED_PRICE[c.measure]
        elif c.line is not None and units.get(c.line):
            base = amounts[c.line] * LINE_SHARE.get(c.line, DEFAULT_SHARE) / units[c.line]
            price = _cents(base * d.rng.uniform(0.92, 1.08))
        else:
            price = _cents(d.rng.uniform(500, 900))
        result.append(_replace_price(c, price))
    return result


def _replace_price(c: Contract, price: Decimal) -> Contract:
    from dataclasses import replace

    return replace(c, price=price)


def _flows(d: _Demo, measure: Measure, table: str, contracts: list[Contract]) -> None:
    rng = d.rng
    if not contracts:
        return
    first = max(min(c.start for c in contracts), SIMULATION_START)
    final_end = max(c.current_end for c in contracts)
    duration = measure.duration_months_max or 6
    bae = measure.legal_basis == "§ 76 SGB III"
    rate = RATE.get(measure.id)
    no_show = NO_SHOW.get(measure.id, 0.15)
    u25 = table == "u25"
    active: list[date] = []  # planned last days of the people in the measure

    def enter(day: date) -> None:
        person = d.person()
        woman = measure.id in WOMEN_ONLY or rng.random() < 0.47
        long_term = rng.random() < (0.4 if u25 else 0.62)
        assigned = day - timedelta(days=rng.randint(3, 21))
        d.events.append(
            FlowEvent(
                d.next_id("T"), person, measure.id, FlowKind.ASSIGNMENT, assigned, synthetic=True
            )
        )
        d.events.append(
            FlowEvent(
                d.next_id("T"),
                person,
                measure.id,
                FlowKind.ENTRY,
                day,
                woman=woman,
                long_term=long_term,
                under_25=u25,
                synthetic=True,
            )
        )
        months = 36 if bae else rng.randint(max(2, duration // 2), duration)
        planned = min(add_months(day, months) - ONE_DAY, final_end)
        draw = rng.random()
        reason = ExitReason.REGULAR
        if draw < (0.12 if bae else 0.18):
            reason = ExitReason.DROPOUT
        elif draw < (0.2 if bae else 0.4) and not bae:
            reason = ExitReason.INTEGRATION
        if reason is not ExitReason.REGULAR:
            planned = day + timedelta(days=rng.randint(14, max(15, (planned - day).days)))
        active.append(planned)
        if planned <= STAND:
            after = None
            if add_months(planned, 6) <= STAND:
                chance = {
                    ExitReason.INTEGRATION: 0.72,
                    ExitReason.REGULAR: 0.27,
                    ExitReason.DROPOUT: 0.1,
                }[reason]
                after = rng.random() < chance
            d.events.append(
                FlowEvent(
                    d.next_id("T"),
                    person,
                    measure.id,
                    FlowKind.EXIT,
                    planned,
                    reason,
                    woman=woman,
                    long_term=long_term,
                    under_25=u25,
                    employed_after=after,
                    synthetic=True,
                )
            )
        if rng.random() < no_show:
            other = d.person()
            d.events.append(
                FlowEvent(
                    d.next_id("T"), other, measure.id, FlowKind.ASSIGNMENT, assigned, synthetic=True
                )
            )
            refused = min(assigned + timedelta(days=rng.randint(5, 20)), STAND)
            d.events.append(
                FlowEvent(
                    d.next_id("T"), other, measure.id, FlowKind.NO_SHOW, refused, synthetic=True
                )
            )

    if bae:
        for c in contracts:
            # a contract for several cohorts (BaE 2020–2022) takes one cohort a year
            cohorts = 3 if measure.id.endswith("_2020_2022") else 1
            for k in range(cohorts):
                for _ in range(round((c.places or 0) * 0.95 / cohorts)):
                    enter(add_months(c.start, 12 * k) + timedelta(days=rng.randint(0, 20)))
        return
    month = Month.of(first)
    while month.first_day <= min(STAND, final_end):
        places = places_in(contracts, measure.id, month) or 0
        active[:] = [a for a in active if a >= month.first_day]
        aim = rate if rate is not None else rng.uniform(0.88, 1.0)
        # entries spread over the month: aim a little higher for the month's average
        target = round(places * aim * rng.uniform(1.04, 1.12))
        for _ in range(max(0, target - len(active))):
            start = max(month.first_day, first)
            last = min(month.last_day, STAND, final_end)
            if last < start:
                break
            enter(start + timedelta(days=rng.randint(0, (last - start).days)))
        serial = month.year * 12 + month.month
        month = Month(serial // 12, serial % 12 + 1)


def _vouchers(d: _Demo) -> None:
    rng = d.rng
    tv = d.plan.training_vouchers
    if tv is not None:
        for g in tv.goals:
            for q, planned in enumerate(g.quarters):
                if not planned:
                    continue
                first = date(2024, 3 * q + 1, 1)
                if first > STAND:
                    continue
                last = min(add_months(first, 3) - ONE_DAY, STAND)
                share = 1.0 if last == add_months(first, 3) - ONE_DAY else 1 / 3
                for _ in range(round(planned * share * rng.uniform(0.65, 1.15))):
                    issued = first + timedelta(days=rng.randint(0, (last - first).days))
                    redeemed = None
                    if rng.random() < 0.8:
                        day = issued + timedelta(days=rng.randint(7, 75))
                        redeemed = day if day <= STAND else None
                    d.vouchers.append(
                        Voucher(
                            d.next_id("G"),
                            d.person(),
                            VoucherKind.BGS,
                            g.id,
                            issued,
                            redeemed,
                            add_months(issued, 3),
                            True,
                        )
                    )
    avgs = d.plan.avgs
    if avgs is not None:
        for c in avgs.categories:
            for _ in range(round(c.count * 10 / 12 * rng.uniform(0.6, 1.1))):
                issued = date(2024, 1, 1) + timedelta(
                    days=rng.randint(0, (STAND - date(2024, 1, 1)).days)
                )
                redeemed = None
                if rng.random() < 0.7:
                    day = issued + timedelta(days=rng.randint(3, 45))
                    redeemed = day if day <= STAND else None
                d.vouchers.append(
                    Voucher(
                        d.next_id("G"),
                        d.person(),
                        VoucherKind.AVGS,
                        c.id,
                        issued,
                        redeemed,
                        add_months(issued, 3),
                        True,
                    )
                )


def generate(plan: Plan) -> tuple[list[Contract], list[FlowEvent], list[Voucher]]:
    d = _Demo(plan, random.Random(SEED))
    by_measure: dict[str, tuple[Measure, str, list[Contract]]] = {}
    for table in plan.measure_tables:
        for measure in table.measures:
            cs = _contracts_of(d, measure, table.id)
            d.contracts.extend(cs)
            by_measure[measure.id] = (measure, table.id, cs)
    d.contracts = _priced(d, d.contracts)
    for measure, table_id, _ in by_measure.values():
        mine = [c for c in d.contracts if c.measure == measure.id and c.awarded_on is not None]
        _flows(d, measure, table_id, mine)
    _vouchers(d)
    return d.contracts, d.events, d.vouchers


def write_demo(plan_directory: Path, target: Path | None = None) -> Path:
    plan = load_plan(plan_directory).plan
    contracts, events, vouchers = generate(plan)
    out = target or plan_directory / DIRECTORY
    out.mkdir(parents=True, exist_ok=True)
    write_contracts(out / FILES[Kind.CONTRACTS], contracts)
    write_flows(out / FILES[Kind.FLOWS], events)
    write_vouchers(out / FILES[Kind.VOUCHERS], vouchers)
    return out


if __name__ == "__main__":
    print(write_demo(DEMO_PLAN))
