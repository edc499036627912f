"""Forecast methods for one plan line, their backtest, and the explanation of each forecast.

What is booked is known and stays exact (`Decimal`); only the estimate of what is still to
come is computed in floating point and rounded to cents, since it is a statistical estimate,
not a booking.

Methods, for a Stand after month k of the year with cumulative actual A(k):

* run-rate: A(k) · 12 / k
* profile: A(k) / s(k), s(k) = the mean cumulative share of the year's total reached by
  month k in the previous years (Mittelabfluss-Profil)
* run-off (Bindungen): A(k) + open commitments of the year + the unbound rest, i.e. the
  bookings without commitment U(k) extrapolated by their own profile: U(k)/u(k) − U(k)
* smoothing: simple exponential smoothing of the monthly amounts after removing an additive
  monthly pattern estimated from the previous years (ETS(A,N,N) on the adjusted series);
  α from a grid by the smallest sum of squared one-step errors; 80/95 % intervals from the
  model's variance of the summed remaining months.

The backtest replays each method on previous years at origins around the Stand month and
compares with what the year really spent; the method with the smallest mean absolute
percentage error is chosen. For methods other than smoothing the interval comes from the
backtest's errors (needs at least three of them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from amp.core.ledger.text import eur
from amp.core.money import ZERO, Money, round_half_up
from amp.core.periods import MONTH_NAMES


class Method(StrEnum):
    RUN_RATE = "laufrate"
    PROFILE = "profil"
    RUNOFF = "bindungen"
    SMOOTHING = "glaettung"


METHOD_LABELS = {
    Method.RUN_RATE: "Laufrate (Ist ÷ Monate × 12)",
    Method.PROFILE: "Saisonprofil der Vorjahre",
    Method.RUNOFF: "Ablauf der Bindungen + ungebundener Rest nach Profil",
    Method.SMOOTHING: "Exponentielle Glättung mit Saisonmuster",
}

# ordered from simplest: on equal backtest error the simpler method wins
ORDER = (Method.RUN_RATE, Method.PROFILE, Method.RUNOFF, Method.SMOOTHING)
SMOOTHING_MIN_MONTHS = 18  # at least one full previous year plus six months
ALPHAS = tuple(a / 10 for a in range(1, 10))
Z80, Z95 = 1.2815516, 1.9599640


@dataclass(frozen=True, slots=True)
class YearSeries:
    """One year of a line: monthly amounts (one-offs left out), of which bookings without a
    commitment, and the open commitments at each month's end. Previous years have 12
    months, the current year the months up to the Stand."""

    year: int
    amounts: tuple[Money, ...]
    unbound: tuple[Money, ...]
    open: tuple[Money, ...]


@dataclass(frozen=True, slots=True)
class OneOff:
    booking: str
    month: int
    amount: Money


@dataclass(frozen=True, slots=True)
class LineInput:
    line: str
    current: YearSeries
    history: tuple[YearSeries, ...] = ()  # full previous years, oldest first
    one_offs: tuple[OneOff, ...] = ()  # this year's bookings marked "nicht für die Hochrechnung"
    large_unmarked: tuple[OneOff, ...] = ()  # large bookings that may be one-offs


@dataclass(frozen=True, slots=True)
class BacktestResult:
    method: Method
    errors: tuple[float, ...]  # relative errors (forecast − actual) / actual
    points: tuple[str, ...]  # "2023 nach Mai" for each error

    @property
    def mape(self) -> float | None:
        if not self.errors:
            return None
        return sum(abs(e) for e in self.errors) / len(self.errors)


@dataclass(frozen=True, slots=True)
class LineForecast:
    line: str
    method: Method
    point: Money
    actual: Money  # booked up to the Stand, one-offs included
    interval80: tuple[Money, Money] | None
    interval95: tuple[Money, Money] | None
    alternatives: dict[Method, Money]
    backtests: tuple[BacktestResult, ...]
    explanation: tuple[str, ...]
    one_off_effect: Money | None  # how much higher the forecast were the one-offs extrapolated


def _floats(values: Sequence[Money]) -> list[float]:
    return [float(v) for v in values]


def _profile(history: Sequence[Sequence[float]]) -> list[float] | None:
    shares: list[list[float]] = []
    for months in history:
        year_total = sum(months)
        if year_total <= 0:
            continue
        running, row = 0.0, []
        for value in months:
            running += value
            row.append(running / year_total)
        shares.append(row)
    if not shares:
        return None
    return [sum(s[i] for s in shares) / len(shares) for i in range(12)]


@dataclass(frozen=True, slots=True)
class _Data:
    """The floats a method sees: previous full years and the current months."""

    history: list[list[float]]
    history_unbound: list[list[float]]
    current: list[float]
    unbound: list[float]
    open_now: float  # open commitments at the origin
    profile: list[float] | None  # of `history`, computed once per line and prefix
    unbound_profile: list[float] | None


@dataclass(frozen=True, slots=True)
class _Estimate:
    rest: float  # estimated amount still to come in the year
    sd: float | None = None  # model standard deviation of the rest (smoothing only)
    note: str = ""


def _run_rate(d: _Data) -> _Estimate | None:
    k = len(d.current)
    if k == 0:
        return None
    done = sum(d.current)
    return _Estimate(done * 12 / k - done, note=f"Ist nach {k} Monaten × 12/{k}")


def _profile_method(d: _Data) -> _Estimate | None:
    profile = d.profile
    k = len(d.current)
    if profile is None or k == 0 or profile[k - 1] <= 0:
        return None
    done = sum(d.current)
    share = profile[k - 1]
    return _Estimate(
        done / share - done,
        note=f"üblicher Mittelabfluss bis {MONTH_NAMES[k - 1]}: {_percent(share)}",
    )


def _runoff(d: _Data) -> _Estimate | None:
    k = len(d.current)
    if k == 0:
        return None
    done_unbound = sum(d.unbound)
    profile = d.unbound_profile
    share = profile[k - 1] if profile is not None and profile[k - 1] > 0 else k / 12
    rest_unbound = done_unbound / share - done_unbound if done_unbound > 0 else 0.0
    return _Estimate(
        d.open_now + rest_unbound,
        note=f"offene Bindungen {_eur(d.open_now)} + ungebundener Rest {_eur(rest_unbound)}",
    )


def _smoothing(d: _Data) -> _Estimate | None:
    k = len(d.current)
    if not d.history or 12 * len(d.history) + k < SMOOTHING_MIN_MONTHS or k == 12:
        return None
    years = len(d.history)
    means = [sum(y) / 12 for y in d.history]
    season = [sum(y[m] - means[i] for i, y in enumerate(d.history)) / years for m in range(12)]
    series = [v for y in d.history for v in y] + d.current
    adjusted = [v - season[i % 12] for i, v in enumerate(series)]
    best: tuple[float, float, float] | None = None  # sse, alpha, level
    for alpha in ALPHAS:
        level = adjusted[0]
        sse = 0.0
        for value in adjusted[1:]:
            error = value - level
            sse += error * error
            level += alpha * error
        if best is None or sse < best[0]:
            best = (sse, alpha, level)
    assert best is not None
    sse, alpha, level = best
    sigma2 = sse / max(1, len(adjusted) - 2)
    horizon = 12 - k
    rest = sum(level + season[m] for m in range(k, 12))
    variance = sigma2 * sum((1 + alpha * (horizon - i)) ** 2 for i in range(1, horizon + 1))
    return _Estimate(rest, math.sqrt(variance), note=f"α = {alpha:.1f}".replace(".", ","))


_METHODS = {
    Method.RUN_RATE: _run_rate,
    Method.PROFILE: _profile_method,
    Method.RUNOFF: _runoff,
    Method.SMOOTHING: _smoothing,
}


@dataclass(frozen=True, slots=True)
class _FloatYear:
    """A year's series in floats, converted once per line (the backtest slices it often)."""

    year: int
    amounts: list[float]
    unbound: list[float]
    open: list[float]


