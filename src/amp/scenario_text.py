"""Scenarios in German words and numbers, for the web page and the `amp szenario` command."""

from __future__ import annotations

from decimal import Decimal

from amp import formatting
from amp.core.budget import QUANTITY_UNIT_LABELS
from amp.core.scenarios import Basis, ScenarioLine, ScenarioRequest, Spread
from amp.core.units import Unit

SPREAD_LABELS = {Spread.PROPORTIONAL: "anteilig", Spread.PRIORITY: "nach Priorität"}


def describe(request: ScenarioRequest) -> str:
    """The German label of a scenario, e.g. "Kürzung um 10,00 % (anteilig)"."""
    kind = "Kürzung" if request.amount < 0 else "Erhöhung"
    size = abs(request.amount)
    shown = formatting.percent(size) if request.basis is Basis.PERCENT else formatting.money(size)
    return f"{kind} um {shown} ({SPREAD_LABELS[request.spread]})"


def effect(line: ScenarioLine) -> str:
    """What the change of a line does to its places, e.g. "-12 Plätze"; empty if unknown."""
    change = line.quantity_change
    if not line.change or change is None or line.quantity is None or line.quantity.unit is None:
        return ""
    return f"{formatting.signed(change, Unit.COUNT)} {QUANTITY_UNIT_LABELS[line.quantity.unit]}"


def parse_size(text: str) -> tuple[Decimal, Basis]:
    """ "10 %" → (10, percent), "50.000" or "50.000 €" → (50000, euros); raises AmountInputError."""
    cleaned = text.strip()
    basis = Basis.PERCENT if cleaned.endswith("%") else Basis.EUR
    amount = formatting.parse_amount(cleaned.removesuffix("%"))
    if amount is None:
        raise formatting.AmountInputError("Pflichtangabe fehlt")
    return amount, basis
