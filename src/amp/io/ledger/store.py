"""The `vollzug/` directory of a plan: the ledger as files the CLI reads and writes.

    vollzug/vollzug.yaml    year, Stand, tolerance, account mapping, funds, plan changes,
                            Verpflichtungsermächtigung, plans of earlier years
    vollzug/spalten.yaml    the saved column mapping of the finance system's exports
    vollzug/buchungen.csv   bookings (amp's own columns, ISO dates, points as decimals)
    vollzug/bindungen.csv   commitments, one row per month of their payment plan

The plan lines come from the plan itself; the JobPerspektive line(s) form their own fund.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any

import yaml

from amp.core.edit import format_path
from amp.core.findings import ModelPath
from amp.core.ledger.model import (
    AccountMapping,
    Booking,
    Commitment,
    Fund,
    FundEntry,
    FundEntryKind,
    Ledger,
    LedgerLine,
    MappingRule,
    PlanChange,
)
from amp.core.ledger.position import Tolerance
from amp.core.plan import Plan
from amp.core.problems import InputProblems, Place, Problem
from amp.io.ledger import values
from amp.io.ledger.readers import (
    BOOKING_FIELDS,
    COMMITMENT_FIELDS,
    read_bookings,
    read_commitments,
)
from amp.io.yaml_source import YamlDocument, YamlError, read_yaml

CONFIG = "vollzug.yaml"
COLUMNS = "spalten.yaml"
BOOKINGS = "buchungen.csv"
COMMITMENTS = "bindungen.csv"
JOBPERSPEKTIVE_INSTRUMENTS = frozenset({"jobperspektive"})


@dataclass(frozen=True, slots=True)
class LedgerConfig:
    year: int
    stand: date
    tolerance: Tolerance = field(default_factory=Tolerance)
    mapping: AccountMapping = field(default_factory=AccountMapping)
    funds: tuple[FundEntry, ...] = ()
    plan_changes: tuple[PlanChange, ...] = ()
    authority: dict[int, Decimal] = field(default_factory=dict)
    earlier_plans: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    jobperspektive_lines: tuple[str, ...] = ()
    pat_line: str = "taam"  # the § 16i line whose plan includes the PAT forecast


@dataclass(frozen=True, slots=True)
class LedgerDirectory:
    directory: Path
    plan: Plan
    config: LedgerConfig
    ledger: Ledger
    columns: dict[str, dict[str, str]]  # "buchungen"/"bindungen" → field → header


class _Config:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def problem(self, path: ModelPath, message: str) -> None:
        self.problems.append(
            Problem(
                Place(
                    file=str(self.document.file),
                    line=self.document.line_of(path),
                    path=format_path(path),
                ),
                message,
            )
        )

    def value(self, data: Mapping[str, Any], path: ModelPath, key: str, parse: Any) -> Any:
        try:
            return parse(data.get(key))
        except values.ValueProblem as exc:
            self.problem((*path, key), str(exc))
            return None

    def items(self, key: str) -> list[tuple[ModelPath, Mapping[str, Any]]]:
        raw = (self.document.data or {}).get(key) or []
        if not isinstance(raw, list):
            self.problem((key,), "hier wird eine Liste erwartet")
            return []
        result: list[tuple[ModelPath, Mapping[str, Any]]] = []
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                result.append(((key, index), item))
            else:
                self.problem((key, index), "hier wird ein Abschnitt mit Schlüsseln erwartet")
        return result


def _yaml_problem(exc: YamlError) -> InputProblems:
    return InputProblems([Problem(Place(file=str(exc.file), line=exc.line), exc.message)])


def _required_text(value: object) -> str:
    text = values.text(value)
    if text is None:
        raise values.ValueProblem("leer, ein Wert wird gebraucht")
    return text


def _choice(options: Mapping[str, Any]) -> Any:
    def parse(value: object) -> Any:
        text = str(value or "").strip()
        if text not in options:
            raise values.ValueProblem(f"„{text}“ ist nicht erlaubt ({', '.join(options)})")
        return options[text]

    return parse


def read_config(directory: Path, plan: Plan) -> LedgerConfig:
    file = directory / CONFIG
    try:
        document = read_yaml(file)
    except YamlError as exc:
        raise _yaml_problem(exc) from None
    data = document.data or {}
    reader = _Config(document)
    if not isinstance(data, dict):
        reader.problem((), "die Datei muss Schlüssel wie „stand:“ enthalten")
        raise InputProblems(reader.problems)
    lines = {line.id for line in plan.budget.lines()}

    def line_id(value: object) -> str:
        text = _required_text(value)
        if text not in lines:
            raise values.ValueProblem(f"die Planzeile „{text}“ gibt es im Plan nicht")
        return text

    year = data.get("jahr", plan.year)
    stand = reader.value(data, (), "stand", values.day)
    tolerance_data = data.get("toleranz") or {}
    tolerance = Tolerance(
        None
        if tolerance_data.get("prozent") is None
        else reader.value(tolerance_data, ("toleranz",), "prozent", values.amount),
        None
        if tolerance_data.get("betrag") is None
        else reader.value(tolerance_data, ("toleranz",), "betrag", values.amount),
    )
    rules = []
    for path, item in reader.items("kontenzuordnung"):
        account = reader.value(item, path, "konto", _required_text)
        target = reader.value(item, path, "zeile", line_id)
        if account is not None and target is not None:
            rules.append(MappingRule(account, target, values.text(item.get("kostenstelle"))))
    funds = []
    for path, item in reader.items("mittel"):
        entry = (
            reader.value(item, path, "id", _required_text),
            reader.value(item, path, "datum", values.day),
            reader.value(item, path, "topf", _choice({f.value: f for f in Fund} | {"": Fund.EGT})),
            reader.value(item, path, "art", _choice({k.value: k for k in FundEntryKind})),
            reader.value(item, path, "betrag", values.amount),
        )
        if None not in entry:
            funds.append(FundEntry(*entry, note=values.text(item.get("notiz"))))
    changes = []
    for path, item in reader.items("fortschreibungen"):
        change = (
            reader.value(item, path, "id", _required_text),
            reader.value(item, path, "datum", values.day),
            reader.value(item, path, "zeile", line_id),
            reader.value(item, path, "betrag", values.amount),
        )
        if None not in change:
            changes.append(PlanChange(*change, note=values.text(item.get("notiz"))))
    authority: dict[int, Decimal] = {}
    for key, amount in (data.get("verpflichtungsermaechtigung") or {}).items():
        parsed = reader.value(
            {"v": amount}, ("verpflichtungsermaechtigung", str(key)), "v", values.amount
        )
        if parsed is not None:
            authority[int(key)] = parsed
    earlier: dict[int, dict[str, Decimal]] = {}
    for key, amounts in (data.get("planungen") or {}).items():
        for line, amount in (amounts or {}).items():
            path = ("planungen", str(key))
            known = reader.value({"z": line}, path, "z", line_id)
            parsed = reader.value({"b": amount}, (*path, str(line)), "b", values.amount)
            if known is not None and parsed is not None:
                earlier.setdefault(int(key), {})[known] = parsed
    jp = data.get("jobperspektive_zeilen")
    jp_lines = tuple(
        line.id
        for line in plan.budget.lines()
        if (
            line.id in jp if isinstance(jp, list) else line.instrument in JOBPERSPEKTIVE_INSTRUMENTS
        )
    )
    if reader.problems:
        raise InputProblems(reader.problems)
    return LedgerConfig(
        int(year),
        stand,
        tolerance,
        AccountMapping(tuple(rules)),
        tuple(funds),
        tuple(changes),
        authority,
        earlier,
        jp_lines,
        str(data.get("pat_zeile", "taam")),
    )


def ledger_lines(plan: Plan, jobperspektive: Iterable[str]) -> tuple[LedgerLine, ...]:
    jp = set(jobperspektive)
    mandatory = {i.id for i in plan.instruments if i.mandatory}
    return tuple(
        LedgerLine(
            line.id,
            line.name,
            line.instrument,
            Fund.JOBPERSPEKTIVE if line.id in jp else Fund.EGT,
            line.instrument in mandatory,
            group.id,
        )
        for group in plan.budget.groups
        for line in group.lines
    )


def plan_amounts(plan: Plan, config: LedgerConfig) -> dict[int, dict[str, Decimal]]:
    plans: dict[int, dict[str, Decimal]] = {y: dict(a) for y, a in config.earlier_plans.items()}
    current: dict[str, Decimal] = {}
    previous: dict[str, Decimal] = {}
    for line in plan.budget.lines():
        current[line.id] = line.amounts.plan or Decimal(0)
        if line.amounts.plan_prev is not None:
            previous[line.id] = line.amounts.plan_prev
    pat = plan.funding.year(plan.year) if plan.funding else None
    if pat is not None and pat.pat and config.pat_line in current:
        # the PAT forecast is planned spending of the § 16i line (the plan's balance:
        # "geplante Ausgaben PAT-Mittel für § 16i SGB II")
        current[config.pat_line] += pat.pat
    plans[plan.year] = current
    plans.setdefault(plan.year - 1, previous)
    return plans


def read_columns(directory: Path) -> dict[str, dict[str, str]]:
    file = directory / COLUMNS
    if not file.exists():
        return {}
    try:
        data = read_yaml(file).data or {}
    except YamlError as exc:
        raise _yaml_problem(exc) from None
    return {str(k): {str(f): str(h) for f, h in (v or {}).items()} for k, v in data.items()}


def load_ledger(directory: Path, plan: Plan) -> LedgerDirectory:
    """Reads the ledger directory of `plan`; raises InputProblems with every problem."""
    if not (directory / CONFIG).is_file():
        raise InputProblems(
            [Problem(Place(file=str(directory / CONFIG)), "Die Vollzugsdatei fehlt.")]
        )
    config = read_config(directory, plan)
    problems: list[Problem] = []
    bookings: tuple[Booking, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    if (directory / BOOKINGS).exists():
        result = read_bookings(directory / BOOKINGS)
        problems.extend(result.refused)
        bookings = result.records
    if (directory / COMMITMENTS).exists():
        result_c = read_commitments(directory / COMMITMENTS)
        problems.extend(result_c.refused)
        commitments = result_c.records
    if problems:
        raise InputProblems(problems)
    ledger = Ledger(
        lines=ledger_lines(plan, config.jobperspektive_lines),
        plans=plan_amounts(plan, config),
        bookings=bookings,
        commitments=commitments,
        funds=config.funds,
        mapping=config.mapping,
        plan_changes=config.plan_changes,
        commitment_authority=config.authority,
    )
    return LedgerDirectory(directory, plan, config, ledger, read_columns(directory))


def _atomic_write(file: Path, write: Any) -> None:
    """Writes through a temporary file and renames it: a file is whole or unchanged."""
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            write(out)
        os.replace(name, file)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _iso(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def write_bookings(file: Path, bookings: Iterable[Booking]) -> None:
    days: dict[date, str] = {}  # bookings share few days: format each once

    def row(b: Booking) -> list[str]:
        day = days.get(b.day) or days.setdefault(b.day, b.day.isoformat())
        return [
            b.id,
            day,
            str(b.amount),
            b.account,
            b.cost_center or "",
            b.measure or "",
            b.commitment or "",
            "ja" if b.one_off else "",
            b.text or "",
        ]

    def write(out: Any) -> None:
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow([f.label for f in BOOKING_FIELDS])
        writer.writerows(map(row, sorted(bookings, key=attrgetter("day", "id"))))

    _atomic_write(file, write)


def write_commitments(file: Path, commitments: Iterable[Commitment]) -> None:
    def write(out: Any) -> None:
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow([f.label for f in COMMITMENT_FIELDS])
        for c in sorted(commitments, key=lambda c: c.id):
            for month, amount in sorted(c.payments.items()):
                writer.writerow(
                    [
                        c.id,
                        c.line,
                        c.day.isoformat(),
                        c.status.value,
                        str(month),
                        str(amount),
                        c.measure or "",
                        _iso(c.closed_on),
                    ]
                )

    _atomic_write(file, write)


def write_columns(directory: Path, columns: Mapping[str, Mapping[str, str]]) -> None:
    def write(out: Any) -> None:
        out.write("# Spaltenzuordnung der Exporte aus dem Finanzsystem (Feld: Spaltenkopf)\n")
        yaml.safe_dump(
            {k: dict(v) for k, v in columns.items()}, out, allow_unicode=True, sort_keys=True
        )

    _atomic_write(directory / COLUMNS, write)


def add_plan_changes(directory: Path, changes: Iterable[PlanChange]) -> list[str]:
    """Appends Fortschreibungen to vollzug.yaml (its leading comment kept); returns the ids
    that were already there and so were not added again."""
    file = directory / CONFIG
    text = file.read_text(encoding="utf-8")
    header = ""
    for line in text.splitlines(keepends=True):  # the leading comment block stays
        if not line.startswith("#"):
            break
        header += line
    data = yaml.safe_load(text) or {}
    existing = data.setdefault("fortschreibungen", []) or []
    known = {str(item.get("id")) for item in existing if isinstance(item, dict)}
    skipped = []
    for change in changes:
        if change.id in known:
            skipped.append(change.id)
            continue
        entry: dict[str, object] = {
            "id": change.id,
            "datum": change.day.isoformat(),
            "zeile": change.line,
            "betrag": str(change.amount),
        }
        if change.note:
            entry["notiz"] = change.note
        existing.append(entry)
    data["fortschreibungen"] = existing

    def write(out: Any) -> None:
        out.write(header)
        yaml.safe_dump(data, out, allow_unicode=True, sort_keys=False, width=100)

    _atomic_write(file, write)
    return skipped
