"""Checks of the Förderketten for the Steuerung: broken links, ended offers, gaps.

A stage has a gap when none of its offers can take a person now: no current offer at all,
or every current offer is known to be full. Where free places are unknown (the source only
knows planned places) the stage is "ungeklärt", never silently counted as open.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from amp.core.offers.catalogue import Catalogue
from amp.core.offers.profile import PlaceAvailability
from amp.core.pathways import Pathway, Stage


class ChainProblem(StrEnum):
    UNKNOWN_OFFER = "unbekanntes Angebot"
    ENDED_OFFER = "beendetes Angebot"
    GAP = "Lücke"
    UNCLEAR = "ungeklärt"


@dataclass(frozen=True, slots=True)
class ChainFinding:
    kind: ChainProblem
    pathway_id: str
    pathway_name: str
    stage_id: str
    stage_name: str
    message: str
    item: str | None = None  # the chain item's name


@dataclass(frozen=True, slots=True)
class StageItem:
    """One item of a stage as the chain view shows it on a day."""

    name: str
    offer_id: str | None  # the catalogue offer, when the item names one that exists
    state: str  # "aktiv", "noch nicht", "abgelaufen", "beendet", "unbekannt", "extern"
    availability: PlaceAvailability | None = None
    valid_from: date | None = None
    valid_until: date | None = None


def stage_items(
    catalogue: Catalogue,
    pathway_id: str,
    stage_id: str,
    places: Mapping[str, PlaceAvailability],
    on: date,
) -> tuple[StageItem, ...]:
    pathway = next(p for p in catalogue.pathways if p.id == pathway_id)
    stage = next(s for s in pathway.stages if s.id == stage_id)
    items = []
    for item in stage.offers:
        offer = catalogue.resolve(item)
        if item.reference is None:
            state = "extern"
        elif offer is None:
            state = "unbekannt"
        elif item.valid_until is not None and item.valid_until < on:
            state = "abgelaufen"
        elif item.valid_from is not None and on < item.valid_from:
            state = "noch nicht"
        elif offer.ended(on):
            state = "beendet"
        elif not offer.started(on):
            state = "noch nicht"
        else:
            state = "aktiv"
        items.append(
            StageItem(
                item.name,
                offer.id if offer else None,
                state,
                places.get(offer.id) if offer else None,
                item.valid_from,
                item.valid_until,
            )
        )
    return tuple(items)


def chain_findings(
    catalogue: Catalogue, places: Mapping[str, PlaceAvailability], on: date
) -> list[ChainFinding]:
    """Every problem of every Förderkette on `on`, chain by chain, stage by stage."""
    findings: list[ChainFinding] = []
    for pathway in catalogue.pathways:
        for stage in pathway.stages:
            findings += _stage_findings(catalogue, pathway, stage, places, on)
    return findings


def _stage_findings(
    catalogue: Catalogue,
    pathway: Pathway,
    stage: Stage,
    places: Mapping[str, PlaceAvailability],
    on: date,
) -> list[ChainFinding]:
    findings: list[ChainFinding] = []

    def found(kind: ChainProblem, message: str, item: str | None = None) -> None:
        findings.append(
            ChainFinding(kind, pathway.id, pathway.name, stage.id, stage.name, message, item)
        )

    items = stage_items(catalogue, pathway.id, stage.id, places, on)
    for it, source in zip(items, stage.offers, strict=True):
        if it.state == "unbekannt":
            found(
                ChainProblem.UNKNOWN_OFFER,
                f"„{it.name}“ verweist auf ein Angebot, das es im Katalog nicht gibt "
                f"('{source.reference}')",
                it.name,
            )
        elif it.state == "beendet":
            offer = catalogue.get(it.offer_id or "")
            end = offer.valid_until if offer else None
            found(
                ChainProblem.ENDED_OFFER,
                f"„{it.name}“ ist beendet (Laufzeit bis {end:%d.%m.%Y}), steht aber "
                "noch in der Kette"
                if end
                else f"„{it.name}“ ist beendet",
                it.name,
            )
    active = [it for it in items if it.state == "aktiv"]
    external = [it for it in items if it.state == "extern"]
    if not active:
        if external:
            names = ", ".join(it.name for it in external)
            found(
                ChainProblem.UNCLEAR,
                f"kein eigenes Angebot des Jobcenters in dieser Stufe; nur Angebote "
                f"Dritter ohne Platzangaben ({names})",
            )
        else:
            found(ChainProblem.GAP, "Lücke: kein laufendes Angebot in dieser Stufe")
        return findings
    offers = [catalogue.get(it.offer_id) for it in active if it.offer_id]
    if any(o is not None and o.unlimited for o in offers):
        return findings  # an individual instrument is open to everyone eligible
    frees = [it.availability.free if it.availability else None for it in active]
    if any(f is not None and f > 0 for f in frees):
        return findings
    if all(f == 0 for f in frees):
        found(ChainProblem.GAP, "Lücke: kein Angebot dieser Stufe hat einen freien Platz")
    else:
        stands = sorted(
            {it.availability.as_of for it in active if it.availability and it.availability.as_of}
        )
        stand = f", Stand {stands[-1]:%d.%m.%Y}" if stands else ""
        found(
            ChainProblem.UNCLEAR,
            f"freie Plätze unbekannt{stand}: ob die Stufe einen Platz hat, ist nicht belegt",
        )
    return findings
