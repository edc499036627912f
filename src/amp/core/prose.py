"""What the prose of a plan says besides figures: statements of law, and the figures amp
does not check, each with the reason.

A legal statement records a sentence that states the law, how the law actually reads and
where it says so; a check points the reader to statements whose wording the law does not
bear. Figures of the prose that no table of the plan holds are listed with the reason, so a
reader can see that every number of the text was looked at.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LegalStatement:
    id: str
    section: str  # where it stands, e.g. "5.4 Sozialer Arbeitsmarkt"
    quote: str  # the sentence as printed
    law: str | None = None  # how the law reads, where it differs from the sentence; None: it holds
    source: str = ""  # the norm and where it is found


@dataclass(frozen=True, slots=True)
class UncheckedFigure:
    quote: str
    section: str
    reason: str  # why amp does not check it


@dataclass(frozen=True, slots=True)
class Prose:
    legal_statements: tuple[LegalStatement, ...] = ()
    unchecked_figures: tuple[UncheckedFigure, ...] = ()
