"""Input schema of the indicator engine: files, columns, types and allowed values.

The schema is documented for users in docs/kpi-daten.md; keep both in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ColType(Enum):
    TEXT = "Text"
    MONTH = "Monat (JJJJ-MM)"
    DATE = "Datum (JJJJ-MM-TT)"
    BOOL = "ja/nein"
    INT = "ganze Zahl"
    MONEY = "Betrag in € (zwei Nachkommastellen)"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColType
    required: bool = True
    allowed: tuple[str, ...] = ()
    description: str = ""
    few_values: bool = False
    """Few distinct values (like Jobcenter ids): validation checks each distinct value once."""


@dataclass(frozen=True)
class Table:
    """One input file: `<name>.parquet` or `<name>.csv` in the input directory."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    optional: bool = False
    description: str = ""

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


SEXES = ("m", "w", "d")

INTEGRATION_KINDS = ("svb", "ausbildung", "selbstaendig")
"""Kinds of event that count as Integration (§ 5 Abs. 1 VO)."""

EVENT_KINDS = (*INTEGRATION_KINDS, "geringfuegig", "oeffentlich_gefoerdert")

TRUE_WORDS = ("1", "true", "ja", "j", "wahr", "t")
FALSE_WORDS = ("0", "false", "nein", "n", "falsch", "f")

PANEL = Table(
    name="panel",
    description=(
        "Monatliches Personenpanel: eine Zeile je Person und Monat im Bestand eines Jobcenters"
    ),
    key=("person_id", "monat"),
    columns=(
        Column("person_id", ColType.TEXT, description="pseudonyme Personennummer"),
        Column("jobcenter", ColType.TEXT, description="Kennung des Jobcenters", few_values=True),
        Column("monat", ColType.MONTH, description="Berichtsmonat (Bestand zum Stichtag)"),
        Column("elb", ColType.BOOL, description="erwerbsfähige leistungsberechtigte Person"),
        Column("geschlecht", ColType.TEXT, allowed=SEXES, description="m, w oder d"),
        Column("geburtsjahr", ColType.INT, description="Geburtsjahr"),
        Column("alleinerziehend", ColType.BOOL, description="alleinerziehend"),
        Column("llu", ColType.MONEY, description="Leistungsanspruch Lebensunterhalt in €"),
        Column("luh", ColType.MONEY, description="Leistungsanspruch Unterkunft und Heizung in €"),
        Column(
            "massnahme",
            ColType.BOOL,
            description="in einer Maßnahme der aktiven Arbeitsförderung (§ 2 Abs. 2 Nr. 1 VO)",
        ),
    ),
)

SPELLS = Table(
    name="zeitraeume",
    optional=True,
    description=(
        "eLb-Zeiträume tagesgenau, jobcenterübergreifend (für die LZB-Regel 638 von 730 Tagen)"
    ),
    key=("person_id", "beginn"),
    columns=(
        Column("person_id", ColType.TEXT),
        Column("beginn", ColType.DATE, description="erster Tag als eLb"),
        Column("ende", ColType.DATE, required=False, description="letzter Tag; leer = andauernd"),
    ),
)

EVENTS = Table(
    name="ereignisse",
    description="Integrationen und Eintritte mit Datum",
    key=("person_id", "datum", "art"),
    columns=(
        Column("person_id", ColType.TEXT),
        Column("datum", ColType.DATE, description="Beginn der Beschäftigung bzw. des Eintritts"),
        Column("art", ColType.TEXT, allowed=EVENT_KINDS),
        Column(
            "erfasst_am",
            ColType.DATE,
            required=False,
            description=(
                "Erfassungsdatum; nach Ablauf der Wartezeit erfasste Ereignisse zählen nicht"
            ),
        ),
    ),
)

EMPLOYMENT = Table(
    name="beschaeftigung",
    description="sozialversicherungspflichtige Beschäftigung je Person und Monat (für K2E3)",
    key=("person_id", "monat"),
    columns=(
        Column("person_id", ColType.TEXT),
        Column("monat", ColType.MONTH),
    ),
)

TABLES: tuple[Table, ...] = (PANEL, SPELLS, EVENTS, EMPLOYMENT)


def month_index(text: str) -> int:
    """'2024-06' -> months since year 0 (the engine's month key)."""
    year, month = text.split("-")[:2]
    return int(year) * 12 + int(month) - 1


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
