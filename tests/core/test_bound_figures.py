"""Bound figures: the written rounding word checked against the data, at its boundaries,
and the figure printed from the data with the written precision."""

from __future__ import annotations

from decimal import Decimal

import pytest

from amp.core.bound_figures import parse_written, show
from amp.core.claims import ClaimUnit, Qualifier


def shown(written: str, computed: str) -> tuple[str, bool]:
    parsed = parse_written(written)
    assert parsed is not None, written
    result = show(parsed, Decimal(computed))
    return result.text, result.held


def test_written_figures_are_read_with_word_number_and_unit() -> None:
    figure = parse_written("rd. 2,1 Mio. Euro")
    assert figure is not None
    assert (figure.qualifier, figure.unit, figure.stated) == (
        Qualifier.RUND,
        ClaimUnit.MIO_EUR,
        Decimal("2100000.0"),
    )
    assert parse_written("knapp 285").unit is ClaimUnit.COUNT  # type: ignore[union-attr]
    assert parse_written("mehr als 10 %").qualifier is Qualifier.MEHR_ALS  # type: ignore[union-attr]
    assert parse_written("etwa 3 Äpfel") is None


@pytest.mark.parametrize(
    ("written", "computed", "held"),
    [
        # "rund": the written value rounded, or within 5 % of it
        ("rund 2,1 Mio. Euro", "2149999.99", True),
        ("rund 2,1 Mio. Euro", "2205000", True),  # 5 % of 2,1 Mio. exactly
        ("rund 2,1 Mio. Euro", "2205000.01", False),
        ("rund 100.000 €", "105000", True),
        ("rund 100.000 €", "105000.01", False),
        # "knapp": at most the written value, and near it
        ("knapp 285", "285", True),
        ("knapp 285", "285.01", False),
        ("knapp 285", "271", True),  # 5 % below
        ("knapp 285", "270", False),
        # "mehr als": strictly more
        ("mehr als 10 %", "10.01", True),
        ("mehr als 10 %", "10", False),
        # "bis zu": at most
        ("bis zu 150", "150", True),
        ("bis zu 150", "150.01", False),
        # "mindestens": at least
        ("mindestens 20", "20", True),
        ("mindestens 20", "19.99", False),
        # no word: equal at the written precision
        ("10 %", "10.49", True),
        ("10 %", "9.49", False),
        ("1.000.000 Euro", "1000000", True),
        ("1.000.000 Euro", "1000000.49", True),
        ("1.000.000 Euro", "1000000.50", False),
    ],
)
def test_each_rounding_word_at_its_boundaries(written: str, computed: str, held: bool) -> None:
    assert shown(written, computed)[1] is held


@pytest.mark.parametrize(
    ("written", "computed", "printed"),
    [
        # the seed's errors: the document prints what the data give
        ("10 %", "9.19", "9 %"),
        ("knapp 285", "290", "290"),  # "knapp 290" would claim less than there is
        ("rund 100.000 €", "126000", "rund 130.000 €"),  # rounded where "rund" stays true
        ("rund 170.000 Euro", "270000", "rund 270.000 Euro"),
        ("mehr als 10 %", "9.19", "mehr als 9 %"),
        ("knapp 10 %", "9.19", "knapp 9,2 %"),
        ("bis zu 100", "100.5", "bis zu 101"),
        ("mehr als 290", "290", "290"),  # the word cannot hold: dropped
        # figures that hold keep the written precision
        ("rd. 2,1 Mio. Euro", "2100000", "rd. 2,1 Mio. Euro"),
        ("rund 2 Mio. Euro", "2100000", "rund 2 Mio. Euro"),
        ("rund 360.000,00 €", "360000", "rund 360.000,00 €"),
        ("785.000 €", "785000", "785.000 €"),
        ("rund 19 %", "18.636", "rund 19 %"),
    ],
)
def test_the_printed_figure_comes_from_the_data(written: str, computed: str, printed: str) -> None:
    assert shown(written, computed)[0] == printed
