"""Read an Online-Fallclearing questionnaire (questions, texts, triage) from YAML.

The file shipped with amp is `amp/web/fallclearing/questionnaire/fragebogen.yaml`; the
Steuerung uploads changed versions through the web (untrusted: no YAML aliases).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amp.core.clearing.profile import ProfileRule, rules_from_data
from amp.core.clearing.questionnaire import Questionnaire, from_data
from amp.core.clearing.triage import Triage, triage_from_data
from amp.core.problems import InputProblems, Place, Problem
from amp.io.yaml_source import YamlError, parse_yaml

SHIPPED = Path(__file__).resolve().parent.parent / "web" / "fallclearing" / "questionnaire"
DEFAULT_FILE = SHIPPED / "fragebogen.yaml"
MAX_BYTES = 1024 * 1024  # a questionnaire with five languages has some 60 KB


@dataclass(frozen=True)
class ClearingDocument:
    data: dict[str, Any]  # what is stored: the parsed mapping, JSON-safe
    questionnaire: Questionnaire
    triage: Triage
    finder: tuple[ProfileRule, ...] = ()  # what the answers tell the offer finder


def document_from_data(data: Any, file: str | None = None) -> ClearingDocument:
    """Questionnaire, triage and finder rules of one mapping; all problems at once."""
    questionnaire = from_data(data, file)
    problems: list[Problem] = []
    try:
        triage = triage_from_data(data.get("triage"), questionnaire, file)
    except InputProblems as exc:
        problems.extend(exc.problems)
    try:
        finder = rules_from_data(data.get("finder"), questionnaire, file)
    except InputProblems as exc:
        problems.extend(exc.problems)
    if problems:
        raise InputProblems(problems)
    return ClearingDocument(dict(data), questionnaire, triage, finder)


def parse_document(text: str, name: str, trusted: bool = False) -> ClearingDocument:
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputProblems([Problem(Place(file=name), "Datei größer als 1 MB")])
    try:
        parsed = parse_yaml(text, Path(name), trusted=trusted)
    except YamlError as exc:
        raise InputProblems([Problem(Place(file=name, line=exc.line), exc.message)]) from exc
    return document_from_data(_plain(parsed.data), name)


def read_document(file: Path = DEFAULT_FILE) -> ClearingDocument:
    return parse_document(file.read_text(encoding="utf-8"), file.name, trusted=True)


def _plain(value: Any) -> Any:
    """JSON-safe: numbers from YAML (Decimal) become int or str."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (str, bool, int)) or value is None:
        return value
    return str(value)
