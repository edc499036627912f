"""Scenarios: Kürzung and Erhöhung in € or %, spread proportionally or by priorities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amp.core import formatting
from amp.core.budget import (
    Amounts,
    BudgetGroup,
    BudgetLine,
    BudgetPlan,
    Column,
    Instrument,
    Quantity,
    QuantityUnit,
)
from amp.core.edit import value_at
from amp.core.money import ZERO, total
from amp.core.plan import Jobcenter, JobcenterKind, Plan, PlanStatus, Version
from amp.core.scenarios import (
    Basis,
    InsufficientHeadroom,
    ScenarioError,
    ScenarioRequest,
    Spread,
    TypedChange,
    apply_scenario,
    largest_remainder,
    read_change,
    reading,
    requested_change,
)
from amp.example import DEMO_PLAN
from amp.io.plan_dir import load_plan

EXAMPLE = DEMO_PLAN
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Spec:
    plan: Decimal | None
    commitments: Decimal | None
    mandatory: bool
    places: int | None = None


def _plan(specs: list[Spec]) -> Plan:
    lines = tuple(
        BudgetLine(
            id=f"l{i}",
            name=f"Zeile {i}",
            instrument="pflicht" if spec.mandatory else "ermessen",
            amounts=Amounts(commitments=spec.commitments, plan=spec.plan),
            quantity=None if spec.places is None else Quantity(spec.places, QuantityUnit.PLACES),
        )
        for i, spec in enumerate(specs)
    )
    return Plan(
        jobcenter=Jobcenter("jc", "Jobcenter Test", JobcenterKind.GE),
        year=2024,
        version=Version(date(2023, 10, 1)),
        status=PlanStatus.ENTWURF,
        budget=BudgetPlan("Finanzplanung", (BudgetGroup("g", "Gruppe", lines),)),
        instruments=(
            Instrument("pflicht", "Pflicht", "§ 1", mandatory=True),
            Instrument("ermessen", "Ermessen", "§ 2"),
        ),
    )


money = st.decimals(min_value=0, max_value=10_000_000, places=2).map(lambda d: d.quantize(CENTS))
specs = st.builds(
    Spec,
    plan=st.one_of(st.none(), money),
    commitments=st.one_of(st.none(), money),
    mandatory=st.booleans(),
    places=st.one_of(st.none(), st.integers(0, 500)),
)
SETTINGS = settings(max_examples=150, deadline=None)


def _headroom(spec: Spec) -> Decimal:
    if spec.mandatory or spec.plan is None:
        return ZERO
    return max(spec.plan - (spec.commitments or ZERO), ZERO)


@SETTINGS
@given(
    st.lists(specs, min_size=1, max_size=8),
    st.decimals(min_value=-20_000_000, max_value=20_000_000, places=2),
    st.sampled_from(list(Spread)),
    st.data(),
)
def test_a_scenario_keeps_the_rules_or_says_why_not(
    lines: list[Spec], amount: Decimal, spread: Spread, data: st.DataObject
) -> None:
    plan = _plan(lines)
    priorities = data.draw(
        st.dictionaries(st.sampled_from([f"l{i}" for i in range(len(lines))]), st.integers(1, 3))
    )
    request = ScenarioRequest(amount.quantize(CENTS), Basis.EUR, spread, priorities)
    available = total(_headroom(s) for s in lines)
    movable = [s for s in lines if not s.mandatory and s.plan is not None]
    if request.amount == 0 or not movable:
        with pytest.raises(ScenarioError, match=r"nicht 0|keine Ermessensleistung"):
            apply_scenario(plan, request)
        return
    if -request.amount > available:
        with pytest.raises(InsufficientHeadroom, match="Spielraum") as refused:
            apply_scenario(plan, request)
        assert (refused.value.requested, refused.value.available) == (-request.amount, available)
        return
    result = apply_scenario(plan, request)
    assert sum(line.change for line in result.lines) == request.amount  # to the cent
    assert result.after_total - result.before_total == request.amount
    for spec, line in zip(lines, result.lines, strict=True):
        assert value_at(result.plan, line.path) == line.after
        if spec.mandatory or spec.plan is None:
            assert line.after == line.before
        if request.amount < 0:
            assert line.change <= 0
            assert -line.change <= _headroom(spec)  # never below its commitments
        else:
            assert line.change >= 0
    if spread is Spread.PRIORITY and request.amount < 0:
        # a line is cut only once every less important line gave all its headroom
        cut = [line for line in result.lines if line.change < 0]
        order = {None: 0, 3: 1, 2: 2, 1: 3}  # the order in which tiers give
        for line in cut:
            for other in result.lines:
                if order[other.priority] < order[line.priority] and other.before is not None:
                    assert not other.mandatory or other.change == 0
                    assert other.mandatory or -other.change == other.headroom


@SETTINGS
@given(st.integers(0, 10**9), st.lists(st.integers(0, 10**9), min_size=1, max_size=10))
def test_largest_remainder_is_exact_and_close(cents: int, weights: list[int]) -> None:
    if sum(weights) == 0:
        with pytest.raises(ValueError, match="non-negative weights"):
            largest_remainder(cents, weights)
        return
    parts = largest_remainder(cents, weights)
    assert sum(parts) == cents
    for part, weight in zip(parts, weights, strict=True):
        exact = Decimal(cents) * weight / sum(weights)
        assert abs(part - exact) < 1


def test_leftover_cents_go_to_the_largest_remainders_then_to_the_first_line() -> None:
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert largest_remainder(5, [1, 2, 4]) == [1, 1, 3]  # 0.71, 1.43, 2.86
    assert largest_remainder(3, [0, 5]) == [0, 3]


def test_proportional_cut_in_euros_follows_the_headroom() -> None:
    plan = _plan(
        [
            Spec(Decimal("1000"), Decimal("400"), False),  # headroom 600
            Spec(Decimal("500"), Decimal("100"), False),  # headroom 400
            Spec(Decimal("9000"), None, True),  # Pflichtleistung
        ]
    )
    result = apply_scenario(plan, ScenarioRequest(Decimal("-100"), Basis.EUR))
    assert [line.change for line in result.lines] == [Decimal("-60"), Decimal("-40"), ZERO]
    too_much = ScenarioRequest(Decimal("-1000.01"), Basis.EUR)
    with pytest.raises(InsufficientHeadroom, match="Spielraum"):
        apply_scenario(plan, too_much)


def test_percent_is_of_the_discretionary_plan_and_raises_every_line_alike() -> None:
    plan = _plan(
        [
            Spec(Decimal("1000"), None, False),
            Spec(Decimal("3000"), None, False),
            Spec(Decimal("5000"), None, True),
        ]
    )
    request = ScenarioRequest(Decimal("10"), Basis.PERCENT)
    assert requested_change(plan, request) == Decimal("400.00")
    result = apply_scenario(plan, request)
    assert [line.after for line in result.lines] == [
        Decimal("1100.00"),
        Decimal("3300.00"),
        Decimal("5000"),
    ]
    with pytest.raises(ScenarioError, match="100 %"):
        apply_scenario(plan, ScenarioRequest(Decimal("-100.5"), Basis.PERCENT))
    with pytest.raises(ScenarioError, match="nicht 0"):
        apply_scenario(plan, ScenarioRequest(ZERO, Basis.PERCENT))
    with pytest.raises(ScenarioError, match="zwei Nachkommastellen"):
        apply_scenario(plan, ScenarioRequest(Decimal("1.005"), Basis.EUR))


def test_priorities_cut_the_largest_number_first_and_raise_priority_one() -> None:
    plan = _plan(
        [
            Spec(Decimal("1000"), Decimal("200"), False),  # priority 1: cut last
            Spec(Decimal("1000"), Decimal("900"), False),  # priority 2
            Spec(Decimal("1000"), Decimal("0"), False),  # no priority: cut first
        ]
    )
    priorities = {"l0": 1, "l1": 2}
    cut = apply_scenario(
        plan, ScenarioRequest(Decimal("-1150"), Basis.EUR, Spread.PRIORITY, priorities)
    )
    assert [line.change for line in cut.lines] == [Decimal("-50"), Decimal("-100"), -1000]
    raised = apply_scenario(
        plan, ScenarioRequest(Decimal("300"), Basis.EUR, Spread.PRIORITY, priorities)
    )
    assert [line.change for line in raised.lines] == [Decimal("300"), ZERO, ZERO]
    with pytest.raises(ScenarioError, match="unbekannte Zeile"):
        apply_scenario(plan, ScenarioRequest(Decimal("1"), Basis.EUR, Spread.PRIORITY, {"x": 1}))
    with pytest.raises(ScenarioError, match="ab 1"):
        apply_scenario(plan, ScenarioRequest(Decimal("1"), Basis.EUR, Spread.PRIORITY, {"l0": 0}))


def test_places_follow_the_unit_cost() -> None:
    plan = _plan([Spec(Decimal("120000"), Decimal("0"), False, places=100)])  # 1.200 € a place
    result = apply_scenario(plan, ScenarioRequest(Decimal("-14400"), Basis.EUR))
    (line,) = result.lines
    assert line.unit_cost == Decimal("1200")
    assert line.quantity_change == Decimal("-12")
    no_places = _plan([Spec(Decimal("100"), None, False)])
    (other,) = apply_scenario(no_places, ScenarioRequest(Decimal("-1"), Basis.EUR)).lines
    assert other.quantity_change is None


def test_the_example_plan_cut_by_ten_percent_spares_pflichtleistungen() -> None:
    plan = load_plan(EXAMPLE).plan
    result = apply_scenario(plan, ScenarioRequest(Decimal("-10"), Basis.PERCENT))
    mandatory = [line for line in result.lines if line.mandatory]
    assert mandatory
    assert all(line.after == line.before for line in mandatory)
    assert result.after_total - result.before_total == result.requested
    assert result.plan.budget.computed_total().get(Column.PLAN) == result.after_total
    assert any(line.quantity_change for line in result.lines)


# ---------------------------------------------------------------- one input field


@pytest.mark.parametrize(
    ("typed", "amount", "basis", "raising"),
    [
        ("5 %", "5", Basis.PERCENT, None),
        ("-5%", "5", Basis.PERCENT, False),
        ("\u22125 %", "5", Basis.PERCENT, False),
        ("+2,5 %", "2.5", Basis.PERCENT, True),
        ("250.000 €", "250000", Basis.EUR, None),
        ("250000", "250000", None, None),
        ("-1.000,50 Euro", "1000.50", Basis.EUR, False),
    ],
)
def test_read_change_understands_one_field(
    typed: str, amount: str, basis: Basis | None, raising: bool | None
) -> None:
    assert read_change(typed) == TypedChange(Decimal(amount), basis, raising)


@pytest.mark.parametrize("typed", ["", "%", "fünf %", "5 -%", "--5", "5 %%"])
def test_read_change_refuses_in_german(typed: str) -> None:
    with pytest.raises(formatting.AmountInputError):
        read_change(typed)


def test_reading_names_the_euros_of_a_percentage_before_computing() -> None:
    plan = load_plan(EXAMPLE).plan
    cut = ScenarioRequest(Decimal("-5"), Basis.PERCENT)
    euros = abs(requested_change(plan, cut))
    assert reading(plan, cut) == (
        "Kürzung um 5 % der Planung aller Ermessensleistungen "
        f"(das sind {formatting.money(euros)}), anteilig verteilt"
    )
    raised = ScenarioRequest(Decimal("250000"), Basis.EUR, Spread.PRIORITY)
    assert reading(plan, raised) == (
        "Erhöhung um 250.000,00 €, nach Priorität verteilt auf die Ermessensleistungen"
    )
    with pytest.raises(ScenarioError):
        reading(plan, ScenarioRequest(Decimal("-120"), Basis.PERCENT))
