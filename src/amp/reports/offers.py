"""Offers for people: the texts every screen shares, the printable offer sheet for the
client in plain German (HTML and PDF), and the catalogue as schema.org JSON-LD."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from typing import Any

from amp.core import formatting
from amp.core.offers import Catalogue, ChainFinding, Match, Offer, PlaceAvailability, stage_items
from amp.core.offers.finder import ChainPosition, Fit, ReasonKind
from amp.core.offers.model import OFFER_KIND_LABELS, OfferKind

FIT_LABELS = {
    Fit.PASST: "passt",
    Fit.PRUEFEN: "bitte prüfen",
    Fit.PASST_NICHT: "passt nicht",
}


def places_text(availability: PlaceAvailability | None, unlimited: bool = False) -> str:
    """Free places with their Stand, honest when only the plan's places are known."""
    if availability is None:
        return "Einzelförderung ohne Platzbegrenzung" if unlimited else "keine Platzangaben"
    stand = f", Stand {formatting.day(availability.as_of)}" if availability.as_of else ""
    if availability.free is None:
        planned = (
            f" (geplant {availability.places} Plätze)" if availability.places is not None else ""
        )
        return f"freie Plätze unbekannt{stand}{planned}"
    if availability.free == 0:
        return f"kein freier Platz{stand}"
    word = "freier Platz" if availability.free == 1 else "freie Plätze"
    return f"{availability.free} {word}{stand}"


def start_text(offer: Offer, next_start: date | None, on: date) -> str:
    if next_start is None:
        return "Beginn nach Absprache" if not offer.starts else "kein weiterer Beginn geplant"
    if offer.rolling:
        if next_start <= on:
            return "Einstieg jederzeit möglich"
        return f"Einstieg jederzeit ab {formatting.day(next_start)}"
    return f"nächster Beginn {formatting.day(next_start)}"


def chain_text(position: ChainPosition) -> str:
    text = (
        f"{position.pathway_name}: Stufe {position.stage_number} von {position.stage_count} "
        f"„{position.stage_name}“"
    )
    if position.next_stage_name:
        text += f"; danach „{position.next_stage_name}“"
    return text


def hours_text(offer: Offer) -> str:
    parts = []
    if offer.hours_per_week:
        parts.append(f"{offer.hours_per_week} Stunden pro Woche")
    if offer.part_time:
        parts.append("Teilzeit möglich")
    return ", ".join(parts)


def where_text(offer: Offer, catalogue: Catalogue) -> str:
    parts = [p for p in (offer.site, offer.regionalstelle) if p]
    if offer.regions:
        parts.append(", ".join(catalogue.region_name(r) for r in offer.regions))
    return ", ".join(parts) or "im ganzen Kreis"


_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12pt; line-height: 1.5;
  color: #111; max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .25rem; border-top: 1px solid #666; padding-top: .75rem; }
dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr;
  gap: .2rem 1rem; margin: .5rem 0; }
