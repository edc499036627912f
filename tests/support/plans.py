"""Hypothesis strategies for consistent plans, and a way to alter one printed figure.

A generated plan prints every total, share and claim exactly as its data yields them, so
`check_plan` must find nothing; `printed_figures` lists where each printed figure sits.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from amp.core.budget import (
    Amounts,
    Balance,
    BalanceItem,
    BudgetGroup,
    BudgetLine,
    BudgetPlan,
    BudgetTotal,
    Column,
    Instrument,
)
from amp.core.checks import LegalFacts
from amp.core.claims import Claim, ClaimUnit, Reference
from amp.core.figures import figures
from amp.core.findings import ModelPath
from amp.core.funding import Funding, FundingPrinted, FundingYear
from amp.core.measures import Measure, MeasureTable, Places
from amp.core.money import HUNDRED, ZERO, percent, round_half_up, total
from amp.core.plan import Jobcenter, JobcenterKind, Plan, PlanStatus, Version
from amp.core.target_groups import TargetGroup, TargetGroupTable
from amp.core.vouchers import (
    AvgsCategory,
    AvgsItem,
    AvgsPlan,
    TrainingGoal,
    TrainingKind,
    TrainingKindTotals,
    TrainingVoucherPlan,
)

LAW = LegalFacts(Decimal("15.2"), "§ 46 Abs. 3 SGB II")
YEAR = 2024

cents = st.integers(min_value=0, max_value=500_000_000).map(lambda c: Decimal(c).scaleb(-2))
euros = st.integers(min_value=0, max_value=50_000_000).map(Decimal)
counts = st.integers(min_value=0, max_value=400)


@st.composite
def amounts(draw: st.DrawFn) -> Amounts:
    """Amounts of a sound line: what is planned covers what is already committed."""
    maybe = st.one_of(st.none(), cents)
    planned = draw(cents)
    cents_planned = int(planned * 100)
    committed = draw(
        st.one_of(st.none(), st.integers(0, cents_planned).map(lambda c: Decimal(c).scaleb(-2)))
    )
    return Amounts(draw(maybe), draw(maybe), committed, planned)


@st.composite
def consistent_plans(draw: st.DrawFn) -> Plan:
    target_ids = [f"tg{i}" for i in range(draw(st.integers(1, 3)))]
    groups = []
    for g in range(draw(st.integers(1, 4))):
        lines = tuple(
            BudgetLine(
                id=f"l{g}_{i}",
                name=f"Zeile {g}.{i}",
                instrument="inst",
                amounts=draw(amounts()),
                target_group=draw(st.sampled_from(target_ids)),
            )
            for i in range(draw(st.integers(1, 4)))
        )
        group = BudgetGroup(f"g{g}", f"Gruppe {g}", lines)
        if draw(st.booleans()):
            group = dataclasses.replace(group, printed_total=group.computed_total())
        groups.append(group)
    budget = BudgetPlan("Finanzplanung", tuple(groups))
    ids = tuple(g.id for g in groups)
    subset = ids[: draw(st.integers(1, len(ids)))]
    totals = (
        BudgetTotal("zw", "Zwischensumme", subset, budget.computed_total(subset)),
        BudgetTotal("ges", "Gesamtsumme", ids, budget.computed_total(ids)),
    )
    planned = budget.computed_total().plan or ZERO
    if planned == ZERO:  # shares of nothing are no shares: give the plan some money
        first = groups[0].lines[0]
        groups[0] = dataclasses.replace(
            groups[0],
            lines=(
                dataclasses.replace(
                    first, amounts=dataclasses.replace(first.amounts, plan=Decimal("1.00"))
                ),
                *groups[0].lines[1:],
            ),
            printed_total=None,
        )
        budget = BudgetPlan("Finanzplanung", tuple(groups))
        totals = tuple(
            dataclasses.replace(t, printed=budget.computed_total(t.groups)) for t in totals
        )
        planned = Decimal("1.00")

    funding_year = _funding(draw, planned)
    balance = Balance(
        sources=(
            BalanceItem(
                "egt",
                "EgT",
                funding_year.integration_federal_total,
                f"funding.{YEAR}.integration_federal_total",
            ),
            BalanceItem("pat", "PAT", funding_year.pat, f"funding.{YEAR}.pat"),
        ),
        uses=(
            BalanceItem("instr", "Instrumente", planned, "budget.total.plan"),
            BalanceItem("pat", "PAT", funding_year.pat, f"funding.{YEAR}.pat"),
            BalanceItem(
                "um",
                "Umschichtung",
                funding_year.transfer_to_admin,
                f"funding.{YEAR}.transfer_to_admin",
            ),
        ),
        printed_sources_total=funding_year.integration_federal_total + funding_year.pat,
        printed_uses_total=planned + funding_year.pat + funding_year.transfer_to_admin,
    )
    budget = dataclasses.replace(budget, totals=totals, balance=balance)

    plan = Plan(
        jobcenter=Jobcenter("jc", "Jobcenter Test", JobcenterKind.GE),
        year=YEAR,
        version=Version(date(2023, 10, 1)),
        status=PlanStatus.ENTWURF,
        budget=budget,
        instruments=(Instrument("inst", "Instrument", "§ 45 SGB III"),),
        funding=Funding("Mittelausstattung", (funding_year,)),
        target_groups=_target_groups(budget, target_ids),
        measure_tables=(draw(_measure_table()),),
        training_vouchers=draw(_vouchers()),
        avgs=draw(_avgs()),
    )
    return dataclasses.replace(plan, claims=tuple(_exact_claims(draw, plan)))


def _funding(draw: st.DrawFn, planned: Decimal) -> FundingYear:
    transfer = draw(euros)
    jobperspektive = draw(st.integers(0, int(planned + transfer)).map(Decimal))
    admin_federal = draw(euros)
    municipal = round_half_up((admin_federal + transfer) * Decimal("15.2") / Decimal("84.8"), 0)
    year = FundingYear(
        year=YEAR,
        admin_federal=admin_federal,
        transfer_to_admin=transfer,
        admin_municipal=municipal,
        integration_federal=planned + transfer - jobperspektive,
        jobperspektive=jobperspektive,
        pat=draw(euros),
    )
    printed = FundingPrinted(
        admin_total=year.admin_total,
        integration_federal_total=year.integration_federal_total,
        transfer_deducted=-transfer,
        integration_available=year.integration_available,
    )
    return dataclasses.replace(year, printed=printed)


def _target_groups(budget: BudgetPlan, ids: list[str]) -> TargetGroupTable:
    whole = total(line.amounts.plan for line in budget.lines())
    groups = []
    for ident in ids:
        amount = total(line.amounts.plan for line in budget.lines() if line.target_group == ident)
        share = percent(amount, whole)
        assert share is not None
        groups.append(TargetGroup(ident, f"Zielgruppe {ident}", amount, round_half_up(share, 2)))
    return TargetGroupTable(
        "Zielgruppen", tuple(groups), Column.PLAN, None, whole, HUNDRED.quantize(Decimal("0.01"))
    )


@st.composite
def _measure_table(draw: st.DrawFn) -> MeasureTable:
    measures = tuple(
        Measure(f"m{i}", f"Maßnahme {i}", "§ 45 SGB III", Places(draw(counts)))
        for i in range(draw(st.integers(1, 5)))
    )
    return MeasureTable(
        "t", "Maßnahmen", measures, printed_total_places=sum(m.places.value or 0 for m in measures)
    )


@st.composite
def _vouchers(draw: st.DrawFn) -> TrainingVoucherPlan:
    goals = []
    for i in range(draw(st.integers(1, 4))):
        quarters = tuple(draw(st.one_of(st.none(), counts)) for _ in range(4))
        goals.append(
            TrainingGoal(
                f"b{i}",
                f"Ziel {i}",
                draw(st.sampled_from(TrainingKind)),
                quarters,
                printed_total=sum(q or 0 for q in quarters),
            )
        )
    totals = []
    for kind in TrainingKind:
        mine = [g for g in goals if g.kind is kind]
        if mine:
            quarters = tuple(sum(g.quarters[q] or 0 for g in mine) for q in range(4))
            totals.append(TrainingKindTotals(kind, quarters, sum(quarters)))
    return TrainingVoucherPlan("Bildungsziele", tuple(goals), printed_totals=tuple(totals))


@st.composite
def _avgs(draw: st.DrawFn) -> AvgsPlan:
    categories = []
    for i in range(draw(st.integers(1, 4))):
        items = tuple(
            AvgsItem(f"Angebot {i}.{k}", draw(counts)) for k in range(draw(st.integers(0, 3)))
        )
        printed = sum(item.count for item in items) if items else draw(counts)
        categories.append(AvgsCategory(f"k{i}", f"Kategorie {i}", "§ 45 SGB III", printed, items))
    return AvgsPlan("AVGS", tuple(categories), printed_total=sum(c.count for c in categories))


def _exact_claims(draw: st.DrawFn, plan: Plan) -> Iterator[Claim]:
    index = figures(plan)
    names = sorted(index)
    units = {"€": ClaimUnit.EUR, "%": ClaimUnit.PERCENT, "Anzahl": ClaimUnit.COUNT}
    for i in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(names))
        figure = index[name]
        unit = units[figure.unit.value]
        value = round_half_up(figure.value, 2) if unit is not ClaimUnit.COUNT else figure.value
        yield Claim(f"c{i}", "Aussage", "Kapitel", value, unit, Reference((name,)))


# --- where the printed figures are, and how to alter one -----------------------------


def printed_figures(plan: Plan) -> list[tuple[ModelPath, Decimal]]:
    """Every printed figure of the plan with the smallest step it is printed in."""
    found: list[tuple[ModelPath, Decimal]] = []
    cent, one = Decimal("0.01"), Decimal(1)
    for g, group in enumerate(plan.budget.groups):
        if group.printed_total:
            found += [
                (("budget", "groups", g, "printed_total", c.value), cent)
                for c in Column
                if group.printed_total.get(c) is not None
            ]
    for t, row in enumerate(plan.budget.totals):
        found += [
            (("budget", "totals", t, "printed", c.value), cent)
            for c in Column
            if row.printed.get(c) is not None
        ]
    balance = plan.budget.balance
    if balance:
        found += [
            (("budget", "balance", "sources", i, "printed"), cent)
            for i in range(len(balance.sources))
        ]
        found += [
            (("budget", "balance", "uses", i, "printed"), cent) for i in range(len(balance.uses))
        ]
        found += [
            (("budget", "balance", "printed_sources_total"), cent),
            (("budget", "balance", "printed_uses_total"), cent),
        ]
    if plan.funding:
        for y in range(len(plan.funding.years)):
            for attribute in (
                "admin_total",
                "integration_federal_total",
                "transfer_deducted",
                "integration_available",
            ):
                found.append((("funding", "years", y, "printed", attribute), one))
    if plan.target_groups:
        for k in range(len(plan.target_groups.groups)):
            found += [
                (("target_groups", "groups", k, "printed_amount"), cent),
                (("target_groups", "groups", k, "printed_share"), cent),
            ]
        found += [
            (("target_groups", "printed_total_amount"), cent),
            (("target_groups", "printed_total_share"), cent),
        ]
    for t in range(len(plan.measure_tables)):
        found.append((("measure_tables", t, "printed_total_places"), one))
    if plan.training_vouchers:
        for i in range(len(plan.training_vouchers.goals)):
            found.append((("training_vouchers", "goals", i, "printed_total"), one))
        for t in range(len(plan.training_vouchers.printed_totals)):
            found += [
                (("training_vouchers", "printed_totals", t, "quarters", q), one) for q in range(4)
            ]
            found.append((("training_vouchers", "printed_totals", t, "total"), one))
    if plan.avgs:
        for c, category in enumerate(plan.avgs.categories):
            if category.items:
                found.append((("avgs", "categories", c, "printed_count"), one))
        found.append((("avgs", "printed_total"), one))
    for i, claim in enumerate(plan.claims):
        step = one if claim.unit is ClaimUnit.COUNT else cent
        found.append((("claims", i, "value"), step))
    return found
