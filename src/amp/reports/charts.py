"""Charts of the report as inline SVG, drawn once for screen and print.

The charts are simple (bars on a money axis, a timeline of contract periods), so they are
written as SVG elements directly: no plotting library to import (it cost more start-up
time than the whole page layout), the same plan gives byte-identical SVG, and text stays
text, so the PDF keeps it searchable. Nothing is fetched: no external references. Every
chart has its data beside it in the report (a table or text); the chart is only a picture
of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from html import escape

from amp.core import formatting
from amp.core.periods import MONTH_NAMES

FONT = "DejaVu Sans, sans-serif"
FONT_SIZE = 9.0  # px; the report's body text is about 9,5pt
CHAR_WIDTH = 0.58 * FONT_SIZE  # DejaVu Sans' average advance, to size the label column
BLUE, GREY, GREEN, SHADE, INK = "#1f5f99", "#9aa5b1", "#2e7d4f", "#f2e6b8", "#222"
WIDTH = 605.0  # px, about the text width of an A4 page (6,3 in)
ROW = 16.0  # px per bar row
AXIS_HEIGHT = 22.0
PAD = 6.0


def _short(label: str, width: int = 42) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _number(value: float) -> str:
    """Coordinates with two decimals at most, so the SVG is small and stable."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text(x: float, y: float, content: str, anchor: str = "start", size: float = FONT_SIZE) -> str:
    return (
        f'<text x="{_number(x)}" y="{_number(y)}" text-anchor="{anchor}" '
        f'font-size="{_number(size)}">{escape(content)}</text>'
    )


