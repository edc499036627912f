"""Kommunale Eingliederungsleistungen: "die restlichen Mittel" are derived, not empty."""

from __future__ import annotations

from decimal import Decimal

import pytest

from amp.core.municipal import MunicipalService, MunicipalServices

SHELTER = MunicipalService("frauenhaus", "Frauenhaus", Decimal(350000))
REST = MunicipalService("weitere", "weitere Leistungen", remainder=True)


def test_the_remainder_is_the_total_less_the_other_services() -> None:
    services = MunicipalServices("Kommunal", Decimal(785000), services=(SHELTER, REST))
    assert services.amount_of(REST) == Decimal(435000)
    assert services.amount_of(SHELTER) == Decimal(350000)


@pytest.mark.parametrize(
    ("services", "message"),
    [
        ((SHELTER, REST, REST), "höchstens eine Leistung"),
        ((SHELTER, MunicipalService("w", "w", Decimal(1), remainder=True)), "keinen eigenen"),
        ((MunicipalService("f", "f", Decimal(900000)), REST), "kein Rest"),
    ],
)
def test_a_remainder_that_cannot_be_derived_is_refused(
    services: tuple[MunicipalService, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        MunicipalServices("Kommunal", Decimal(785000), services=services)
