"""The alerts of a Stand (Warnungen): what a controller has to look at, worst first.

* a line that will run short: its forecast exceeds its plan (Fehler);
* a line that will stay over: its forecast leaves more than a quarter of its plan unspent
  (Warnung) — money that could fund places;
* a line whose actual and open commitments already exceed its plan, i.e. its free amount
  is negative: the availability check fails for it (Fehler beyond the tolerance, Warnung
  within);
* a line ahead of or behind its usual pace (Hinweis);
* what the position itself reports: accounts without a line, bookings naming unknown
  commitments, commitments naming unknown lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from amp.core.findings import Severity
from amp.core.ledger.position import PACE_LABELS, Pace, Tolerance
from amp.core.ledger.steering import Light, Steering
from amp.core.ledger.text import eur
from amp.core.money import ZERO

# a line whose forecast leaves more than this share of its plan unspent "stays over"
UNSPENT_SHARE = Decimal("0.25")


class AlertKind(StrEnum):
    SHORT = "knapp"
    OVER = "ueber"
    AVAILABILITY = "verfuegbarkeit"
    PACE = "tempo"
    UNMAPPED = "konto"
    OTHER = "sonstiges"


ALERT_LABELS = {
    AlertKind.SHORT: "reicht nicht",
    AlertKind.OVER: "bleibt übrig",
    AlertKind.AVAILABILITY: "Verfügbarkeitsprüfung",
    AlertKind.PACE: "Tempo",
    AlertKind.UNMAPPED: "Konto ohne Zuordnung",
    AlertKind.OTHER: "Buchungen und Bindungen",
}

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


@dataclass(frozen=True, slots=True)
class Alert:
    severity: Severity
    kind: AlertKind
    message: str
    line: str | None = None  # the plan line it concerns, where there is one


def alerts(s: Steering, tolerance: Tolerance | None = None) -> tuple[Alert, ...]:
    """Every alert of the Stand: errors first, then warnings, then notes; within each in
    the order of the plan's lines."""
    tolerance = tolerance or Tolerance()
    result: list[Alert] = []
    for p in s.position.lines:
        now, f = p.current, s.forecasts[p.line]
        light = s.light(p.line)
        if light is Light.RED:
            result.append(
                Alert(
                    Severity.ERROR,
                    AlertKind.SHORT,
                    f"„{p.name}“ reicht voraussichtlich nicht: Hochrechnung {eur(f.point)} bei "
                    f"{eur(now.plan)} Planung, {eur(f.point - now.plan)} zu wenig.",
                    p.line,
                )
            )
        elif now.plan > ZERO and f.point < now.plan * (1 - UNSPENT_SHARE):
            result.append(
                Alert(
                    Severity.WARNING,
                    AlertKind.OVER,
                    f"In „{p.name}“ bleiben voraussichtlich {eur(now.plan - f.point)} von "
                    f"{eur(now.plan)} übrig (Hochrechnung {eur(f.point)}).",
                    p.line,
                )
            )
        if now.free < ZERO:
            excess = -now.free
            within = excess <= tolerance.limit(now.plan)
            result.append(
                Alert(
                    Severity.WARNING if within else Severity.ERROR,
                    AlertKind.AVAILABILITY,
                    f"In „{p.name}“ übersteigen Ist und offene Bindungen die Planung um "
                    f"{eur(excess)}"
                    + (" (innerhalb der Toleranz)." if within else " (über der Toleranz)."),
                    p.line,
                )
            )
        if p.pace in (Pace.AHEAD, Pace.BEHIND):
            usual = "" if p.usual_share is None else f" (üblich: {p.usual_share:.0f} %)"
            share = now.spent_share
            shown = "" if share is None else f"; abgeflossen {share:.0f} % der Planung"
            result.append(
                Alert(
                    Severity.NOTE,
                    AlertKind.PACE,
                    f"„{p.name}“ fließt {PACE_LABELS[p.pace]} ab{shown}{usual}.",
                    p.line,
                )
            )
    for finding in s.position.findings:
        kind = AlertKind.UNMAPPED if finding.rule == "vollzug.konto_ohne_zeile" else AlertKind.OTHER
        result.append(Alert(finding.severity, kind, finding.message))
    order = {p.line: i for i, p in enumerate(s.position.lines)}
    return tuple(
        sorted(
            result,
            key=lambda a: (_ORDER[a.severity], order.get(a.line or "", len(order))),
        )
    )
