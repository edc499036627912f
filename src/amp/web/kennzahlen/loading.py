"""Compute the figures of a microdata directory once (DuckDB) and store them per Jobcenter.

Which Jobcenter of the data is which Jobcenter of the database: an explicit mapping
(`EN=jc-en`) wins; otherwise the Kennung is the data's id itself, the id in lower case, or,
as with the synthetic data (`EN`) and the example plan (`jc-en`), `jc-` plus the id in
lower case.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from django.db import transaction
from django.utils import timezone

import amp
from amp.kpi.engines import BaseData, compute_duckdb
from amp.kpi.figures import latest_month
from amp.kpi.inputs import InputError, locate
from amp.kpi.params import Params
from amp.kpi.schema import month_index, month_text
from amp.web.kennzahlen.models import Calculation, MonthlyFigures
from amp.web.kennzahlen.stored import figures_json, series_json
from amp.web.plans.models import Jobcenter

DEFAULT_MONTHS = "24"
MONTH = r"\d{4}-(?:0[1-9]|1[0-2])"
RANGE_RE = re.compile(rf"^({MONTH})(?:\.\.({MONTH}))?$")


class LoadError(Exception):
    """Nothing was stored; the message is German and names the cause."""


@dataclass(frozen=True)
class LoadSummary:
    calculation: Calculation
    jobcenters: dict[str, str]
    """data id -> Kennung of the Jobcenter it was stored for"""
    unmatched: list[str]
    """data ids without a Jobcenter in the database (not stored)"""
    months: list[str]


def parse_months(spec: str) -> int | tuple[int, int]:
    """ "24": a count of months up to the newest reporting month past the waiting time;
    "2024-06" or "2024-01..2024-09": exactly those months (first, last)."""
    spec = spec.strip()
    if spec.isdigit():
        if int(spec) < 1:
            raise LoadError("--months: mindestens ein Monat")
        return int(spec)
    match = RANGE_RE.match(spec)
    if match is None:
        raise LoadError(
            f"--months „{spec}“ ist ungültig: erwartet eine Anzahl (z. B. 24), "
            "einen Monat JJJJ-MM oder einen Bereich JJJJ-MM..JJJJ-MM"
        )
    first = month_index(match.group(1))
    last = month_index(match.group(2) or match.group(1))
    if last < first:
        raise LoadError(f"--months „{spec}“: der Bereich endet vor seinem Anfang")
    return first, last


def reporting_months(spec: str, data: BaseData, params: Params) -> list[int]:
    """The months `spec` names, without those outside the data (nothing is computable)."""
    chosen = parse_months(spec)
    if isinstance(chosen, int):
        latest = latest_month(data, params)
        chosen = (latest - chosen + 1, latest)
    first, last = chosen
    months = [m for m in range(first, last + 1) if data.first_month <= m <= data.last_month]
    if not months:
        raise LoadError(
            f"--months „{spec}“: kein Monat liegt in den Daten "
            f"({month_text(data.first_month)} bis {month_text(data.last_month)})"
        )
    return months


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """["EN=jc-en", ...] -> {"EN": "jc-en"}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        data_id, sep, code = pair.partition("=")
        if not sep or not data_id.strip() or not code.strip():
            raise LoadError(f"--jobcenter „{pair}“ ist ungültig: erwartet DATEN-ID=KENNUNG")
        mapping[data_id.strip()] = code.strip()
    return mapping


def match_jobcenters(
    data_ids: list[str], mapping: dict[str, str]
) -> tuple[dict[str, Jobcenter], list[str]]:
    unknown = sorted(set(mapping) - set(data_ids))
    if unknown:
        raise LoadError(f"--jobcenter: {', '.join(unknown)} kommt in den Daten nicht vor")
    by_code = {jc.code: jc for jc in Jobcenter.objects.all()}
    matched: dict[str, Jobcenter] = {}
    unmatched: list[str] = []
    for data_id in data_ids:
        if data_id in mapping:
            code = mapping[data_id]
            if code not in by_code:
                raise LoadError(f"--jobcenter {data_id}={code}: es gibt kein Jobcenter „{code}“")
            matched[data_id] = by_code[code]
            continue
        candidates = (data_id, data_id.lower(), f"jc-{data_id.lower()}")
        found = next((by_code[c] for c in candidates if c in by_code), None)
        if found is None:
            unmatched.append(data_id)
        else:
            matched[data_id] = found
    return matched, unmatched


def fingerprint(input_dir: Path) -> str:
    """SHA-256 over the names and contents of the input files the engine reads."""
    digest = hashlib.sha256()
    for name, path in sorted(locate(input_dir).files.items()):
        digest.update(f"{name}:{path.name}:{path.stat().st_size}\n".encode())
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def compute(input_dir: Path, params: Params) -> BaseData:
    try:
        return compute_duckdb(input_dir, params)
    except InputError as exc:
        problems = "\n".join(f"• {p}" for p in exc.problems)
        raise LoadError(f"Die Eingabedaten sind fehlerhaft:\n{problems}") from None
    except (duckdb.Error, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LoadError(f"Die Berechnung ist abgebrochen: {first}") from None


def _same_calculation(input_print: str, description: dict[str, Any]) -> Calculation | None:
    """An earlier calculation of the same input with the same engine and parameters."""
    candidates = Calculation.objects.filter(
        fingerprint=input_print, engine=description["engine"]
    ).order_by("pk")
    return next((c for c in candidates if c.parameters == description["parameters"]), None)


def load(
    input_dir: Path,
    months: str = DEFAULT_MONTHS,
    mapping: dict[str, str] | None = None,
    label: str = "",
    params: Params | None = None,
) -> LoadSummary:
    """Compute, then store everything in one transaction; loading the same input again
    replaces the stored months with identical ones (and reuses the calculation)."""
    params = params or Params()
    parse_months(months)  # a typo is reported before the computation, not after it
    data = compute(input_dir, params)
    wanted = reporting_months(months, data, params)
    matched, unmatched = match_jobcenters(data.jobcenters, mapping or {})
    if not matched:
        raise LoadError(
            "Kein Jobcenter der Daten ("
            + ", ".join(data.jobcenters)
            + ") gibt es in der Datenbank; Zuordnung mit --jobcenter DATEN-ID=KENNUNG"
        )
    input_print = fingerprint(input_dir)
    description: dict[str, Any] = {
        "source": str(input_dir),
        "label": label,
        "engine": f"DuckDB {duckdb.__version__}",
        "software": f"amp {amp.__version__}",
        "parameters": {
            "wartezeit_monate": params.waiting_months,
            "nenner_versatz_monate": params.denominator_offset,
            "mindestfallzahl": params.min_cell,
        },
        "first_month": month_text(data.first_month),
        "last_month": month_text(data.last_month),
        "day_precise_lzb": data.has_spells,
    }
    with transaction.atomic():
        calculation = _same_calculation(input_print, description) or Calculation(
            fingerprint=input_print
        )
        for field, value in description.items():
            setattr(calculation, field, value)
        calculation.computed_at = timezone.now()
        calculation.save()
        for data_id, jobcenter in matched.items():
            for month in wanted:
                MonthlyFigures.objects.update_or_create(
                    jobcenter=jobcenter,
                    month=month_text(month),
                    defaults={
                        "calculation": calculation,
                        "figures": figures_json(data, data_id, month, params),
                        "series": series_json(data, data_id, month),
                    },
                )
        Calculation.objects.filter(months__isnull=True).delete()
    return LoadSummary(
        calculation,
        {data_id: jc.code for data_id, jc in matched.items()},
        unmatched,
        [month_text(m) for m in wanted],
    )
