"""The figures K1 … K3E4: each defined once as a combination of monthly base series.

Kinds (see docs/kpi-daten.md for the legal text and the sources):
    VORJAHR  value(M) / value(M-12), shown as change rate (quotient - 1) * 100
    RATE     sum of flows over M-11..M / sum of stocks over the same months (Zugang) or
             the months before (Abgang): the stock-weighted twelve-month average rate
    QUOTE    sum of events over M-11..M / average eLb stock over twelve months shifted by
             the denominator offset (default one month: M-12..M-1)
    RATIO12  sum over M-11..M / sum over M-11..M (K2E3)
    SHARE    value(M) / value(M) (K3E2)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from amp.kpi.basesql import GROUPS, LOCAL_GROUPS
from amp.kpi.engines import BaseData, Number
from amp.kpi.params import Params
from amp.kpi.schema import month_text

PERCENT_PLACES = Decimal("0.1")


def round_percent(value: Decimal) -> Decimal:
    """The one place where indicator values are rounded: one decimal, half up."""
    return value.quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


class Kind(Enum):
    VORJAHR = "vorjahr"
    RATE = "rate"
    QUOTE = "quote"
    RATIO12 = "ratio12"
    SHARE = "share"


@dataclass(frozen=True)
class Figure:
    code: str
    name: str
    paragraph: str
    kind: Kind
    numerator: str
    denominator: str
    count: str = ""
    """Person count used for small-cell suppression (VORJAHR only; else the series itself)."""
    denominator_lag: int = 0
    """RATE: 1 when the stock of the previous month is the denominator (Abgangsrate)."""
    uses_lzb: bool = False
    uses_events: bool = False
    needs_continuity: bool = False


FIGURES: tuple[Figure, ...] = (
    Figure(
        "K1",
        "Veränderung der Summe der Leistungen zum Lebensunterhalt",
        "§ 4 Abs. 1",
        Kind.VORJAHR,
        "llu",
        "llu",
        count="llu_n",
    ),
    Figure(
        "K1E1",
        "Veränderung der Summe der Leistungen für Unterkunft und Heizung",
        "§ 4 Abs. 2 Nr. 1",
        Kind.VORJAHR,
        "luh",
        "luh",
        count="luh_n",
    ),
    Figure(
        "K1E2",
        "Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten",
        "§ 4 Abs. 2 Nr. 2",
        Kind.VORJAHR,
        "elb_n",
        "elb_n",
        count="elb_n",
    ),
    Figure(
        "K1E3",
        "Durchschnittliche Zugangsrate der erwerbsfähigen Leistungsberechtigten",
        "§ 4 Abs. 2 Nr. 3",
        Kind.RATE,
        "elb_entries",
        "elb_n",
    ),
    Figure(
        "K1E4",
        "Durchschnittliche Abgangsrate der erwerbsfähigen Leistungsberechtigten",
        "§ 4 Abs. 2 Nr. 4",
        Kind.RATE,
        "elb_exits",
        "elb_n",
        denominator_lag=1,
    ),
    Figure("K2", "Integrationsquote", "§ 5 Abs. 1", Kind.QUOTE, "int", "elb_n", uses_events=True),
    Figure(
        "K2E1",
        "Quote der Eintritte in geringfügige Beschäftigung",
        "§ 5 Abs. 2 Nr. 1",
        Kind.QUOTE,
        "gb",
        "elb_n",
        uses_events=True,
    ),
    Figure(
        "K2E2",
        "Quote der Eintritte in öffentlich geförderte Beschäftigung",
        "§ 5 Abs. 2 Nr. 2",
        Kind.QUOTE,
        "oeff",
        "elb_n",
        uses_events=True,
    ),
    Figure(
        "K2E3",
        "Kontinuierliche Beschäftigung nach Integration",
        "§ 5 Abs. 2 Nr. 3",
        Kind.RATIO12,
        "int_sv_cont",
        "int_sv",
        uses_events=True,
        needs_continuity=True,
    ),
    Figure(
        "K2E4",
        "Integrationsquote der Alleinerziehenden",
        "§ 5 Abs. 2 Nr. 4",
        Kind.QUOTE,
        "int_ae",
        "elb_n_ae",
        uses_events=True,
    ),
    Figure(
        "K3",
        "Veränderung des Bestands an Langzeitleistungsbeziehenden",
        "§ 6 Abs. 1",
        Kind.VORJAHR,
        "elb_n_lzb",
        "elb_n_lzb",
        count="elb_n_lzb",
        uses_lzb=True,
    ),
    Figure(
        "K3E1",
        "Integrationsquote der Langzeitleistungsbeziehenden",
        "§ 6 Abs. 2 Nr. 1",
        Kind.QUOTE,
        "int_lzb",
        "elb_n_lzb",
        uses_lzb=True,
        uses_events=True,
    ),
    Figure(
        "K3E2",
        "Aktivierungsquote der Langzeitleistungsbeziehenden",
        "§ 6 Abs. 2 Nr. 2",
        Kind.SHARE,
        "lzb_measure",
        "elb_n_lzb",
        uses_lzb=True,
    ),
    Figure(
        "K3E3",
        "Durchschnittliche Zugangsrate der Langzeitleistungsbeziehenden",
        "§ 6 Abs. 2 Nr. 3",
        Kind.RATE,
        "lzb_entries",
        "elb_n_lzb",
        uses_lzb=True,
    ),
    Figure(
        "K3E4",
        "Durchschnittliche Abgangsrate der Langzeitleistungsbeziehenden",
        "§ 6 Abs. 2 Nr. 4",
        Kind.RATE,
        "lzb_exits",
        "elb_n_lzb",
        denominator_lag=1,
        uses_lzb=True,
    ),
)

FIGURE_BY_CODE = {f.code: f for f in FIGURES}


@dataclass(frozen=True)
class Result:
    code: str
    jobcenter: str
    month: str
    group: str
    value: Decimal | None
    numerator: Number | None
    denominator: Number | None
    reason: str | None = None
    suppressed: bool = False

    @property
    def local_extra(self) -> bool:
        return self.group in LOCAL_GROUPS


def _months_needed(fig: Figure, month: int, params: Params) -> tuple[int, int]:
    """First and last month of panel data the figure needs for reporting month `month`."""
    if fig.kind is Kind.VORJAHR:
        return month - 12, month
    if fig.kind is Kind.RATE:
        return month - 12, month
    if fig.kind is Kind.SHARE:
        return month, month
    # QUOTE / RATIO12: integrations of reporting month t look at the stock in t-1 and t-2
    first = min(month - 13, month - 11 - params.denominator_offset)
    last = month + params.waiting_months
    if fig.needs_continuity:
        last = max(last, month + params.continuity_months)
    return first, last


def _lzb_first_month(fig: Figure, month: int, params: Params) -> int:
    """First month whose LZB status the figure needs."""
    if fig.kind in (Kind.VORJAHR, Kind.RATE):
        return month - 12
    if fig.kind is Kind.QUOTE:
        return min(month - 12, month - 11 - params.denominator_offset)
    return month


def _why_not(fig: Figure, data: BaseData, month: int, params: Params) -> str | None:
    first, last = _months_needed(fig, month, params)
    available = (
        f"Daten liegen von {month_text(data.first_month)} bis {month_text(data.last_month)} vor"
    )
    if first < data.first_month:
        what = "Vorjahresmonat" if fig.kind is Kind.VORJAHR else "Monat"
        return f"nicht berechenbar: {what} {month_text(first)} fehlt ({available})"
    if last > data.last_month:
        if fig.needs_continuity and month + params.continuity_months > data.last_month:
            return (
                "nicht berechenbar: die sechs Folgemonate bis "
                f"{month_text(month + params.continuity_months)} fehlen ({available})"
            )
        return (
            f"nicht berechenbar: Wartezeit von {params.waiting_months} Monaten bis "
            f"{month_text(month + params.waiting_months)} noch nicht abgelaufen ({available})"
        )
    if fig.uses_lzb and not data.has_spells:
        lookback = params.lzb_window_months - 1
        needed = _lzb_first_month(fig, month, params) - lookback
        if needed < data.first_month:
            return (
                "nicht berechenbar: ohne tagesgenaue Zeiträume braucht der LZB-Status "
                f"{params.lzb_window_months} Monate Vorlauf ab {month_text(needed)} ({available})"
            )
    return None


def _sum(data: BaseData, col: str, jc: str, months: range) -> Number:
    total: Number = 0
    for m in months:
        total += data.get(col, jc, m)
    return total


def evaluate(
    fig: Figure, data: BaseData, jc: str, group: str, month: int, params: Params
) -> Result:
    label = month_text(month)
    reason = _why_not(fig, data, month, params)
    if reason is not None:
        return Result(fig.code, jc, label, group, None, None, None, reason)
    num_col = f"{fig.numerator}__{group}"
    den_col = f"{fig.denominator}__{group}"
    window = range(month - 11, month + 1)
    counts: list[Number]
    value: Decimal | None = None
    if fig.kind is Kind.VORJAHR:
        num = data.get(num_col, jc, month)
        den = data.get(den_col, jc, month - 12)
        count_col = f"{fig.count}__{group}"
        counts = [data.get(count_col, jc, month), data.get(count_col, jc, month - 12)]
        if den:
            value = (Decimal(num) / Decimal(den) - 1) * 100
    elif fig.kind is Kind.RATE:
        num = _sum(data, num_col, jc, window)
        lag = fig.denominator_lag
        den = _sum(data, den_col, jc, range(month - 11 - lag, month + 1 - lag))
        counts = [num, den]
        if den:
            value = Decimal(num) / Decimal(den) * 100
    elif fig.kind is Kind.QUOTE:
        num = _sum(data, num_col, jc, window)
        off = params.denominator_offset
        den_sum = _sum(data, den_col, jc, range(month - 11 - off, month + 1 - off))
        den = Decimal(den_sum) / 12
        counts = [num, den]
        if den_sum:
            value = Decimal(num) * 12 * 100 / Decimal(den_sum)
    elif fig.kind is Kind.RATIO12:
        num = _sum(data, num_col, jc, window)
        den = _sum(data, den_col, jc, window)
        counts = [num, den]
        if den:
            value = Decimal(num) / Decimal(den) * 100
    else:
        num = data.get(num_col, jc, month)
        den = data.get(den_col, jc, month)
        counts = [num, den]
        if den:
            value = Decimal(num) / Decimal(den) * 100
    small = any(0 < c < params.min_cell for c in counts)
    if value is None:
        reason = "nicht berechenbar: Nenner ist 0"
        return Result(fig.code, jc, label, group, None, num, den, reason, suppressed=small)
    return Result(fig.code, jc, label, group, round_percent(value), num, den, suppressed=small)


def compute_figures(
    data: BaseData, month: int, params: Params, codes: tuple[str, ...] | None = None
) -> list[Result]:
    figures = FIGURES if codes is None else tuple(FIGURE_BY_CODE[c] for c in codes)
    return [
        evaluate(fig, data, jc, group, month, params)
        for jc in data.jobcenters
        for fig in figures
        for group in GROUPS
    ]


def latest_month(data: BaseData, params: Params) -> int:
    """The newest reporting month whose waiting time has passed."""
    return data.last_month - params.waiting_months


def publish(result: Result, params: Params) -> Result:
    """Published output: small cells lose their value and numbers."""
    if not result.suppressed:
        return result
    return Result(
        result.code,
        result.jobcenter,
        result.month,
        result.group,
        None,
        None,
        None,
        f"gesperrt: weniger als {params.min_cell} Personen (statistische Geheimhaltung)",
        suppressed=True,
    )
