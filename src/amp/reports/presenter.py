"""One way to show findings and problems: the same words and separators in the terminal,
the HTML/PDF report, the web screens and JSON.

The presenter turns a `Finding` or a `Problem` into plain strings (German formatted
numbers, the place joined with ` › `, the figures joined with ` · `); it knows nothing of
Rich, HTML or Django. The terminal only styles these strings, the templates only place
them. The JSON shape is documented in docs/befehle.md („Ausgabe als JSON“).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amp.core import formatting
from amp.core.edit import format_path
from amp.core.findings import Finding, ModelPath, Severity, consequence_note
from amp.core.problems import Problem

WHERE_SEPARATOR = " › "  # between the parts of a place: table › row › column
FIGURES_SEPARATOR = " · "  # between printed, computed and difference
NO_FINDINGS = "Keine Befunde: alle nachgerechneten Zahlen stimmen."


@dataclass(frozen=True, slots=True)
class ShownFinding:
    """A finding as every output shows it; empty strings where a part does not apply."""

    number: int
    severity: str  # "Fehler", "Warnung", "Hinweis"
    is_error: bool
    rule: str
    where: str  # "Finanzplanung › Vermittlungsgutschein › Planung"
    message: str
    printed: str
    computed: str
    difference: str
    note: str = ""  # "Folgefehler von: …", empty for a root cause

    @property
    def figures(self) -> str:
        """ "gedruckt: … · berechnet: … · Differenz: …", or "" for a finding without figures."""
        if not (self.printed or self.computed):
            return ""
        parts = [f"gedruckt: {self.printed}", f"berechnet: {self.computed}"]
        if self.difference:
            parts.append(f"Differenz: {self.difference}")
        return FIGURES_SEPARATOR.join(parts)


def finding_where(finding: Finding) -> str:
    location = finding.location
    return WHERE_SEPARATOR.join(p for p in (location.table, location.row, location.column) if p)


def shown_finding(finding: Finding, number: int = 1) -> ShownFinding:
    unit = finding.unit
    difference = (
        finding.printed - finding.computed
        if finding.printed is not None and finding.computed is not None
        else None
    )
    return ShownFinding(
        number=number,
        severity=finding.severity.value,
        is_error=finding.severity is Severity.ERROR,
        rule=finding.rule,
        where=finding_where(finding),
        message=finding.message,
        printed=formatting.number(finding.printed, unit),
        computed=formatting.number(finding.computed, unit),
        difference=formatting.signed(difference, unit),
        note=consequence_note(finding, WHERE_SEPARATOR),
    )


def shown_findings(findings: Sequence[Finding]) -> list[ShownFinding]:
    return [shown_finding(f, number) for number, f in enumerate(findings, start=1)]


# singular and plural of the counted words
PLURALS = {
    "Befund": "Befunde",
    "Problem": "Probleme",
    "Fehler": "Fehler",
    "Warnung": "Warnungen",
    "Hinweis": "Hinweise",
    "Folgefehler": "Folgefehler",
    "Zeile": "Zeilen",
    "Änderung": "Änderungen",
    "Stelle": "Stellen",
}


def counted(n: int, word: str) -> str:
    """ "1 Befund", "2 Befunde", "0 Befunde": the number with the word in the right form."""
    return f"{formatting.count(n)} {word if n == 1 else PLURALS[word]}"


def findings_summary(findings: Sequence[Finding]) -> str:
    """ "12 Befunde (2 Fehler, 10 Hinweise)", or the sentence that there are none."""
    if not findings:
        return NO_FINDINGS
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    summary = ", ".join(counted(n, s.value) for s, n in counts.items() if n)
    consequences = sum(1 for f in findings if f.consequence_of)
    if consequences:
        summary += f"; davon {consequences} Folgefehler"
    return f"{counted(len(findings), 'Befund')} ({summary})"


def findings_sentence(findings: Sequence[Finding]) -> str:
    """Where the report's appendix stands, in a sentence that reads right for any count."""
    if not findings:
        return "Die Prüfung hat keine Befunde ergeben."
    if len(findings) == 1:
        return "Der Anhang nennt den einen Befund der Prüfung."
    return f"Der Anhang listet alle {counted(len(findings), 'Befund')} der Prüfung."


def problem_count(problems: Sequence[Problem]) -> str:
    return counted(len(problems), "Problem")


def problems_heading(problems: Sequence[Problem], what: str, nothing_written: bool = False) -> str:
    """ "Der Plan kann nicht gelesen werden (2 Probleme):" for `what` = "Der Plan"."""
    tail = "; nichts wurde geschrieben" if nothing_written else ""
    return f"{what} ({problem_count(problems)}){tail}:"


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """One line per problem: "place: message"."""
    return [str(p) for p in problems]


# --- JSON ---------------------------------------------------------------------------------

Locate = Callable[[ModelPath], tuple[Path, int | None, ModelPath]]


def finding_json(finding: Finding, locate: Locate | None = None) -> dict[str, Any]:
    """A finding in the JSON shape of `amp check --format json` (see docs/befehle.md)."""
    location = finding.location
    place: dict[str, Any] = {
        "table": location.table,
        "row": location.row,
        "column": location.column,
    }
    if locate is not None:
        file, line, inner = locate(location.path)
        place |= {"file": str(file), "line": line, "path": format_path(inner)}
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "location": place,
        "printed": None if finding.printed is None else str(finding.printed),
        "computed": None if finding.computed is None else str(finding.computed),
        "unit": finding.unit.value,
        "message": finding.message,
        "id": finding.id,
        "consequence_of": [cause.id for cause in finding.consequence_of],
        "note": consequence_note(finding, WHERE_SEPARATOR),
    }


def problem_json(problem: Problem) -> dict[str, Any]:
    """A problem in the JSON shape: its place's parts, the place as text, the message."""
    return dict(problem.as_dict())