dt { font-weight: bold; }
dd { margin: 0; }
.hinweis { font-size: .95rem; }
@media print { body { padding: 0; } h2 { break-after: avoid; } section { break-inside: avoid; } }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } }
"""


# the sheet's one inline style, as a Content-Security-Policy source (the web allows it by
# this hash only, no 'unsafe-inline')
SHEET_STYLE_SOURCE = "'sha256-{}'".format(
    base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
)


def _row(term: str, value: str) -> str:
    return f"<dt>{escape(term)}</dt><dd>{escape(value)}</dd>" if value else ""


def offer_sheet_html(
    matches: Sequence[Match], catalogue: Catalogue, jobcenter: str, on: date
) -> str:
    """The offer sheet for the client: what each offer is, when and where, what comes next.

    Plain German, no names, no scores and no legal detail beyond the law the offer rests
    on; a self-contained HTML page that prints on A4 and becomes a PDF unchanged.
    """
    title = "Ihre Angebote"
    sections = []
    for n, match in enumerate(matches, start=1):
        offer = match.offer
        fits = [r.text for r in match.reasons if r.kind is ReasonKind.MET]
        after = [p for p in match.chain if p.next_stage_name]
        rows = "".join(
            (
                _row("Was ist das?", offer.description or offer.audience or ""),
                _row("Art", OFFER_KIND_LABELS[offer.kind]),
                _row("Wann?", start_text(offer, match.next_start, on)),
                _row("Wie lange?", offer.duration or ""),
                _row("Wie viel Zeit?", hours_text(offer)),
                _row("Wo?", where_text(offer, catalogue)),
                _row("Wer bietet es an?", offer.provider or ""),
                _row("Kinderbetreuung", "ja" if offer.childcare else ""),
                _row("Barrierefrei", "ja" if offer.accessible else ""),
                _row("Warum es passt", "; ".join(fits)),
                _row(
                    "Wie es weitergeht",
                    "; ".join(f"danach: {p.next_stage_name}" for p in after),
                ),
                _row("Gesetz", offer.legal_basis or ""),
            )
        )
        sections.append(f"<section><h2>{n}. {escape(offer.name)}</h2><dl>{rows}</dl></section>")
    body = "".join(sections) or "<p>Heute wurde kein Angebot ausgewählt.</p>"
    return "\n".join(
        (
            "<!DOCTYPE html>",
            '<html lang="de"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)} – {escape(jobcenter)}</title>",
            f'<meta name="author" content="{escape(jobcenter)}">',
            f"<style>{_CSS}</style></head><body><main>",
            f"<h1>{escape(title)}</h1>",
            f"<p>{escape(jobcenter)}, {formatting.day(on)}</p>",
            "<p>Ihre Integrationsfachkraft hat diese Angebote mit Ihnen ausgesucht. "
            "Sprechen Sie uns an, wenn Sie Fragen haben oder etwas nicht passt.</p>",
            body,
            '<p class="hinweis">Dieses Blatt enthält keine Angaben zu Ihrer Person. '
            "Freie Plätze und Termine können sich ändern.</p>",
            "</main></body></html>",
        )
    )


def offer_sheet_pdf(html: str) -> bytes:
    from amp.reports.pdf import pdf_bytes

    return pdf_bytes(html)


_JSONLD_TYPES = {
    OfferKind.KURS: "Course",
    OfferKind.BILDUNGSGUTSCHEIN: "EducationalOccupationalProgram",
    OfferKind.MASSNAHME: "EducationalOccupationalProgram",
    OfferKind.AVGS: "EducationalOccupationalProgram",
    OfferKind.INSTRUMENT: "GovernmentService",
}


def _iso_months(months: int | None) -> str | None:
    return f"P{months}M" if months else None


def offer_jsonld(
    offer: Offer,
    catalogue: Catalogue,
    availability: PlaceAvailability | None,
    on: date,
    jobcenter: str,
) -> dict[str, Any]:
    kind = _JSONLD_TYPES[offer.kind]
    item: dict[str, Any] = {
        "@type": kind,
        "identifier": offer.id,
        "name": offer.name,
    }
    if offer.description or offer.audience:
        item["description"] = offer.description or offer.audience
    if offer.provider:
        item["provider"] = {"@type": "Organization", "name": offer.provider}
    elif kind != "GovernmentService":
        item["provider"] = {"@type": "GovernmentOrganization", "name": jobcenter}
    if kind == "GovernmentService":
        item["serviceOperator"] = {"@type": "GovernmentOrganization", "name": jobcenter}
        if offer.legal_basis:
            item["legislation"] = {"@type": "Legislation", "name": offer.legal_basis}
    criteria = offer.criteria
    audience: dict[str, Any] = {"@type": "PeopleAudience"}
    if criteria.min_age is not None:
        audience["suggestedMinAge"] = criteria.min_age
    if criteria.max_age is not None:
        audience["suggestedMaxAge"] = criteria.max_age
    if criteria.women_only:
        audience["suggestedGender"] = "https://schema.org/Female"
    if offer.audience:
        audience["audienceType"] = offer.audience
    if len(audience) > 1:
        item["audience"] = audience
    if kind in ("Course", "EducationalOccupationalProgram"):
        if criteria.german_min is not None:
            item["coursePrerequisites" if kind == "Course" else "programPrerequisites"] = (
                f"Deutschkenntnisse mindestens {criteria.german_min.value}"
            )
        start = offer.next_start(on)
        if kind == "EducationalOccupationalProgram":
            if start:
                item["startDate"] = start.isoformat()
            if offer.valid_until:
                item["applicationDeadline"] = offer.valid_until.isoformat()
            duration = _iso_months(offer.duration_months)
            if duration:
                item["timeToComplete"] = duration
            if offer.hours_per_week:
                item["timeOfDay"] = f"{offer.hours_per_week} Stunden pro Woche"
            if availability and availability.places is not None:
                item["maximumEnrollment"] = availability.places
            item["offers"] = {
                "@type": "Offer",
                "price": 0,
                "priceCurrency": "EUR",
                "category": offer.funding_route or "gefördert",
            }
        else:
            instance: dict[str, Any] = {"@type": "CourseInstance", "courseMode": "onsite"}
            if start:
                instance["startDate"] = start.isoformat()
            if offer.hours_per_week:
                instance["courseWorkload"] = f"PT{offer.hours_per_week}H"
            if offer.site:
                instance["location"] = {"@type": "Place", "name": offer.site}
            item["hasCourseInstance"] = [instance]
    places = [p for p in (offer.site, *(catalogue.region_name(r) for r in offer.regions)) if p]
    if places and kind != "Course":
        key = "areaServed" if kind == "GovernmentService" else "location"
        item[key] = [{"@type": "Place", "name": p} for p in places]
    return item


def catalogue_jsonld(
    catalogue: Catalogue,
    places: Mapping[str, PlaceAvailability],
    on: date,
    jobcenter: str,
) -> dict[str, Any]:
    """The current offers as a schema.org ItemList for portals; ended offers stay out."""
    offers = catalogue.current(on)
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": f"Angebote – {jobcenter}",
        "dateModified": (catalogue.as_of or on).isoformat(),
        "numberOfItems": len(offers),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "item": offer_jsonld(o, catalogue, places.get(o.id), on, jobcenter),
            }
            for n, o in enumerate(offers, start=1)
        ],
    }


def match_data(match: Match, on: date) -> dict[str, Any]:
    offer, availability = match.offer, match.availability
    return {
        "angebot": offer.id,
        "name": offer.name,
        "passung": FIT_LABELS[match.fit],
        "rang": match.score,
        "gruende": [
            {"art": r.kind.value, "text": r.text, "fundstelle": r.reference} for r in match.reasons
        ],
        "plaetze": None
        if availability is None
        else {
            "plaetze": availability.places,
            "frei": availability.free,
            "stand": availability.as_of.isoformat() if availability.as_of else None,
            "quelle": availability.source,
            "text": places_text(availability, offer.unlimited),
        },
        "naechster_beginn": match.next_start.isoformat() if match.next_start else None,
        "beginn_text": start_text(offer, match.next_start, on),
        "kette": [
            {
                "kette": p.pathway_id,
                "stufe": p.stage_id,
                "stufe_name": p.stage_name,
                "naechste_stufe": p.next_stage_id,
                "naechste_stufe_name": p.next_stage_name,
            }
            for p in match.chain
        ],
    }


def catalogue_data(
    catalogue: Catalogue, offers: Sequence[Offer], places: Mapping[str, PlaceAvailability]
) -> list[dict[str, Any]]:
    return [
        {
            "angebot": o.id,
            "name": o.name,
            "art": OFFER_KIND_LABELS[o.kind],
            "rechtsgrundlage": o.legal_basis,
            "traeger": o.provider,
            "regionen": [catalogue.region_name(r) for r in o.regions],
            "von": o.valid_from.isoformat() if o.valid_from else None,
            "bis": o.valid_until.isoformat() if o.valid_until else None,
            "plaetze": places_text(places.get(o.id), o.unlimited),
        }
        for o in offers
    ]


def chains_data(
    catalogue: Catalogue,
    findings: Sequence[ChainFinding],
    places: Mapping[str, PlaceAvailability],
    on: date,
) -> dict[str, Any]:
    return {
        "stichtag": on.isoformat(),
        "ketten": [
            {
                "kette": p.id,
                "name": p.name,
                "stufen": [
                    {
                        "stufe": s.id,
                        "name": s.name,
                        "angebote": [
                            {"name": it.name, "angebot": it.offer_id, "zustand": it.state}
                            for it in stage_items(catalogue, p.id, s.id, places, on)
                        ],
                    }
                    for s in p.stages
                ],
            }
            for p in catalogue.pathways
        ],
        "befunde": [
            {"art": f.kind.value, "kette": f.pathway_id, "stufe": f.stage_id, "text": f.message}
            for f in findings
        ],
    }