def _rect(x: float, y: float, width: float, height: float, fill: str, tip: str = "") -> str:
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return (
        f'<rect x="{_number(x)}" y="{_number(y)}" width="{_number(max(width, 0.0))}" '
        f'height="{_number(height)}" fill="{fill}">{title}</rect>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, color: str = INK) -> str:
    return (
        f'<line x1="{_number(x1)}" y1="{_number(y1)}" x2="{_number(x2)}" y2="{_number(y2)}" '
        f'stroke="{color}" stroke-width="0.6"/>'
    )


def _svg(width: float, height: float, label: str, parts: Iterable[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" '
        f'width="{_number(width)}" height="{_number(height)}" '
        f'viewBox="0 0 {_number(width)} {_number(height)}" '
        f'font-family="{FONT}" fill="{INK}">'
        f"<title>{escape(label)}</title>" + "".join(parts) + "</svg>"
    )


def nice_ticks(top: Decimal, most: int = 6) -> list[Decimal]:
    """Round axis ticks from 0 to at least `top`: steps of 1, 2, 2,5 or 5 × 10ⁿ."""
    if top <= 0:
        return [Decimal(0), Decimal(1)]
    exponent = top.adjusted()
    for power in (exponent - 1, exponent, exponent + 1):
        for mantissa in ("1", "2", "2.5", "5"):
            step = Decimal(mantissa).scaleb(power)
            count = int((top / step).to_integral_value(rounding=ROUND_CEILING))
            if count <= most - 1:
                return [(step * i).normalize() for i in range(count + 1)]
    raise AssertionError("unreachable: one step of 10^(n+1) covers top")


@dataclass(frozen=True, slots=True)
class _Frame:
    """The plot area right of the label column, with a money axis below the bars."""

    left: float
    right: float
    ticks: list[Decimal]

    def x(self, value: Decimal | float) -> float:
        top = float(self.ticks[-1])
        return self.left + (self.right - self.left) * float(value) / top

    def axis(self, y: float) -> list[str]:
        parts = [_line(self.left, PAD, self.left, y)]
        for tick in self.ticks:
            x = self.x(tick)
            parts.append(_line(x, y, x, y + 3))
            parts.append(_text(x, y + 13, formatting.money(tick, 0), "middle", 7.5))
        parts.append(_line(self.left, y, self.right, y))
        return parts


def _money_frame(labels: Sequence[str], values: Iterable[Decimal]) -> _Frame:
    longest = max((len(s) for s in labels), default=0)
    left = PAD + CHAR_WIDTH * longest + PAD
    top = max(values, default=Decimal(0))
    return _Frame(left, WIDTH - 40.0, nice_ticks(top))


def share_chart(labels: Sequence[str], amounts: Sequence[Decimal], label: str) -> str:
    """Horizontal bars: the planned money per target group."""
    shown = [_short(s) for s in labels]
    frame = _money_frame(shown, amounts)
    bottom = PAD + ROW * len(labels)
    parts: list[str] = []
    for row, (name, amount) in enumerate(zip(shown, amounts, strict=True)):
        y = PAD + ROW * row
        parts.append(_text(frame.left - PAD, y + ROW * 0.68, name, "end"))
        tip = f"{name}: {formatting.money(amount)}"
        parts.append(_rect(frame.left, y + 2, frame.x(amount) - frame.left, ROW - 4, BLUE, tip))
    parts += frame.axis(bottom)
    return _svg(WIDTH, bottom + AXIS_HEIGHT, label, parts)


def _legend(y: float, entries: Sequence[tuple[str, str]], x: float) -> list[str]:
    parts: list[str] = []
    for color, name in entries:
        parts.append(_rect(x, y - 7, 9, 9, color))
        parts.append(_text(x + 13, y + 1, name, size=8))
        x += 13 + CHAR_WIDTH * 0.9 * len(name) + 14
    return parts


def change_chart(
    labels: Sequence[str],
    previous: Sequence[Decimal | None],
    current: Sequence[Decimal | None],
    label: str,
) -> str:
    """Paired bars per group: last year's plan against this year's."""
    shown = [_short(s) for s in labels]
    values = [v or Decimal(0) for v in (*previous, *current)]
    frame = _money_frame(shown, values)
    pair = ROW * 1.6
    bottom = PAD + pair * len(labels)
    parts: list[str] = []
    for row, name in enumerate(shown):
        y = PAD + pair * row
        parts.append(_text(frame.left - PAD, y + pair / 2 + 3, name, "end"))
        for offset, color, amounts, what in (
            (2.0, GREY, previous, "Planung Vorjahr"),
            (pair / 2, BLUE, current, "Planung"),
        ):
            amount = amounts[row] or Decimal(0)
            tip = f"{name}, {what}: {formatting.money(amount)}"
            width = frame.x(amount) - frame.left
            parts.append(_rect(frame.left, y + offset, width, pair / 2 - 2, color, tip))
    parts += frame.axis(bottom)
    legend_y = bottom + AXIS_HEIGHT + 8
    parts += _legend(legend_y, [(GREY, "Planung Vorjahr"), (BLUE, "Planung")], frame.left)
    return _svg(WIDTH, legend_y + 6, label, parts)


@dataclass(frozen=True, slots=True)
class Bar:
    """One contract period on the timeline."""

    label: str
    start: date
    end: date | None  # None: open end, drawn to the right edge
    option: bool = False


def timeline_chart(bars: Sequence[Bar], year: int, label: str) -> str:
    """A simple Gantt chart of contract periods, the plan year shaded."""
    width = WIDTH * 1.35
    row = ROW * 0.85
    shown = [_short(b.label, 48) for b in bars]
    left = PAD + CHAR_WIDTH * 0.85 * max((len(s) for s in shown), default=0) + PAD
    right = width - 12.0
    first = min([*(b.start for b in bars), date(year, 1, 1)])
    last = max([*(b.end for b in bars if b.end is not None), date(year, 12, 31)])
    begin, end = date(first.year, 1, 1), date(last.year + 1, 1, 1)
    span = (end - begin).days

    def x(day: date) -> float:
        return left + (right - left) * (day - begin).days / span

    bottom = PAD + row * len(bars)
    plan_start, plan_end = x(date(year, 1, 1)), x(date(year + 1, 1, 1))
    parts = [_rect(plan_start, PAD, plan_end - plan_start, bottom - PAD, SHADE)]
    for position, (bar, name) in enumerate(zip(bars, shown, strict=True)):
        y = PAD + row * position
        color = GREY if bar.option else (GREEN if bar.end is None else BLUE)
        until = formatting.day(bar.end) if bar.end else "offen"
        tip = f"{name}: {formatting.day(bar.start)} – {until}"
        parts.append(_text(left - PAD, y + row * 0.7, name, "end", FONT_SIZE * 0.85))
        parts.append(
            _rect(x(bar.start), y + 2, x(bar.end or end) - x(bar.start), row - 4, color, tip)
        )
    parts.append(_line(left, bottom, right, bottom))
    for tick_year in range(begin.year, end.year + 1):
        tick = x(date(tick_year, 1, 1))
        parts.append(_line(tick, bottom, tick, bottom + 3))
        parts.append(_text(tick, bottom + 13, str(tick_year), "middle", 7.5))
    legend_y = bottom + AXIS_HEIGHT + 8
    entries = [
        (BLUE, "Vertrag"),
        (GREEN, "offenes Ende"),
        (GREY, "Option"),
        (SHADE, f"Planjahr {year}"),
    ]
    parts += _legend(legend_y, entries, left)
    return _svg(width, legend_y + 6, label, parts)


def cumulative_chart(
    plan: Decimal,
    actual: Sequence[Decimal],
    previous: Sequence[Decimal] | None,
    forecast: Decimal | None,
    band: tuple[Decimal, Decimal] | None,
    label: str,
) -> str:
    """The year's cumulative Mittelabfluss: the plan as a line, the actual up to the Stand,
    the forecast from the Stand to December (with its interval at year end) and, for
    comparison, last year's cumulative actual."""
    months = [name[:3] for name in MONTH_NAMES]
    top = max(
        [
            plan,
            *(actual or [Decimal(0)]),
            *(previous or []),
            forecast or Decimal(0),
            band[1] if band else Decimal(0),
        ]
    )
    ticks = nice_ticks(top)
    left, right, top_y, bottom = 78.0, WIDTH - 12.0, PAD + 4, 200.0

    def x(month: float) -> float:  # month 0 = start of January, 12 = end of December
        return left + (right - left) * month / 12

    def y(value: Decimal | float) -> float:
        return bottom - (bottom - top_y) * float(value) / float(ticks[-1])

    def path(points: Sequence[tuple[float, float]], color: str, dash: str = "") -> str:
        coords = " ".join(f"{_number(px)},{_number(py)}" for px, py in points)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="1.6"{dashed}/>'
        )

    parts: list[str] = []
    for tick in ticks:
        parts.append(_line(left, y(tick), right, y(tick), "#ddd"))
        parts.append(_text(left - 4, y(tick) + 3, formatting.money(tick, 0), "end", 7.5))
    for i, name in enumerate(months):
        parts.append(_text(x(i + 0.5), bottom + 12, name, "middle", 7.5))
    parts.append(_line(left, bottom, right, bottom))
    if band is not None:
        parts.append(
            _rect(
                x(12) - 4,
                y(band[1]),
                8,
                y(band[0]) - y(band[1]),
                SHADE,
                f"Intervall 80 %: {formatting.money(band[0])} – {formatting.money(band[1])}",
            )
        )
    parts.append(path([(x(0), y(plan)), (x(12), y(plan))], GREEN))
    if previous:
        parts.append(
            path([(x(0), y(0))] + [(x(i + 1), y(v)) for i, v in enumerate(previous)], GREY)
        )
    if actual:
        parts.append(path([(x(0), y(0))] + [(x(i + 1), y(v)) for i, v in enumerate(actual)], BLUE))
    if forecast is not None and actual:
        parts.append(path([(x(len(actual)), y(actual[-1])), (x(12), y(forecast))], BLUE, "4 3"))
    legend = [
        (GREEN, "Planung"),
        (BLUE, "Ist kumuliert (gestrichelt: Hochrechnung)"),
        (GREY, "Vorjahr"),
        (SHADE, "Intervall 80 %"),
    ]
    parts += _legend(bottom + 30, legend, left)
    return _svg(WIDTH, bottom + 38, label, parts)
