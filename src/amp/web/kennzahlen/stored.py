"""The JSON stored per Jobcenter and month: published figure results and the target series.

figures[code][group] = {"wert", "zaehler", "nenner", "hinweis", "gesperrt", "vorjahr"}
with numbers as decimal strings (exact, no float), "vorjahr" the same figure twelve months
earlier ({"wert", "hinweis", "gesperrt"}). series = {"ab": first month, "integrationen": [...],
"elb_bestand": [...]}: the monthly counts amp.kpi.targets needs for the reporting month.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from amp.kpi.basesql import GROUPS
from amp.kpi.engines import BaseData, Number
from amp.kpi.figures import FIGURES, Result, evaluate, publish
from amp.kpi.params import Params
from amp.kpi.schema import month_index, month_text

SERIES_COLUMNS = {"integrationen": "int__insgesamt", "elb_bestand": "elb_n__insgesamt"}


def _text(value: Number | Decimal | None) -> str | None:
    return None if value is None else str(value)


def _result(result: Result) -> dict[str, Any]:
    return {
        "wert": _text(result.value),
        "zaehler": _text(result.numerator),
        "nenner": _text(result.denominator),
        "hinweis": result.reason,
        "gesperrt": result.suppressed,
    }


def figures_json(data: BaseData, jobcenter: str, month: int, params: Params) -> dict[str, Any]:
    """All figures and groups of one reporting month, suppressed as in the published output."""
    out: dict[str, Any] = {}
    for fig in FIGURES:
        groups: dict[str, Any] = {}
        for group in GROUPS:
            now = publish(evaluate(fig, data, jobcenter, group, month, params), params)
            before = publish(evaluate(fig, data, jobcenter, group, month - 12, params), params)
            previous = _result(before)
            groups[group] = {
                **_result(now),
                "vorjahr": {k: previous[k] for k in ("wert", "hinweis", "gesperrt")},
            }
        out[fig.code] = groups
    return out


def series_json(data: BaseData, jobcenter: str, month: int) -> dict[str, Any]:
    """Integrations and eLb stock from January of the year before (minus one) to the month:
    everything amp.kpi.targets.progress reads for a reporting month."""
    first = (month // 12 - 1) * 12 - 1
    months = range(first, month + 1)
    return {
        "ab": month_text(first),
        **{
            key: [int(data.get(column, jobcenter, m)) for m in months]
            for key, column in SERIES_COLUMNS.items()
        },
    }


def series_data(series: dict[str, Any], jobcenter: str, first: str, last: str) -> BaseData:
    """The stored series back as BaseData over the calculation's data range."""
    data = BaseData(month_index(first), month_index(last), False, [jobcenter])
    start = month_index(series["ab"])
    for key, column in SERIES_COLUMNS.items():
        data.series[column] = {
            (jobcenter, start + offset): int(value) for offset, value in enumerate(series[key])
        }
    return data
