"""Bound figures: a number in the prose that is a reference to the plan's data.

A chapter writes a figure as it reads ("rund 2,1 Mio. Euro") and names the Kennziffer it
restates. The written figure is checked with the same qualifier rules as the claims
(`amp.core.claims.holds`); the document always shows the figure the data yields, at the
written precision and with the written rounding word where that word still holds. So a
changed amount changes every sentence that binds it, and a sentence can no longer drift
from the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from amp.core import formatting
from amp.core.claims import APPROXIMATION_TOLERANCE, ClaimUnit, Qualifier, holds
from amp.core.money import decimal_places, round_half_up

# the rounding words as a document writes them, longest first
QUALIFIER_WORDS: dict[str, Qualifier] = {
    "mehr als": Qualifier.MEHR_ALS,
    "mindestens": Qualifier.MINDESTENS,
    "bis zu": Qualifier.BIS_ZU,
    "knapp": Qualifier.KNAPP,
    "rund": Qualifier.RUND,
    "rd.": Qualifier.RUND,
    "ca.": Qualifier.CA,
    "circa": Qualifier.CA,
}

UNIT_WORDS: dict[str, ClaimUnit] = {
    "Mio. €": ClaimUnit.MIO_EUR,
    "Mio. Euro": ClaimUnit.MIO_EUR,
    "Millionen Euro": ClaimUnit.MIO_EUR,
    "Million Euro": ClaimUnit.MIO_EUR,
    "€": ClaimUnit.EUR,
    "Euro": ClaimUnit.EUR,
    "%": ClaimUnit.PERCENT,
    "Prozent": ClaimUnit.PERCENT,
}

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WRITTEN = re.compile(
    r"^(?:(?P<word>"
    + "|".join(re.escape(w) for w in QUALIFIER_WORDS)
    + r")\s+)?(?P<number>"
    + NUMBER
    + r")(?:\s*(?P<unit>"
    + "|".join(re.escape(u) for u in UNIT_WORDS)
    + r"))?$"
)


def parse_number(text: str) -> Decimal:
    """A German written number: 1.000.000 → 1000000, 2,1 → 2.1."""
    return Decimal(text.replace(".", "").replace(",", "."))


@dataclass(frozen=True, slots=True)
class Written:
    """A figure as the chapter writes it: rounding word, number, unit word."""

    word: str  # as written ("rd."), "" without one
    qualifier: Qualifier
    number: str  # as written ("2,1")
    unit_word: str  # as written ("Mio. Euro"), "" for a count
    unit: ClaimUnit

    @property
    def value(self) -> Decimal:
        return parse_number(self.number)

    @property
    def stated(self) -> Decimal:
        return self.unit.in_figure_unit(self.value)

    @property
    def places(self) -> int:
        return self.unit.places(self.value)

    @property
    def magnitude_places(self) -> int:
        """The precision a rounding word implies: "rund 170.000" is to the ten thousand."""
        if decimal_places(self.value) > 0 or self.value == 0:
            return self.places
        digits = self.number.replace(".", "")
        zeros = len(digits) - len(digits.rstrip("0"))
        return -zeros - self.unit.scale

    def text(self, word: str, value: Decimal, places: int) -> str:
        """The figure written again with another word and value, in the written unit."""
        shown = value.scaleb(-self.unit.scale)
        shown_places = places + self.unit.scale
        if shown_places < 0:
            shown = round_half_up(shown.scaleb(shown_places), 0).scaleb(-shown_places)
            shown_places = 0
        number = formatting.fixed(shown, shown_places)
        parts = [word, number, self.unit_word] if word else [number, self.unit_word]
        return " ".join(p for p in parts if p)


def parse_written(text: str) -> Written | None:
    """The written figure, or None if the text is no figure amp can read."""
    match = _WRITTEN.match(" ".join(text.split()))
    if match is None:
        return None
    word = match.group("word") or ""
    unit_word = match.group("unit") or ""
    return Written(
        word,
        QUALIFIER_WORDS[word] if word else Qualifier.EXAKT,
        match.group("number"),
        unit_word,
        UNIT_WORDS[unit_word] if unit_word else ClaimUnit.COUNT,
    )


@dataclass(frozen=True, slots=True)
class Shown:
    """What the document prints for a bound figure, and whether the writing held."""

    text: str
    value: Decimal  # the printed value in the figure's unit
    places: int
    held: bool  # the written figure is compatible with the data


def _rounded(value: Decimal, places: int, rounding: str) -> Decimal:
    step = Decimal(1).scaleb(-places)
    return (value / step).quantize(Decimal(1), rounding=rounding) * step


def show(written: Written, computed: Decimal) -> Shown:
    """The figure the data yields, written like the chapter wrote it.

    Exact figures are printed at the written decimal places. "rund"/"ca." round at the
    written magnitude ("rund 170.000" to the ten thousand; finer where that strays more
    than the tolerance of "rund"), "knapp" and "bis zu" round
    up, "mehr als" and "mindestens" round down, so that the word stays true; where it
    cannot ("mehr als 290" for exactly 290), the word is dropped.
    """
    held = holds(written.qualifier, written.stated, written.places, computed)
    q = written.qualifier
    if q is Qualifier.EXAKT:
        places = written.places
        value = round_half_up(computed, places)
        return Shown(written.text("", value, places), value, places, held)
    finest = max(written.places, 0) + (2 if written.unit is ClaimUnit.PERCENT else 0)
    start = written.magnitude_places if q in (Qualifier.RUND, Qualifier.CA) else written.places
    for places in range(start, finest + 1):
        if q in (Qualifier.RUND, Qualifier.CA):
            value = round_half_up(computed, places)
        elif q in (Qualifier.KNAPP, Qualifier.BIS_ZU):
            value = _rounded(computed, places, ROUND_CEILING)
        else:
            value = _rounded(computed, places, ROUND_FLOOR)
        near = abs(computed - value) <= APPROXIMATION_TOLERANCE * abs(value)
        rounding = q not in (Qualifier.RUND, Qualifier.CA) or near
        if value != 0 and rounding and holds(q, value, places, computed):
            # "knapp 290" for exactly 290 would say less than there is: the word goes
            word = "" if q is Qualifier.KNAPP and value == computed else written.word
            return Shown(written.text(word, value, places), value, places, held)
    places = max(finest, 0)
    value = round_half_up(computed, places)
    return Shown(written.text("", value, places), value, places, held)
