"""Yearly integration targets: Jahresfortschrittswert, progress and a simple projection.

Jahresfortschrittswert (BIAJ): integrations from January to the reporting month divided by
the average eLb stock of the corresponding months before (December .. month before), in %.
Projection: the integrations so far divided by the share that January .. same month had in
the whole previous year (carries last year's seasonal pattern); without a complete previous
year the count is extrapolated linearly (so far / months * 12).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from amp.core.problems import Problem
from amp.kpi.engines import BaseData
from amp.kpi.figures import round_percent
from amp.kpi.inputs import InputError, file_problem
from amp.kpi.params import Params
from amp.kpi.schema import month_text

TARGET_COLUMNS = ("jobcenter", "jahr", "integrationen")


@dataclass(frozen=True)
class Target:
    jobcenter: str
    year: int
    integrations: int


@dataclass(frozen=True)
class Progress:
    jobcenter: str
    month: str
    target: int
    achieved: int
    progress: Decimal | None
    """achieved / target in %."""
    jfw: Decimal | None
    """Jahresfortschrittswert in %."""
    projection: int | None
    projection_method: str
    reason: str | None = None


def read_targets(path: Path) -> list[Target]:
    """CSV with columns jobcenter, jahr, integrationen; German errors with row numbers."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError([file_problem(str(path), None, None, f"nicht lesbar: {exc}")]) from exc
    missing = [c for c in TARGET_COLUMNS if c not in header]
    if missing:
        raise InputError([file_problem(str(path), None, c, "Pflichtspalte fehlt") for c in missing])
    targets: list[Target] = []
    problems: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for number, row in enumerate(rows, start=2):
        try:
            year = int(row["jahr"])
        except (TypeError, ValueError):
            problems.append(file_problem(str(path), number, "jahr", "keine Jahreszahl"))
            continue
        try:
            value = int(row["integrationen"])
            if value <= 0:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(
                file_problem(str(path), number, "integrationen", "keine positive ganze Zahl")
            )
            continue
        key = (row["jobcenter"].strip(), year)
        if key in seen:
            problems.append(
                file_problem(str(path), number, None, "doppeltes Ziel für Jobcenter und Jahr")
            )
            continue
        seen.add(key)
        targets.append(Target(key[0], year, value))
    if problems:
        raise InputError(problems)
    return targets


def progress(data: BaseData, target: Target, month: int, params: Params) -> Progress:
    label = month_text(month)
    year = month // 12
    jc = target.jobcenter
    none = Progress(jc, label, target.integrations, 0, None, None, None, "")
    if year != target.year:
        return _why(none, f"Berichtsmonat {label} liegt nicht im Zieljahr {target.year}")
    january = year * 12
    if january - 1 < data.first_month:
        return _why(none, f"Daten ab Dezember {year - 1} fehlen")
    if month + params.waiting_months > data.last_month:
        return _why(none, f"Wartezeit für {label} noch nicht abgelaufen")
    months = range(january, month + 1)
    achieved = int(sum(data.get("int__insgesamt", jc, m) for m in months))
    stock = sum(data.get("elb_n__insgesamt", jc, m - 1) for m in months)
    jfw = None
    if stock:
        jfw = round_percent(Decimal(achieved) * len(months) * 100 / Decimal(stock))
    share = round_percent(Decimal(achieved) * 100 / target.integrations)
    previous = range(january - 12, january)
    if previous.start - 1 >= data.first_month:
        prev_year = sum(data.get("int__insgesamt", jc, m) for m in previous)
        prev_part = sum(data.get("int__insgesamt", jc, m - 12) for m in months)
        if prev_year and prev_part:
            projection = round(Decimal(achieved) * prev_year / prev_part)
            return Progress(
                jc,
                label,
                target.integrations,
                achieved,
                share,
                jfw,
                int(projection),
                "Verlauf des Vorjahres",
            )
    projection = round(Decimal(achieved) * 12 / len(months))
    return Progress(jc, label, target.integrations, achieved, share, jfw, int(projection), "linear")


def _why(base: Progress, reason: str) -> Progress:
    return Progress(
        base.jobcenter,
        base.month,
        base.target,
        0,
        None,
        None,
        None,
        "",
        f"nicht berechenbar: {reason}",
    )
