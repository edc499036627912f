"""Hochrechnung to year end per plan line: run-rate, seasonal profile, commitment run-off,
exponential smoothing with intervals; a rolling backtest on previous years picks the method
per line. Pure standard library."""

from amp.core.forecast.methods import (
    METHOD_LABELS,
    BacktestResult,
    LineForecast,
    LineInput,
    Method,
    OneOff,
    YearSeries,
    forecast_line,
    total_forecast,
)

__all__ = [
    "METHOD_LABELS",
    "BacktestResult",
    "LineForecast",
    "LineInput",
    "Method",
    "OneOff",
    "YearSeries",
    "forecast_line",
    "total_forecast",
]
