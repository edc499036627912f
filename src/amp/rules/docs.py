"""Generate docs/recht.md from the parameter files, so the documentation never drifts."""

from __future__ import annotations

from amp.rules.describe import entry_cells, kind_text
from amp.rules.parameters import load_area, parameter_files

INTRO = """\
# Recht als Daten: die Rechtsparameter von amp

> Diese Datei wird aus `src/amp/rules/parameters/*.yaml` erzeugt
> (`amp rules docs --output docs/recht.md`). Nicht von Hand ändern; ein Test prüft,
> dass sie aktuell ist.

Jeder Wert, den amp aus dem Gesetz nimmt, steht genau einmal in einer YAML-Datei unter
`src/amp/rules/parameters/`: eine Datei je Instrument oder Bereich, ein Eintrag je
Änderung mit Datum, Wert, Fundstelle (§, Gesetz, BGBl. soweit bekannt) und Quelle. Ein
Plan für das Jahr J wird mit den Werten geprüft und gerechnet, die in J gelten.

- **Art**: *gesetzlich* (Gesetz oder Verordnung) oder *Verwaltungsregel* (Weisung,
  Haushaltsvermerk, Praxis der BA) – Verwaltungsregeln sind getrennt ausgewiesen.
- **Datum bestätigt: nein** heißt: Wert belegt, Datum des Inkrafttretens aber nicht aus dem
  Bundesgesetzblatt bestätigt, oder der Wert ist eine Schlussfolgerung (siehe Hinweis).
- **entfällt**: die Regel endet an diesem Tag (Eintrag mit `value: null`).
- **Zuständigkeit** (`responsible:`): zahlt das Jobcenter eine Leistung nur zeitweise für
  erwerbsfähige Leistungsberechtigte, nennt der Parameter den Parameter, der das sagt
  (Wert 1, solange das Jobcenter zuständig ist). Beispiel: Weiterbildungsgeld und
  -prämien (§ 87a SGB III) zahlt ab 01.01.2025 die Agentur für Arbeit
  (`fbw_reha_zustaendigkeit.fbw`); ein Plan ab 2025 erhält dafür einen Rechtshinweis, der
  Rechner einen Hinweis.
- Das Format prüft das JSON-Schema `src/amp/rules/parameter-schema.json`.
- Im Code heißen die Parameter nur über `amp.rules.law.Key`; `load_law()` lädt alle Dateien
  einmal und bricht ab, wenn ein Name fehlt oder falsch geschrieben ist. Rechner,
  Förderprüfung und die Rechtsfakten der Prüfungen bekommen dieses `Law` übergeben.

## Die Werte des nächsten Jahres eintragen

1. Die Fundstelle suchen (BGBl., Verordnung, Bekanntmachung) und die passende Datei unter
   `src/amp/rules/parameters/` öffnen (`amp rules list` zeigt alle Namen).
2. Unter `entries:` am Ende einen Eintrag anfügen, z. B. für den Mindestlohn:

   ```yaml
     - valid_from: 2028-01-01
       value: 15.10
       reference: § 1 Nr. … Sechste MiLoV (BGBl. 2027 I Nr. …)
       source: https://www.gesetze-im-internet.de/…
   ```

   Ist das Datum nicht sicher belegt, `verified: false` und einen `note:` dazuschreiben.
   Endet ein Instrument, einen Eintrag mit `value: null` und der aufhebenden Fundstelle.
   Ein neuer Parameter, den der Code liest, bekommt zusätzlich einen Namen in
   `amp.rules.law.Key`.
3. `python3 dev.py amp rules docs --output docs/recht.md` ausführen, damit diese Datei neu
   entsteht, und `python3 dev.py test` laufen lassen. Tests für den Tag vor und nach der
   Änderung in `tests/rules/` ergänzen.
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def recht_markdown() -> str:
    parts = [INTRO, "\n## Verwaltungsregeln (nicht gesetzlich)\n\n"]
    for file in parameter_files():
        for name, parameter in load_area(file).parameters.items():
            if parameter.kind == "administrative":
                key = file if name == file else f"{file}.{name}"
                parts.append(f"- `{key}`: {parameter.name.de}\n")
    for file in parameter_files():
        area = load_area(file)
        parts.append(f"\n## {area.name.de}\n\nDatei `{file}.yaml`. {_cell(area.description)}\n")
        for name, parameter in area.parameters.items():
            key = file if name == file else f"{file}.{name}"
            if len(area.parameters) > 1 or name != file:
                parts.append(
                    f"\n### {parameter.name.de} (`{key}`)\n\n{_cell(parameter.description)}\n"
                )
            parts.append(f"\nArt: {kind_text(parameter)}.\n")
            parts.append(
                "\n| ab | Wert | Fundstelle | Quelle | Datum bestätigt | Hinweis |\n"
                "|---|---|---|---|---|---|\n"
            )
            for e in parameter.entries:
                cells = entry_cells(e, parameter.unit)
                parts.append("| " + " | ".join(_cell(c) for c in cells) + " |\n")
    return "".join(parts)
