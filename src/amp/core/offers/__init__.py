"""Offers (Angebote): the catalogue, the finder and the checks of the Förderketten."""

from amp.core.offers.catalogue import Catalogue, Offer, build_catalogue
from amp.core.offers.chains import ChainFinding, ChainProblem, chain_findings, stage_items
from amp.core.offers.finder import ChainPosition, Fit, Match, Reason, ReasonKind, find_offers
from amp.core.offers.model import (
    Criteria,
    GermanLevel,
    OfferData,
    OfferEntry,
    OfferKind,
    Residence,
    Rule,
)
from amp.core.offers.profile import LegalCondition, PlaceAvailability, Profile

__all__ = [
    "Catalogue",
    "ChainFinding",
    "ChainPosition",
    "ChainProblem",
    "Criteria",
    "Fit",
    "GermanLevel",
    "LegalCondition",
    "Match",
    "Offer",
    "OfferData",
    "OfferEntry",
    "OfferKind",
    "PlaceAvailability",
    "Profile",
    "Reason",
    "ReasonKind",
    "Residence",
    "Rule",
    "build_catalogue",
    "chain_findings",
    "find_offers",
    "stage_items",
]