def _float_year(series: YearSeries) -> _FloatYear:
    return _FloatYear(
        series.year, _floats(series.amounts), _floats(series.unbound), _floats(series.open)
    )


@dataclass(frozen=True, slots=True)
class _Line:
    """A line's years in floats with the profiles of each prefix of its history."""

    history: list[_FloatYear]
    profiles: list[list[float] | None]  # profiles[n]: of the first n previous years
    unbound_profiles: list[list[float] | None]


def _line(history: Sequence[_FloatYear]) -> _Line:
    return _Line(
        list(history),
        [_profile([y.amounts for y in history[:n]]) for n in range(len(history) + 1)],
        [_profile([y.unbound for y in history[:n]]) for n in range(len(history) + 1)],
    )


def _data(line: _Line, years: int, current: _FloatYear, k: int) -> _Data:
    """What a method sees with the first `years` previous years and `k` current months."""
    history = line.history[:years]
    return _Data(
        [y.amounts for y in history],
        [y.unbound for y in history],
        current.amounts[:k],
        current.unbound[:k],
        current.open[k - 1] if k > 0 and len(current.open) >= k else 0.0,
        line.profiles[years],
        line.unbound_profiles[years],
    )


def backtest(line: LineInput, method: Method, origins: Sequence[int]) -> BacktestResult:
    """Replays `method` on each previous year at each origin month, with only what was
    known then (the years before it and its first months)."""
    return _backtest(_line([_float_year(y) for y in line.history]), method, origins)


