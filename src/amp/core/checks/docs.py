"""docs/pruefungen.md, generated from the catalogue of rules.

Run `python -m amp.core.checks.docs docs/pruefungen.md` after changing a rule; a test checks
that the committed file is current.
"""

from __future__ import annotations

import sys
from pathlib import Path

from amp.core.checks.catalogue import RULES

INTRO = """# Prüfungen

<!-- Erzeugt aus dem Regelkatalog (amp.core.checks.catalogue):
     python -m amp.core.checks.docs docs/pruefungen.md -->

`amp check` vergleicht jeden gedruckten Wert mit dem Wert, den die Daten ergeben. So steht
jeder falsche Wert als eigener Befund an seiner Stelle, und ein richtig gedruckter Wert wird
nie gemeldet.

Schweregrade: **Fehler** – eine Zahl des Plans stimmt nicht oder eine Regel ist verletzt
(`amp check` endet mit Exit-Code 1); **Warnung** – der Text widerspricht den Tabellen oder
dem Recht des Planjahres; **Hinweis** – zur Kenntnis: eine zweite Lesart, verwandte Zahlen,
die verschieden zählen, eine Rechtsaussage des Textes.

## Regeln

Die Regeln in der Reihenfolge, in der `amp check` sie anwendet. Zu jeder Regel gibt es in
`tests/core/checks/cases/` Fälle, in denen sie anschlägt und in denen sie schweigt.

| Regel | Schwere | prüft |
|---|---|---|
"""

OUTRO = """
## Ursachen und Folgefehler

Eine Summenzeile, die die gedruckten Teilsummen über ihr richtig addiert, wiederholt nur
deren Abweichung. amp probiert dafür die gedruckten Bausteine aus: zuerst die größte
gedruckte Summenzeile darin mit den übrigen Gruppen, dann die gedruckten Gruppensummen.
Ergibt eine dieser Zusammensetzungen den gedruckten Wert, ist der Befund ein **Folgefehler**:
er nennt die Befunde, aus denen er folgt („Folgefehler von: …“), bis hinunter zur Ursache.
Ergibt keine den gedruckten Wert, ist die Zeile selbst eine **Ursache**; ihr Befund vergleicht
dann mit der Summe der gedruckten Gruppensummen, sodass die Differenz genau ihren eigenen
Fehler zeigt. Jede Ursache steht so einmal (je Spalte) als eigener Befund da.

## JSON

Die JSON-Ausgabe (`amp check PLAN --format json`) hat die Form

```json
{"plan": {…}, "findings": [{"rule": "sum.total", "severity": "Fehler",
  "location": {"table": "…", "row": "Gesamtsummen", "column": "…",
               "file": "…/budget.yaml", "line": 263, "path": "totals[2].printed.forecast_prev"},
  "printed": "18282016.90", "computed": "18336016.90", "unit": "€", "message": "…",
  "id": "sum.total@budget.totals[2].printed.forecast_prev",
  "consequence_of": ["sum.group@budget.groups[0].printed_total.forecast_prev"],
  "note": "Folgefehler von: Finanzplanung Eingliederungsmittel › … › …"}]}
```

Beträge stehen als Dezimalzeichenketten, damit kein Cent verloren geht. `id` ist Regel und
Stelle im Modell; `consequence_of` nennt die `id`s der Ursachen (leer: der Befund ist selbst
eine Ursache).
"""


def pruefungen_markdown() -> str:
    rows = [
        f"| `{rule.id}` | {rule.severity.value} | {rule.description.replace('|', '/')} |"
        for rule in RULES
    ]
    return INTRO + "\n".join(rows) + "\n" + OUTRO


def main(argv: list[str]) -> int:
    text = pruefungen_markdown()
    if len(argv) > 1:
        Path(argv[1]).write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
