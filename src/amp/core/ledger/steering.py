"""Everything the controller looks at for one Stand: the position per line and month, the
forecast per line and in total, the Umschichtung proposals and the Vorbelastungen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from amp.core.forecast import LineForecast, Method, forecast_line, total_forecast
from amp.core.forecast.inputs import forecast_inputs
from amp.core.forecast.methods import TotalForecast
from amp.core.ledger.model import Ledger
from amp.core.ledger.multiyear import YearLoad, preloads
from amp.core.ledger.position import YearPosition, position
from amp.core.ledger.reallocation import LineOutlook, Reallocation, propose
from amp.core.money import ZERO, Money

# a line whose forecast leaves less than this share of its plan free is "gelb"
AMBER_SHARE = Decimal("0.05")


class Light(StrEnum):
    GREEN = "gruen"
    AMBER = "gelb"
    RED = "rot"


LIGHT_LABELS = {
    Light.GREEN: "im Rahmen",
    Light.AMBER: "knapp oder deutlich darunter",
    Light.RED: "reicht nicht",
}


@dataclass(frozen=True, slots=True)
class Steering:
    position: YearPosition
    forecasts: dict[str, LineForecast]
    total: TotalForecast
    reallocation: Reallocation
    preloads: tuple[YearLoad, ...]

    def light(self, line: str) -> Light:
        """Rot: the forecast exceeds the plan. Gelb: within 5 % of the plan, or the plan
        stays more than a quarter unspent. Grün otherwise."""
        plan = self.position.line(line).current.plan
        point = self.forecasts[line].point
        if point > plan:
            return Light.RED
        if plan > ZERO and (plan - point < plan * AMBER_SHARE or point < plan * Decimal("0.75")):
            return Light.AMBER
        return Light.GREEN

    def deviation(self, line: str) -> Money:
        """Forecast minus plan: positive = runs short by, negative = stays over."""
        return self.forecasts[line].point - self.position.line(line).current.plan


def steer(
    ledger: Ledger, year: int, stand: date, methods: dict[str, Method] | None = None
) -> Steering:
    result = position(ledger, year, stand)
    inputs = forecast_inputs(ledger, year, stand)
    forecasts = {
        line: forecast_line(data, method=(methods or {}).get(line)) for line, data in inputs.items()
    }
    outlook = {
        p.line: LineOutlook(
            p.line,
            p.current.plan,
            forecasts[p.line].point,
            None if forecasts[p.line].interval80 is None else forecasts[p.line].interval80[1],  # type: ignore[index]
        )
        for p in result.lines
    }
    return Steering(
        result,
        forecasts,
        total_forecast(list(forecasts.values())),
        propose(ledger.lines, outlook),
        preloads(ledger, year, stand),
    )
