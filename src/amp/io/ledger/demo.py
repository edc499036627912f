"""Synthetic execution data for the demo plan (Jobcenter EN 2024), deterministic.

Derived from the plan: each line spends about its plan in 2024 (a few lines clearly more or
less, so that forecast and Umschichtung have something to say), the seed's Hochrechnung
2023 in 2023 and a little less in 2022, month by month along a seasonal profile. Lines
with places (Maßnahmen) run on contracts (Bindungen) of 12 to 36 months, some with an
option (vorgemerkt); § 16i runs on the cohort's approvals (kohorte_16i.csv); PAT receipts,
Rückforderungen, a Storno, an unmapped account and one large one-off payment are included.
Stand 31.10.2024. Run `python -m amp.io.ledger.demo` to write examples/…/vollzug/.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

from amp.core.budget import QuantityUnit
from amp.core.ledger.model import Booking, Commitment, CommitmentStatus
from amp.core.periods import Month
from amp.core.plan import Plan
from amp.example import DEMO_PLAN
from amp.io.ledger.store import CONFIG, write_bookings, write_commitments
from amp.io.plan_dir import load_plan
from amp.rules.calculators.wage_subsidy import law_16i
from amp.rules.cohort_csv import read_cohort
from amp.rules.commitments import ledger_commitments
from amp.rules.law import load_law

SEED = 2024
STAND = date(2024, 10, 31)
YEARS = (2022, 2023, 2024)
CENT = Decimal("0.01")
# share of a year's spending in each month: slow start, summer dip, strong last quarter
PROFILE = (0.045, 0.07, 0.08, 0.085, 0.085, 0.085, 0.075, 0.07, 0.09, 0.095, 0.1, 0.12)
# how 2024 turns out against the plan, where it is not "about the plan"
OUTCOME_2024 = {
    "fbw_umschulung": 1.14,  # more Umschulungen than planned: runs short
    "egz": 1.08,
    "einstiegsgeld": 0.68,  # far less than planned: money stays over
    "agh_projekt": 0.82,
    "vermittlungsbudget": 0.75,
}
BOUND_SHARE = {QuantityUnit.PLACES: 0.75}
INDIVIDUAL_BOUND = {
    "egz": 0.5,
    "fbw_umschulung": 0.6,
    "fbw_fortbildung": 0.4,
    "evl": 0.8,
    "bae": 0.85,
}
UNMAPPED_ACCOUNT = "68511.999"


def account(index: int) -> str:
    return f"68511.{index + 1:03d}"


def _money(value: float) -> Decimal:
    return Decimal(repr(round(value, 2))).quantize(CENT)


@dataclass
class _Builder:
    plan: Plan
    rng: random.Random
    bookings: list[Booking]
    commitments: list[Commitment]
    serial: int = 0

    def booking_id(self) -> str:
        self.serial += 1
        return f"B{self.serial:06d}"

    def book(self, day: date, amount: Decimal, acct: str, **extra: object) -> None:
        if day > STAND or amount == 0:
            return
        self.bookings.append(Booking(self.booking_id(), day, amount, acct, **extra))  # type: ignore[arg-type]


def _year_total(plan: Plan, line_id: str, year: int, rng: random.Random) -> float:
    line = next(x for x in plan.budget.lines() if x.id == line_id)
    plan_now = float(line.amounts.plan or 0)
    forecast_prev = float(line.amounts.forecast_prev or 0)
    if year == 2024:
        return plan_now * OUTCOME_2024.get(line_id, rng.uniform(0.86, 0.99))
    if year == 2023:
        return forecast_prev
    return forecast_prev * rng.uniform(0.88, 1.0)


def _contracts(
    b: _Builder, index: int, line_id: str, totals: dict[int, float], share: float
) -> None:
    """Rolling contracts (Lose) that together pay about `share` of each year's spending."""
    specs = [  # (start, months, option months)
        (date(2021, 7, 1), 24, 0),
        (date(2022, 7, 1), 24, 0),
        (date(2023, 7, 1), 24, 12),
        (date(2024, 7, 1), 36, 12),
    ]
    for number, (start, months, option) in enumerate(specs, start=1):
        mid = min(max(start.year + 1, 2022), 2024)
        rate = _money(totals[mid] * share / 24)
        contract = f"V-{line_id}-{number}"
        first = Month.of(start)
        payments = {}
        for k in range(months):
            serial = first.year * 12 + first.month - 1 + k
            payments[Month(serial // 12, serial % 12 + 1)] = rate
        closed = start.year + (start.month - 1 + months) // 12
        settled = date(closed, 1, 31) < STAND and closed < 2024
        b.commitments.append(
            Commitment(
                contract,
                line_id,
                start,
                CommitmentStatus.SETTLED if settled else CommitmentStatus.BOUND,
                {m: v for m, v in payments.items() if m.year >= 2022},
                measure=f"{line_id} Los {number}",
                closed_on=date(closed, 1, 31) if settled else None,
            )
        )
        for month, amount in payments.items():
            if month.year < 2022:
                continue
            day = date(month.year, month.month, b.rng.randint(20, 28))
            b.book(
                day, amount, account(index), commitment=contract, measure=f"{line_id} Los {number}"
            )
        if option:
            option_start = Month(
                (first.year * 12 + first.month - 1 + months) // 12,
                (first.month - 1 + months) % 12 + 1,
            )
            opt_payments = {}
            for k in range(option):
                serial = option_start.year * 12 + option_start.month - 1 + k
                opt_payments[Month(serial // 12, serial % 12 + 1)] = rate
            b.commitments.append(
                Commitment(
                    f"{contract}-Option",
                    line_id,
                    start,
                    CommitmentStatus.EARMARKED,
                    opt_payments,
                    measure=f"{line_id} Los {number} (Option)",
                    note="Verlängerungsoption, noch nicht gezogen",
                )
            )


def _unbound(b: _Builder, index: int, line_id: str, year: int, amount: float) -> None:
    for m, weight in enumerate(PROFILE, start=1):
        monthly = amount * weight * b.rng.uniform(0.85, 1.15)
        parts = b.rng.randint(2, 4)
        for _ in range(parts):
            day = date(year, m, b.rng.randint(2, 27))
            b.book(day, _money(monthly / parts), account(index), text="Einzelförderung")


def generate(plan: Plan, cohort: Path) -> tuple[list[Booking], list[Commitment], dict[str, object]]:
    rng = random.Random(SEED)
    b = _Builder(plan, rng, [], [])
    lines = list(plan.budget.lines())
    for index, line in enumerate(lines):
        totals = {y: _year_total(plan, line.id, y, rng) for y in YEARS}
        if line.id == "taam":  # 2024 from the cohort below; before it, the monthly totals
            for year in (2022, 2023):
                _unbound(b, index, line.id, year, totals[year])
            continue
        unit = line.quantity.unit if line.quantity else None
        share = INDIVIDUAL_BOUND.get(line.id, BOUND_SHARE.get(unit, 0.0) if unit else 0.0)
        if share:
            _contracts(b, index, line.id, totals, share)
        for year in YEARS:
            _unbound(b, index, line.id, year, totals[year] * (1 - share))
    # § 16i in 2024: the cohort's approvals are the commitments, paid month by month (the
    # legal parameters of the subsidy are kept from 2023 on)
    taam = next(i for i, line in enumerate(lines) if line.id == "taam")
    for commitment in ledger_commitments(read_cohort(cohort), law_16i(load_law()), 2024):
        b.commitments.append(commitment)
        for month, amount in commitment.payments.items():
            b.book(
                date(month.year, month.month, 15), amount, account(taam), commitment=commitment.id
            )
    # Rückforderungen, a Storno, a large one-off payment, an unmapped account
    egz = next(i for i, line in enumerate(lines) if line.id == "egz")
    esg = next(i for i, line in enumerate(lines) if line.id == "einstiegsgeld")
    akt = next(i for i, line in enumerate(lines) if line.id == "aktivierung_erwachsene")
    b.book(
        date(2024, 3, 12),
        Decimal("-8450.00"),
        account(egz),
        text="Rückforderung EGZ (§ 92 SGB III)",
    )
    b.book(date(2024, 7, 3), Decimal("-2310.40"), account(esg), text="Rückforderung Einstiegsgeld")
    b.book(date(2023, 9, 14), Decimal("-5120.00"), account(egz), text="Rückforderung EGZ")
    b.book(date(2024, 5, 6), Decimal("12400.00"), account(akt), text="Zahlung an falschen Träger")
    b.book(date(2024, 5, 8), Decimal("-12400.00"), account(akt), text="Storno: falscher Träger")
    b.book(
        date(2024, 6, 27),
        Decimal("480000.00"),
        account(akt),
        one_off=True,
        text="Schlussrechnung Los 3 für 2023 (Nachzahlung, einmalig)",
    )
    b.book(
        date(2024, 9, 30), Decimal("1875.00"), UNMAPPED_ACCOUNT, text="Sammelbuchung ohne Zuordnung"
    )
    funding = plan.funding.year(2024) if plan.funding else None
    assert funding is not None
    config: dict[str, object] = {
        "jahr": 2024,
        "stand": STAND.isoformat(),
        "toleranz": {"prozent": 2, "betrag": 25000},
        "kontenzuordnung": [
            {"konto": account(i), "zeile": line.id} for i, line in enumerate(lines)
        ],
        "mittel": [
            {
                "id": "Z-2024-1",
                "datum": "2024-01-02",
                "art": "zuweisung",
                "topf": "egt",
                "betrag": str(funding.integration_federal),
                "notiz": "vorläufige Zuweisung",
            },
            {
                "id": "Z-2024-JP",
                "datum": "2024-01-02",
                "art": "zuweisung",
                "topf": "jobperspektive",
                "betrag": str(funding.jobperspektive),
            },
            {
                "id": "U-2024-1",
                "datum": "2024-01-02",
                "art": "umschichtung_verwaltung",
                "topf": "egt",
                "betrag": str(funding.transfer_to_admin),
            },
            {
                "id": "P-2024-1",
                "datum": "2024-03-15",
                "art": "pat",
                "topf": "egt",
                "betrag": "520000.00",
            },
            {
                "id": "P-2024-2",
                "datum": "2024-06-14",
                "art": "pat",
                "topf": "egt",
                "betrag": "531500.00",
            },
            {
                "id": "P-2024-3",
                "datum": "2024-09-13",
                "art": "pat",
                "topf": "egt",
                "betrag": "528750.00",
            },
            {
                "id": "R-2024-1",
                "datum": "2024-05-10",
                "art": "rueckforderung",
                "topf": "egt",
                "betrag": "38200.00",
                "notiz": "Einnahmen aus Rückforderungen der Vorjahre",
            },
            {
                "id": "A-2024-1",
                "datum": "2024-10-15",
                "art": "aenderung",
                "topf": "egt",
                "betrag": "250000.00",
                "notiz": "Umverteilung im Herbst",
            },
        ],
        "verpflichtungsermaechtigung": {
            2025: "13000000.00",
            2026: "8500000.00",
            2027: "5000000.00",
        },
        "planungen": {
            2022: {
                line.id: str(_money(float(line.amounts.plan_prev or 0) * 0.97))
                for line in lines
                if line.amounts.plan_prev
            }
        },
    }
    return b.bookings, b.commitments, config


def write_demo(plan_directory: Path, target: Path | None = None) -> Path:
    plan = load_plan(plan_directory).plan
    bookings, commitments, config = generate(plan, plan_directory / "kohorte_16i.csv")
    out = target or plan_directory / "vollzug"
    out.mkdir(parents=True, exist_ok=True)
    header = (
        "# Vollzug 2024 des Jobcenters EN: synthetische Demo-Daten, erzeugt von\n"
        "# `python -m amp.io.ledger.demo` (amp/io/ledger/demo.py). Nicht von Hand ändern.\n"
    )
    (out / CONFIG).write_text(
        header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    write_bookings(out / "buchungen.csv", bookings)
    write_commitments(out / "bindungen.csv", commitments)
    return out


if __name__ == "__main__":
    example = DEMO_PLAN
    print(write_demo(example))
