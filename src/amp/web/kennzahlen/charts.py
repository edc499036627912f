"""A small line chart as inline SVG, drawn in Python for the web page.

No matplotlib here: its SVG styles every element with inline `style` attributes, which the
web app's Content-Security-Policy (style-src 'self') blocks; this chart uses presentation
attributes only. The colours are those of the report charts (amp.reports.charts).
Accessible: <title> and <desc> name the chart and sum it up; the page puts the values
beside it as a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from amp.core import formatting

BLUE, GREY, TEXT = "#1f5f99", "#9aa5b1", "#333333"
WIDTH, HEIGHT = 360, 180
LEFT, RIGHT, TOP, BOTTOM = 46, 10, 10, 30
TICK_GAP = 48  # about the width of an axis text like 10/2024


@dataclass(frozen=True)
class Point:
    label: str
    """the month in words, e.g. "Juni 2024" (tooltip of the point)"""
    value: Decimal | None
    tick: str
    """axis text, e.g. "1/2024"; drawn for major points, and for the first and last one
    where it does not run into another"""
    major: bool = False


def _step(span: float) -> float:
    """A 1-2-5 step that cuts the span into about four parts."""
    raw = span / 4 if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 5, 10) if f * power >= raw)


def _ticks(values: list[float]) -> list[float]:
    low, high = min([0.0, *values]), max([0.0, *values])
    step = _step(high - low)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    if last == first:
        last = first + step
    count = round((last - first) / step)
    return [first + i * step for i in range(count + 1)]


def _tick_text(value: float, step: float) -> str:
    places = 0 if step >= 1 else 1
    return formatting.fixed(Decimal(str(round(value, places))), places)


def _tick_positions(points: Sequence[Point], xs: list[float]) -> list[tuple[int, str]]:
    """Which axis texts to draw and how to anchor them: every major point, then the first
    and the last point unless a drawn text is closer than TICK_GAP."""
    drawn = [(i, "middle") for i, p in enumerate(points) if p.major]
    ends = [(0, "start"), (len(points) - 1, "end")] if len(points) > 1 else [(0, "middle")]
    for i, anchor in ends:
        if all(abs(xs[i] - xs[j]) >= TICK_GAP for j, _a in drawn):
            drawn.append((i, anchor))
    return sorted(set(drawn))


def _attrs(**attributes: object) -> str:
    return " ".join(f'{k.replace("_", "-")}="{escape(str(v))}"' for k, v in attributes.items())


def line_chart(
    ident: str,
    title: str,
    description: str,
    points: Sequence[Point],
    unit: str = "%",
    reference: Decimal | None = None,
) -> str:
    """The SVG markup; every text in it is escaped. `reference` draws a dashed horizontal
    line at that value (an agreed target)."""
    values = [float(p.value) for p in points if p.value is not None]
    if reference is not None:
        values.append(float(reference))
    ticks = _ticks(values or [0.0])
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(len(points) - 1, 1)

    def x(i: int) -> float:
        return round(LEFT + plot_w * i / count, 1)

    def y(v: float) -> float:
        return round(TOP + plot_h * (high - v) / (high - low), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="kpi-chart" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{ident}-t {ident}-d" '
        f'font-family="sans-serif" font-size="10" fill="{TEXT}">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(description)}</desc>',
    ]
    step = ticks[1] - ticks[0]
    for tick in ticks:
        colour = TEXT if tick == 0 else "#dddddd"
        parts.append(
            f"<line {_attrs(x1=LEFT, x2=WIDTH - RIGHT, y1=y(tick), y2=y(tick), stroke=colour)}/>"
        )
        parts.append(
            f"<text {_attrs(x=LEFT - 4, y=y(tick) + 3, text_anchor='end')}>"
            f"{escape(_tick_text(tick, step))}</text>"
        )
    parts.append(f"<text {_attrs(x=4, y=TOP + 4)}>{escape(unit)}</text>")
    for i, anchor in _tick_positions(points, [x(i) for i in range(len(points))]):
        parts.append(
            f"<text {_attrs(x=x(i), y=HEIGHT - 8, text_anchor=anchor)}>"
            f"{escape(points[i].tick)}</text>"
        )
    if reference is not None:
        level = y(float(reference))
        parts.append(
            f"<line {_attrs(x1=LEFT, x2=WIDTH - RIGHT, y1=level, y2=level, stroke=TEXT)} "
            'stroke-dasharray="4 3"/>'
        )
    run: list[str] = []
    runs: list[list[str]] = [run]
    for i, point in enumerate(points):
        if point.value is None:
            run = []
            runs.append(run)
        else:
            run.append(f"{x(i)},{y(float(point.value))}")
    for line in runs:
        if len(line) > 1:
            parts.append(
                f"<polyline {_attrs(points=' '.join(line), fill='none', stroke=BLUE)} "
                'stroke-width="2"/>'
            )
    for i, point in enumerate(points):
        if point.value is None:
            parts.append(
                f"<text {_attrs(x=x(i), y=y(low) - 3, text_anchor='middle', fill=GREY)}>×</text>"
            )
            continue
        tip = f"{point.label}: {formatting.fixed(point.value, 1)} {unit}"
        parts.append(
            f"<circle {_attrs(cx=x(i), cy=y(float(point.value)), r=2.5, fill=BLUE)}>"
            f"<title>{escape(tip)}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)
