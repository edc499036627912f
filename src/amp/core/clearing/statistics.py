"""Aggregates of the Online-Fallclearing for the Steuerung, with small cells suppressed.

Only counts and medians over many links leave this module; a count from 1 to
`MIN_CELL - 1` is shown as suppressed (None), and so is every rate or median computed
from such a count, so that no single applicant can be recognised.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from amp.core.clearing.questionnaire import Questionnaire

MIN_CELL = 5


def suppressed(count: int, minimum: int = MIN_CELL) -> int | None:
    """The count, or None where it is small enough to point to a person (1 to minimum-1)."""
    return None if 0 < count < minimum else count


@dataclass(frozen=True, slots=True)
class LinkFacts:
    """What the statistics know of one link: no answers, no person."""

    created: datetime
    expires: datetime
    started: datetime | None
    submitted: datetime | None
    last_question: str | None  # the last question shown before the person stopped


@dataclass(frozen=True, slots=True)
class Summary:
    sent: int | None
    started: int | None
    submitted: int | None
    response_rate: Decimal | None  # percent, one decimal
    median_hours: Decimal | None  # from link created to submitted, one decimal
    dropped: int | None  # expired without submission after starting
    dropoff: tuple[tuple[str, int | None], ...]  # question id → dropped there


def summarize(
    links: Iterable[LinkFacts], questionnaire: Questionnaire, now: datetime, minimum: int = MIN_CELL
) -> Summary:
    facts = list(links)
    sent = len(facts)
    started = sum(1 for f in facts if f.started is not None)
    done = [f for f in facts if f.submitted is not None]
    dropped = [f for f in facts if f.submitted is None and f.started and f.expires <= now]
    rate = None
    if suppressed(sent, minimum) and suppressed(len(done), minimum) is not None and sent:
        rate = (Decimal(len(done)) * 100 / Decimal(sent)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    hours = None
    if done and suppressed(len(done), minimum) is not None:
        seconds = median((f.submitted - f.created).total_seconds() for f in done if f.submitted)
        hours = (Decimal(str(seconds)) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    counts: dict[str, int] = {}
    for f in dropped:
        if f.last_question:
            counts[f.last_question] = counts.get(f.last_question, 0) + 1
    dropoff = tuple(
        (q.id, suppressed(counts.get(q.id, 0), minimum)) for q in questionnaire.questions
    )
    return Summary(
        sent=suppressed(sent, minimum),
        started=suppressed(started, minimum),
        submitted=suppressed(len(done), minimum),
        response_rate=rate,
        median_hours=hours,
        dropped=suppressed(len(dropped), minimum),
        dropoff=dropoff,
    )
