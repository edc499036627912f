"""Where an offer's places come from: the occupancy of measure controlling where a contract
runs, else the plan (places planned, free places unknown)."""

from __future__ import annotations

from collections.abc import Mapping

from amp.core.occupancy import FreePlaces
from amp.core.offers.catalogue import Catalogue
from amp.core.offers.profile import PlaceAvailability

OCCUPANCY_SOURCE = "Belegung"


def with_occupancy(
    catalogue: Catalogue,
    planned: Mapping[str, PlaceAvailability],
    occupancy: Mapping[str, FreePlaces],
) -> dict[str, PlaceAvailability]:
    """Per offer id: contracted and free places of the measure it is, where known."""
    places = dict(planned)
    for offer in catalogue.offers:
        measured = occupancy.get(offer.measure or offer.id)
        if measured is not None and measured.places is not None:
            places[offer.id] = PlaceAvailability(
                measured.places, measured.free, measured.as_of, OCCUPANCY_SOURCE
            )
    return places
