"""Charts of the report as inline SVG, drawn once for screen and print.

matplotlib draws without pyplot (no global state, no display) in a fixed local font;
text stays text (`svg.fonttype: none`), so the PDF keeps it searchable. Nothing is
fetched: the SVG carries no metadata links and no external references. Every chart has
its data beside it in the report (a table or text), the chart is only a picture of it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from amp import formatting

matplotlib.use("Agg")

FONT = "DejaVu Sans"
STYLE: Any = {  # rc_context's typed keys reject a plain dict
    "svg.fonttype": "none",
    "svg.hashsalt": "amp",  # stable ids: the same plan gives the same SVG
    "font.family": FONT,
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
BLUE, GREY, RED, GREEN = "#1f5f99", "#9aa5b1", "#b03a2e", "#2e7d4f"
WIDTH_INCHES = 6.3  # about the text width of an A4 page
EPOCH = date(1970, 1, 1)


def _svg(figure: Figure, label: str) -> str:
    buffer = io.StringIO()
    figure.savefig(
        buffer, format="svg", bbox_inches="tight", pad_inches=0.2, metadata={"Date": None}
    )
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # no XML declaration or DOCTYPE inside HTML
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    text = re.sub(r'\s+xmlns:xlink="[^"]*"', "", text, count=1)
    safe = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return text.replace("<svg ", f'<svg role="img" aria-label="{safe}" ', 1)


def _euro_axis(value: float, _position: float) -> str:
    return formatting.money(Decimal(round(value)), 0)


def _short(label: str, width: int = 42) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def share_chart(labels: Sequence[str], amounts: Sequence[Decimal], label: str) -> str:
    """Horizontal bars: the planned money per target group."""
    with matplotlib.rc_context(STYLE):
        height = 0.8 + 0.35 * len(labels)
        figure = Figure(figsize=(WIDTH_INCHES, height))
        axes = figure.subplots()
        positions = list(range(len(labels)))
        values = [float(a) for a in amounts]
        axes.barh(positions, values, color=BLUE)
        axes.set_yticks(positions, [_short(s) for s in labels])
        axes.invert_yaxis()
        axes.xaxis.set_major_formatter(FuncFormatter(_euro_axis))
        axes.tick_params(axis="x", labelsize=7)
        return _svg(figure, label)


def change_chart(
    labels: Sequence[str],
    previous: Sequence[Decimal | None],
    current: Sequence[Decimal | None],
    label: str,
) -> str:
    """Paired bars per group: last year's plan against this year's."""
    with matplotlib.rc_context(STYLE):
        height = 1.0 + 0.45 * len(labels)
        figure = Figure(figsize=(WIDTH_INCHES, height))
        axes = figure.subplots()
        positions = list(range(len(labels)))
        bar = 0.38
        axes.barh(
            [p - bar / 2 for p in positions],
            [float(v or 0) for v in previous],
            height=bar,
            color=GREY,
            label="Planung Vorjahr",
        )
        axes.barh(
            [p + bar / 2 for p in positions],
            [float(v or 0) for v in current],
            height=bar,
            color=BLUE,
            label="Planung",
        )
        axes.set_yticks(positions, [_short(s) for s in labels])
        axes.invert_yaxis()
        axes.xaxis.set_major_formatter(FuncFormatter(_euro_axis))
        axes.tick_params(axis="x", labelsize=7)
        axes.legend(loc="lower right", frameon=False)
        return _svg(figure, label)


@dataclass(frozen=True, slots=True)
class Bar:
    """One contract period on the timeline."""

    label: str
    start: date
    end: date | None  # None: open end, drawn to the right edge
    option: bool = False


def _day_number(day: date) -> float:
    """matplotlib's date number: days since its default epoch, 1970-01-01."""
    return float((day - EPOCH).days)


def timeline_chart(bars: Sequence[Bar], year: int, label: str) -> str:
    """A simple Gantt chart of contract periods, the plan year shaded."""
    with matplotlib.rc_context(STYLE):
        height = 0.9 + 0.22 * len(bars)
        figure = Figure(figsize=(WIDTH_INCHES * 1.35, height))
        axes = figure.subplots()
        starts = [b.start for b in bars]
        ends = [b.end for b in bars if b.end is not None]
        first = min([*starts, date(year, 1, 1)])
        last = max([*ends, date(year, 12, 31)])
        right = date(last.year + 1, 1, 1)
        for position, bar in enumerate(bars):
            end = bar.end or right
            color = GREY if bar.option else (GREEN if bar.end is None else BLUE)
            axes.barh(
                position,
                (end - bar.start).days,
                left=_day_number(bar.start),
                height=0.6,
                color=color,
            )
        axes.axvspan(
            _day_number(date(year, 1, 1)),
            _day_number(date(year + 1, 1, 1)),
            color="#f2e6b8",
            zorder=0,
        )
        axes.set_yticks(list(range(len(bars))), [_short(b.label, 48) for b in bars])
        axes.tick_params(axis="y", labelsize=6.5)
        axes.invert_yaxis()
        axes.set_xlim(_day_number(date(first.year, 1, 1)), _day_number(right))
        years = range(first.year, right.year + 1)
        axes.set_xticks([_day_number(date(y, 1, 1)) for y in years], [str(y) for y in years])
        return _svg(figure, label)
