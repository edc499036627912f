"""Everything measure controlling reads for one plan: the plan, the `massnahmen/` store and,
where there is one, the ledger of `vollzug/` (for the Bilanz's spending)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from amp.core.ledger.model import Ledger
from amp.core.money import ZERO, Money
from amp.core.occupancy.bilanz import Bilanz, InstrumentPlan, bilanz, spending_by_instrument
from amp.core.plan import Plan
from amp.io.ledger.store import load_ledger
from amp.io.occupancy.planning import measure_instruments, plan_lines
from amp.io.occupancy.store import DIRECTORY, MeasureData, load
from amp.io.plan_dir import load_plan

LEDGER_DIRECTORY = "vollzug"


@dataclass(frozen=True, slots=True)
class Context:
    plan: Plan
    data: MeasureData
    ledger: Ledger | None


def load_context(plan_directory: Path, store: Path | None = None) -> Context:
    """Reads plan, store and ledger; InputProblems from any of them propagate."""
    plan = load_plan(plan_directory).plan
    data = load(store or plan_directory / DIRECTORY)
    ledger_dir = plan_directory / LEDGER_DIRECTORY
    ledger = (
        load_ledger(ledger_dir, plan).ledger if (ledger_dir / "vollzug.yaml").exists() else None
    )
    return Context(plan, data, ledger)


def instrument_plans(plan: Plan) -> list[InstrumentPlan]:
    """Per instrument of the plan's lines: the planned amount and places, in plan order."""
    order: list[str] = []
    money: dict[str, Money] = {}
    places: dict[str, int | None] = {}
    for line in plan_lines(plan):
        if line.instrument not in money:
            order.append(line.instrument)
            money[line.instrument] = ZERO
            places[line.instrument] = None
        money[line.instrument] += line.plan
        if line.places is not None:
            places[line.instrument] = (places[line.instrument] or 0) + line.places
    names = {i.id: i.name for i in plan.instruments}
    first_line: dict[str, str] = {}
    for line in plan_lines(plan):
        first_line.setdefault(line.instrument, line.name)
    return [InstrumentPlan(i, names.get(i, first_line[i]), money[i], places[i]) for i in order]


def bilanz_of(context: Context, year: int, as_of: date, kpi_dir: Path | None = None) -> Bilanz:
    """The Bilanz; with `kpi_dir` the status six months after exit comes from the indicator
    microdata where they know the person (amp.io.occupancy.microdata)."""
    events = context.data.events
    if kpi_dir is not None:
        from amp.io.occupancy.microdata import with_employment

        events = with_employment(events, kpi_dir)
    spending = (
        spending_by_instrument(context.ledger, year, as_of) if context.ledger is not None else {}
    )
    return bilanz(
        year,
        as_of,
        instrument_plans(context.plan),
        spending,
        events,
        measure_instruments(context.plan, list(context.data.contracts)),
    )
