"""The report's SVG charts: well-formed, escaped, deterministic, with sensible axes."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from amp.reports import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_share_chart_is_well_formed_with_one_bar_per_label_and_escaped_text() -> None:
    labels = ["Jüngere <u25> & Reha", "Sozialer Arbeitsmarkt"]
    svg = charts.share_chart(labels, [Decimal("3609451.06"), Decimal("4827986.80")], "Anteile")
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Anteile"
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 2
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Jüngere <u25> & Reha" in texts
    assert "5.000.000 €" in texts  # the axis reaches past the largest amount, German format
    # the larger amount has the longer bar
    assert float(bars[1].get("width", "0")) > float(bars[0].get("width", "0"))


def test_change_chart_draws_two_bars_per_group_and_a_legend() -> None:
    svg = charts.change_chart(
        ["A", "B"], [Decimal(100), None], [Decimal(80), Decimal(50)], "Veränderung"
    )
    root = _parse(svg)
    tips = [t.text or "" for t in root.iter(f"{SVG}title")][1:]
    assert tips == [
        "A, Planung Vorjahr: 100,00 €",
        "A, Planung: 80,00 €",
        "B, Planung Vorjahr: 0,00 €",
        "B, Planung: 50,00 €",
    ]
    assert {"Planung Vorjahr", "Planung"} <= {t.text for t in root.iter(f"{SVG}text")}


def test_timeline_spans_whole_years_and_draws_open_ends_to_the_edge() -> None:
    bars = [
        charts.Bar("Vertrag", date(2022, 3, 1), date(2024, 2, 29)),
        charts.Bar("Offen", date(2023, 9, 1), None),
    ]
    svg = charts.timeline_chart(bars, 2024, "Laufzeiten")
    root = _parse(svg)
    years = [t.text for t in root.iter(f"{SVG}text") if (t.text or "").isdigit()]
    assert years == ["2022", "2023", "2024", "2025"]
    tips = [t.text for t in root.iter(f"{SVG}title")]
    assert "Offen: 01.09.2023 – offen" in tips
    assert svg == charts.timeline_chart(bars, 2024, "Laufzeiten")  # deterministic


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2))
def test_ticks_start_at_zero_cover_the_top_and_are_few_and_even(top: Decimal) -> None:
    ticks = charts.nice_ticks(top)
    assert ticks[0] == 0
    assert ticks[-1] >= top
    assert 2 <= len(ticks) <= 6
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    step = steps.pop()
    assert step.normalize().as_tuple().digits[0] in (1, 2, 5)
