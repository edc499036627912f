"""The plan: one Jobcenter's Arbeitsmarktprogramm for one year, in one version ("Stand")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from amp.core.budget import BudgetPlan, Instrument
from amp.core.claims import Claim
from amp.core.funding import Funding
from amp.core.measures import Measure, MeasureTable
from amp.core.municipal import MunicipalServices
from amp.core.offers.model import OfferData
from amp.core.pathways import Pathway
from amp.core.prose import Prose
from amp.core.target_groups import TargetGroupTable
from amp.core.targets import Target
from amp.core.vouchers import AvgsPlan, TrainingVoucherPlan


class PlanStatus(StrEnum):
    ENTWURF = "entwurf"
    BESCHLOSSEN = "beschlossen"
    FORTGESCHRIEBEN = "fortgeschrieben"


STATUS_LABELS = {
    PlanStatus.ENTWURF: "Entwurf",
    PlanStatus.BESCHLOSSEN: "Beschlossen",
    PlanStatus.FORTGESCHRIEBEN: "Fortgeschrieben",
}


class JobcenterKind(StrEnum):
    ZKT = "zkT"  # zugelassener kommunaler Träger (Optionskommune)
    GE = "gE"  # gemeinsame Einrichtung von Kommune und Bundesagentur


@dataclass(frozen=True, slots=True)
class Jobcenter:
    id: str
    name: str
    kind: JobcenterKind
    region: str | None = None


@dataclass(frozen=True, slots=True)
class Version:
    as_of: date  # the Stand
    label: str | None = None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """The published document a transcribed plan comes from."""

    title: str
    publisher: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    jobcenter: Jobcenter
    year: int
    version: Version
    status: PlanStatus
    budget: BudgetPlan
    instruments: tuple[Instrument, ...] = ()
    source: SourceDocument | None = None
    funding: Funding | None = None
    target_groups: TargetGroupTable | None = None
    municipal_services: MunicipalServices | None = None
    measure_tables: tuple[MeasureTable, ...] = ()
    training_vouchers: TrainingVoucherPlan | None = None
    avgs: AvgsPlan | None = None
    targets: tuple[Target, ...] = ()
    pathways: tuple[Pathway, ...] = ()
    claims: tuple[Claim, ...] = ()
    prose: Prose | None = None
    offers: OfferData | None = None  # angebote.yaml: what the finder needs beyond the tables

    def instrument(self, instrument_id: str) -> Instrument | None:
        return next((i for i in self.instruments if i.id == instrument_id), None)

    def measures(self) -> dict[str, Measure]:
        return {m.id: m for table in self.measure_tables for m in table.measures}
