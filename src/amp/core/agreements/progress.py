"""Progress of an agreed target from the monthly indicator results, the projection to
December and the quarterly follow-up (Zielnachhaltung).

The § 48a indicators are values over a rolling twelve months (K2: integrations of the last
twelve months over the average eLb stock) or changes against the same month of the year
before (K3). The value reported for December is the year's result, and the target is agreed
for it. The projection therefore continues the change since December of the year before
in a straight line: after k months of the year with value v_k and December value v_0,

    projection = v_0 + (v_k − v_0) · 12 / k     (one decimal, half up)

Without the December value of the year before, the last value is carried forward. The status
compares the projection with the target in the indicator's direction: on course, at risk
(missing by at most the indicator's tolerance) or off course; once December is reported,
reached or missed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from amp.core.agreements.model import Agreement, indicator

ONE_PLACE = Decimal("0.1")


def round_one(value: Decimal) -> Decimal:
    """Indicator values carry one decimal, rounded half up (as amp.kpi publishes them)."""
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


class Status(StrEnum):
    NO_DATA = "keine-daten"
    ON_COURSE = "auf-kurs"
    AT_RISK = "gefaehrdet"
    OFF_COURSE = "nicht-auf-kurs"
    REACHED = "erreicht"
    MISSED = "verfehlt"


STATUS_LABELS = {
    Status.NO_DATA: "noch keine Werte",
    Status.ON_COURSE: "auf Kurs",
    Status.AT_RISK: "gefährdet",
    Status.OFF_COURSE: "nicht auf Kurs",
    Status.REACHED: "erreicht",
    Status.MISSED: "verfehlt",
}


class Method(StrEnum):
    YEAR_VALUE = "jahreswert"
    LINEAR = "linear"
    CARRIED = "fortgeschrieben"


METHOD_LABELS = {
    Method.YEAR_VALUE: "Jahreswert (Dezember)",
    Method.LINEAR: "Veränderung seit Dezember des Vorjahres linear fortgeschrieben",
    Method.CARRIED: "letzter Wert unverändert fortgeschrieben (Vorjahresdezember fehlt)",
}


@dataclass(frozen=True, slots=True)
class Progress:
    agreement: Agreement
    month: str | None  # the newest reporting month of the year with a value ("JJJJ-MM")
    baseline: Decimal | None  # value of December of the year before
    actual: Decimal | None
    projection: Decimal | None
    method: Method | None
    status: Status

    @property
    def gap(self) -> Decimal | None:
        """Projection minus target, signed so that positive is better than agreed."""
        if self.projection is None:
            return None
        sign = indicator(self.agreement.indicator).direction.value
        return (self.projection - self.agreement.target) * sign

    @property
    def actual_gap(self) -> Decimal | None:
        """Latest value minus target, positive = better than agreed."""
        if self.actual is None:
            return None
        sign = indicator(self.agreement.indicator).direction.value
        return (self.actual - self.agreement.target) * sign

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _month(year: int, number: int) -> str:
    return f"{year:04d}-{number:02d}"


def progress(
    agreement: Agreement, values: Mapping[str, Decimal | None], up_to: int = 12
) -> Progress:
    """Progress from the monthly values ("JJJJ-MM" → value or None where suppressed or not
    yet reported), looking at the months January .. `up_to` of the agreement year only."""
    year = agreement.year
    baseline = values.get(_month(year - 1, 12))
    latest = next((k for k in range(up_to, 0, -1) if values.get(_month(year, k)) is not None), None)
    if latest is None:
        return Progress(agreement, None, baseline, None, None, None, Status.NO_DATA)
    actual = values[_month(year, latest)]
    assert actual is not None
    if latest == 12:
        projection, method = actual, Method.YEAR_VALUE
    elif baseline is not None:
        projection = round_one(baseline + (actual - baseline) * 12 / Decimal(latest))
        method = Method.LINEAR
    else:
        projection, method = actual, Method.CARRIED
    result = Progress(
        agreement, _month(year, latest), baseline, actual, projection, method, Status.NO_DATA
    )
    gap = result.gap
    assert gap is not None
    if latest == 12:
        status = Status.REACHED if gap >= 0 else Status.MISSED
    elif gap >= 0:
        status = Status.ON_COURSE
    elif gap >= -indicator(agreement.indicator).tolerance:
        status = Status.AT_RISK
    else:
        status = Status.OFF_COURSE
    return Progress(agreement, result.month, baseline, actual, projection, method, status)


@dataclass(frozen=True, slots=True)
class QuarterStatus:
    quarter: int  # 1..4
    month: str  # the quarter's last month
    progress: Progress  # as it stood with the values up to that month

    @property
    def reported(self) -> bool:
        """The quarter's last month has a value (past the three-month waiting time)."""
        return self.progress.month == self.month


def follow_up(
    agreement: Agreement, values: Mapping[str, Decimal | None]
) -> tuple[QuarterStatus, ...]:
    """The Zielnachhaltung: the progress as it stood at the end of each quarter whose last
    month is reported; quarters not yet reported are left out."""
    out: list[QuarterStatus] = []
    for quarter in range(1, 5):
        last = quarter * 3
        month = _month(agreement.year, last)
        if values.get(month) is None:
            continue
        out.append(QuarterStatus(quarter, month, progress(agreement, values, up_to=last)))
    return tuple(out)