def _backtest(line: _Line, method: Method, origins: Sequence[int]) -> BacktestResult:
    errors: list[float] = []
    points: list[str] = []
    for index, year in enumerate(line.history):
        actual = sum(year.amounts)
        if actual <= 0:
            continue
        for origin in origins:
            estimate = _METHODS[method](_data(line, index, year, origin))
            if estimate is None:
                continue
            done = sum(year.amounts[:origin])
            errors.append((done + estimate.rest - actual) / actual)
            points.append(f"{year.year} nach {MONTH_NAMES[origin - 1]}")
    return BacktestResult(method, tuple(errors), tuple(points))


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def _money(value: float) -> Money:
    return round_half_up(Decimal(repr(value)))


def _percent(share: float) -> str:
    return f"{share * 100:.1f} %".replace(".", ",")


def _eur(value: Money | float) -> str:
    return eur(value, 0)


def forecast_line(
    line: LineInput, origins_around: int = 1, method: Method | None = None
) -> LineForecast:
    """The year-end forecast of one line at its Stand, with the method its backtest chose
    (or the given method, where it applies)."""
    k = len(line.current.amounts)
    one_off_total = sum((o.amount for o in line.one_offs), ZERO)
    actual = sum(line.current.amounts, ZERO) + one_off_total
    origins = [o for o in range(k - origins_around, k + origins_around + 1) if 1 <= o <= 11]
    floats = _line([_float_year(y) for y in line.history])
    current = _float_year(line.current)
    data = _data(floats, len(floats.history), current, k)
    estimates = {m: e for m in ORDER if (e := _METHODS[m](data)) is not None}
    # smoothing, the costly method, is replayed at the Stand month only
    backtests = tuple(
        _backtest(floats, m, [k] if m is Method.SMOOTHING and 1 <= k <= 11 else origins)
        for m in ORDER
    )
    tested = {b.method: b for b in backtests}
    explanation: list[str] = []
    if k == 12 or not estimates:  # a closed year, or nothing known yet
        return LineForecast(
            line.line,
            Method.RUN_RATE,
            actual,
            actual,
            (actual, actual) if k == 12 else None,
            (actual, actual) if k == 12 else None,
            {},
            backtests,
            (
                "Das Jahr ist abgeschlossen: die Hochrechnung ist das Ist."
                if k == 12
                else "Noch kein Monat gebucht: keine Hochrechnung möglich.",
            ),
            None,
        )
    candidates = [m for m in estimates if tested[m].mape is not None]
    if method is not None and method in estimates:
        explanation.append(f"Vorgegeben: {METHOD_LABELS[method]}.")
    elif candidates:
        method = min(candidates, key=lambda m: (tested[m].mape or 0.0, ORDER.index(m)))
        chosen_bt = tested[method]
        explanation.append(
            f"Gewählt: {METHOD_LABELS[method]} – im Rückblick auf {len(chosen_bt.errors)} "
            f"Vergleichspunkte im Mittel {_percent(chosen_bt.mape or 0.0)} daneben."
        )
    else:
        method = Method.PROFILE if Method.PROFILE in estimates else Method.RUN_RATE
        method = method if method in estimates else next(iter(estimates))
        explanation.append(
            f"Gewählt: {METHOD_LABELS[method]} – ohne Rückblicktest, weil Vorjahre fehlen."
        )
    estimate = estimates[method]
    point = actual + _money(estimate.rest)
    explanation.append(
        f"Ist bis {MONTH_NAMES[k - 1]}: {_eur(actual)}; noch erwartet {_eur(estimate.rest)} "
        f"({estimate.note})."
    )
    interval80 = interval95 = None
    if estimate.sd is not None:
        interval80 = (point - _money(Z80 * estimate.sd), point + _money(Z80 * estimate.sd))
        interval95 = (point - _money(Z95 * estimate.sd), point + _money(Z95 * estimate.sd))
        explanation.append("Intervalle aus der Modellvarianz der Glättung.")
    elif len(tested[method].errors) >= 3:
        errors = [abs(e) for e in tested[method].errors]
        q80, q95 = _quantile(errors, 0.8), max(errors)
        base = float(point)
        interval80 = (_money(base * (1 - q80)), _money(base * (1 + q80)))
        interval95 = (_money(base * (1 - q95)), _money(base * (1 + q95)))
        explanation.append(
            "Intervalle aus den Fehlern des Rückblicktests (80 %: 8. Dezil, 95 %: größter Fehler)."
        )
    else:
        explanation.append("Kein Intervall: zu wenige Vergleichswerte im Rückblick.")
    effect = None
    if line.one_offs:
        # one-off payments are taken as unbound (no commitment plans them)
        with_one_offs = list(line.current.amounts)
        unbound = list(line.current.unbound)
        for one_off in line.one_offs:
            with_one_offs[one_off.month - 1] += one_off.amount
            unbound[one_off.month - 1] += one_off.amount
        changed = YearSeries(
            line.current.year, tuple(with_one_offs), tuple(unbound), line.current.open
        )
        other = _METHODS[method](_data(floats, len(floats.history), _float_year(changed), k))
        if other is not None:
            effect = _money(other.rest) - _money(estimate.rest)
        for one_off in line.one_offs:
            explanation.append(
                f"Die Buchung {one_off.booking} über {_eur(one_off.amount)} "
                f"({MONTH_NAMES[one_off.month - 1]}) ist als einmalig markiert: sie zählt im "
                "Ist, wird aber nicht hochgerechnet."
            )
        if effect is not None:
            explanation.append(
                f"Hochgerechnet wie eine laufende Zahlung läge die Hochrechnung um "
                f"{_eur(effect)} höher."
            )
    for suspect in line.large_unmarked:
        explanation.append(
            f"Hinweis: Die Buchung {suspect.booking} über {_eur(suspect.amount)} "
            f"({MONTH_NAMES[suspect.month - 1]}) ist ungewöhnlich groß und geht in die "
            "Hochrechnung ein; ist sie einmalig, bitte als „nicht für die Hochrechnung“ markieren."
        )
    return LineForecast(
        line.line,
        method,
        point,
        actual,
        interval80,
        interval95,
        {m: actual + _money(e.rest) for m, e in estimates.items()},
        backtests,
        tuple(explanation),
        effect,
    )


@dataclass(frozen=True, slots=True)
class TotalForecast:
    point: Money
    interval80: tuple[Money, Money] | None
    interval95: tuple[Money, Money] | None
    lines_without_interval: tuple[str, ...]


def total_forecast(forecasts: Sequence[LineForecast]) -> TotalForecast:
    """The sum of the lines' forecasts; the interval combines the lines' half-widths as if
    their errors were independent (it is narrower than the sum of the line intervals)."""
    point = sum((f.point for f in forecasts), ZERO)
    missing = tuple(f.line for f in forecasts if f.interval95 is None)
    intervals: list[tuple[Money, Money] | None] = []
    for pick in (0, 1):
        widths = [
            (float(iv[1] - iv[0]) / 2) ** 2
            for f in forecasts
            if (iv := (f.interval80, f.interval95)[pick]) is not None
        ]
        half = _money(math.sqrt(sum(widths))) if widths else None
        intervals.append(None if half is None else (point - half, point + half))
    return TotalForecast(point, intervals[0], intervals[1], missing)
