"""The offer data: what the plan's tables do not say about an offer (angebote.yaml).

Target-group criteria, site and region, start dates, hours, childcare, accessibility and
the funding route. An entry either completes a measure, an AVGS category or a Bildungsziel
of the plan, or stands alone (an individual instrument such as EGZ or § 16i, a language
course of the BAMF).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

from annotated_types import Ge, Le


class GermanLevel(StrEnum):
    """Language level of the Common European Framework; NONE: no German yet."""

    NONE = "keine"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"

    @property
    def rank(self) -> int:
        return _LEVEL_ORDER.index(self)


_LEVEL_ORDER = list(GermanLevel)


class Residence(StrEnum):
    """Residence status as far as it matters for offers."""

    DEUTSCH = "deutsch"
    EU = "eu"  # EU/EWR citizen (Freizügigkeit)
    SCHUTZ = "schutz"  # recognised protection (Asyl, Flüchtling, subsidiär, § 24)
    AUFENTHALT = "aufenthalt"  # another residence permit
    CHANCEN_104C = "104c"  # Chancen-Aufenthaltsrecht § 104c AufenthG
    GESTATTUNG = "gestattung"
    DULDUNG = "duldung"


RESIDENCE_LABELS = {
    Residence.DEUTSCH: "deutsche Staatsangehörigkeit",
    Residence.EU: "EU-Bürgerin/EU-Bürger",
    Residence.SCHUTZ: "anerkannter Schutzstatus",
    Residence.AUFENTHALT: "andere Aufenthaltserlaubnis",
    Residence.CHANCEN_104C: "Chancen-Aufenthaltsrecht (§ 104c AufenthG)",
    Residence.GESTATTUNG: "Aufenthaltsgestattung",
    Residence.DULDUNG: "Duldung",
}


class OfferKind(StrEnum):
    MASSNAHME = "massnahme"  # tendered measure with a Träger and places
    AVGS = "avgs"  # Aktivierungs- und Vermittlungsgutschein
    BILDUNGSGUTSCHEIN = "bildungsgutschein"  # FbW, a Bildungsziel
    INSTRUMENT = "instrument"  # individual support: EGZ, Einstiegsgeld, § 16e, § 16i …
    KURS = "kurs"  # language and integration courses (BAMF), not funded by the Jobcenter


OFFER_KIND_LABELS = {
    OfferKind.MASSNAHME: "Maßnahme",
    OfferKind.AVGS: "Aktivierungs- und Vermittlungsgutschein",
    OfferKind.BILDUNGSGUTSCHEIN: "Bildungsgutschein",
    OfferKind.INSTRUMENT: "Förderleistung",
    OfferKind.KURS: "Kurs",
}


class Rule(StrEnum):
    """Eligibility checks of amp.rules an offer relies on."""

    SGB2_16I = "16i"
    SGB2_16E = "16e"
    AUFENTHG_104C = "104c"


Age = Annotated[int, Ge(0), Le(120)]


@dataclass(frozen=True, slots=True)
class Criteria:
    """Who may take part; every criterion left empty admits everyone."""

    min_age: Age | None = None
    max_age: Age | None = None
    age_reference: str | None = None  # the § behind the age limit, e.g. "§ 16h Abs. 1 SGB II"
    residence: tuple[Residence, ...] = ()  # admitted statuses; empty: any
    residence_reference: str | None = None
    refugees_only: bool = False  # persons with a refugee background (Fluchthintergrund)
    german_min: GermanLevel | None = None
    german_max: GermanLevel | None = None  # courses that end at a level
    long_term_unemployed: bool = False  # LZB: unemployed one year or longer (§ 18 SGB III)
    disability: bool = False  # Reha or Schwerbehinderung
    single_parent: bool = False
    youngest_child_under: Age | None = None  # a child younger than this in the household
    women_only: bool = False
    rules: tuple[Rule, ...] = ()  # checks of amp.rules that decide eligibility
    # further requirements in words ("Führerschein Klasse B", "mittlerer Schulabschluss")
    requires: tuple[str, ...] = ()
    note: str | None = None

    def count(self) -> int:
        """How many criteria are set: a targeted offer ranks above a general one."""
        flags = (
            self.min_age is not None,
            self.max_age is not None,
            bool(self.residence),
            self.refugees_only,
            self.german_min is not None,
            self.german_max is not None,
            self.long_term_unemployed,
            self.disability,
            self.single_parent,
            self.youngest_child_under is not None,
            self.women_only,
        )
        return sum(flags) + len(self.rules) + len(self.requires)


@dataclass(frozen=True, slots=True)
class Region:
    id: str  # "nordkreis"
    name: str  # "Nordkreis"
    regionalstellen: tuple[str, ...] = ()  # names of the Regionalstellen in the region


@dataclass(frozen=True, slots=True)
class OfferEntry:
    """One offer as angebote.yaml describes it.

    With `measure`, `avgs` or `training_goal` the entry completes that part of the plan,
    which supplies name, legal basis, Träger, places and contract periods unless given here.
    """

    id: str
    name: str | None = None
    kind: OfferKind | None = None
    measure: str | None = None
    avgs: str | None = None  # an AVGS category id
    training_goal: str | None = None  # a Bildungsziel id
    legal_basis: str | None = None
    provider: str | None = None  # Träger
    description: str | None = None  # plain German, for the client
    criteria: Criteria = Criteria()
    regions: tuple[str, ...] = ()  # region ids; empty: the whole Jobcenter
    site: str | None = None  # Standort, address or town
    regionalstelle: str | None = None
    starts: tuple[date, ...] = ()  # fixed start dates
    rolling: bool = False  # laufender Einstieg: entry any time
    valid_from: date | None = None
    valid_until: date | None = None
    duration: str | None = None  # as a person would say it, "6 Monate"
    duration_months: Annotated[int, Ge(0)] | None = None
    hours_per_week: Annotated[int, Ge(0), Le(60)] | None = None
    part_time: bool = False  # may be attended part-time
    childcare: bool = False  # childcare provided or arranged
    accessible: bool = False  # barrier-free site
    funding_route: str | None = (
        None  # "Vergabe § 45 SGB III", "Gutschein", "Zuschuss an Arbeitgeber"
    )
    places: Annotated[int, Ge(0)] | None = None  # planned places where the plan has none
    contact: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("'valid_until' liegt vor 'valid_from'")
        if sum(x is not None for x in (self.measure, self.avgs, self.training_goal)) > 1:
            raise ValueError("höchstens eines von measure, avgs, training_goal angeben")


@dataclass(frozen=True, slots=True)
class OfferData:
    """The file angebote.yaml: regions and offers."""

    as_of: date | None = None
    regions: tuple[Region, ...] = ()
    offers: tuple[OfferEntry, ...] = ()
    note: str | None = None
