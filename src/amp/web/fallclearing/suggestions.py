"""Offers for a triage suggestion: the one place that turns a suggestion into offers.

Two lists: the Förderkette stage in the plan's `pathways.yaml` (`amp.core.pathways`) with
the measures the track names (`offers_for`), and the offer finder's best matches for the
profile the answers describe, with free places from measure controlling (`finder_matches`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from amp.core.clearing.triage import Suggestion
from amp.core.offers import Profile
from amp.core.offers.finder import ReasonKind, find_offers
from amp.core.pathways import Offer as PathwayOffer
from amp.core.pathways import Pathway
from amp.core.plan import Plan
from amp.web.plans.derived import derived
from amp.web.plans.models import PUBLISHED, Jobcenter, PlanVersion


@dataclass(frozen=True)
class OfferSuggestion:
    name: str
    stage: str | None  # the stage's name, None for a measure named by the track
    measure: str | None  # the plan's measure id, where the offer is one
    measure_name: str | None
    note: str | None


def _plan(jobcenter: Jobcenter, on: date) -> Plan | None:
    """The published plan in force on `on`: that year's, else the newest earlier one."""
    versions = PlanVersion.objects.filter(plan__jobcenter=jobcenter, status__in=PUBLISHED)
    version = (
        versions.filter(plan__year=on.year).order_by("-number").first()
        or versions.filter(plan__year__lt=on.year).order_by("-plan__year", "-number").first()
    )
    return derived(version).plan if version else None


def _valid(offer: PathwayOffer, on: date) -> bool:
    return (offer.valid_from is None or offer.valid_from <= on) and (
        offer.valid_until is None or on <= offer.valid_until
    )


def _pathway(plan: Plan, suggestion: Suggestion) -> Pathway | None:
    by_id = {p.id: p for p in plan.pathways}
    if suggestion.pathway in by_id:
        return by_id[suggestion.pathway]
    return next((p for p in plan.pathways if any(s.id == suggestion.stage for s in p.stages)), None)


def offers_for(jobcenter: Jobcenter, suggestion: Suggestion, on: date) -> list[OfferSuggestion]:
    """The offers that fit the suggestion on the day `on`, from the published plan."""
    plan = _plan(jobcenter, on)
    if plan is None:
        return []
    measures = plan.measures()
    found: list[OfferSuggestion] = []
    pathway = _pathway(plan, suggestion)
    stage = next((s for s in pathway.stages if s.id == suggestion.stage), None) if pathway else None
    if stage is not None:
        for offer in stage.offers:
            if not _valid(offer, on):
                continue
            measure = measures.get(offer.measure) if offer.measure else None
            found.append(
                OfferSuggestion(
                    offer.name,
                    stage.name,
                    offer.measure if measure else None,
                    measure.name if measure else None,
                    offer.note,
                )
            )
    linked = {o.measure for o in found}
    for measure_id in suggestion.measures:
        measure = measures.get(measure_id)
        if measure is not None and measure_id not in linked:
            found.append(OfferSuggestion(measure.name, None, measure_id, measure.name, None))
    return found


@dataclass(frozen=True)
class FinderMatch:
    """One of the finder's matches as the case page shows it."""

    name: str
    fit: str  # passt / prüfen
    free: int | None
    places_as_of: date | None
    places_source: str | None
    to_check: tuple[str, ...]  # what is missing or unknown, in the finder's words


MAX_MATCHES = 5


def finder_matches(
    jobcenter: Jobcenter, profile: Profile, on: date, limit: int = MAX_MATCHES
) -> list[FinderMatch]:
    """The finder's best offers for this profile on `on` that have a free place or whose
    free places are unknown; offers the person is not eligible for are left out."""
    from amp.web.angebote import selectors as offers

    version = offers.current_version(jobcenter, on.year)
    if version is None or not version.published:  # caseworkers never see a draft's offers
        return []
    places = offers.place_availability(jobcenter, on)
    found: list[FinderMatch] = []
    for match in find_offers(offers.catalogue(version), profile, places, on):
        if match.free == 0:
            continue
        availability = match.availability
        found.append(
            FinderMatch(
                match.offer.name,
                match.fit.value,
                match.free,
                availability.as_of if availability else None,
                availability.source if availability else None,
                tuple(
                    r.text
                    for r in match.reasons
                    if r.kind in (ReasonKind.MISSING, ReasonKind.UNKNOWN, ReasonKind.NEED)
                ),
            )
        )
        if len(found) == limit:
            break
    return found
