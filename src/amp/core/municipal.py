"""Kommunale Eingliederungsleistungen nach § 16a SGB II, paid by the county itself."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from amp.core.money import NonNegativeMoney, total


@dataclass(frozen=True, slots=True)
class MunicipalService:
    id: str
    name: str
    amount: NonNegativeMoney | None = None
    note: str | None = None
    remainder: bool = False  # "die restlichen Mittel": the total less the other services


@dataclass(frozen=True, slots=True)
class MunicipalServices:
    title: str
    total: NonNegativeMoney
    legal_basis: str = "§ 16a SGB II"
    services: tuple[MunicipalService, ...] = ()
    note: str | None = None

    def amount_of(self, service: MunicipalService) -> Decimal | None:
        """The service's amount; for the remainder, the total less the amounts of the others."""
        if not service.remainder:
            return service.amount
        others = [s.amount for s in self.services if s is not service]
        return self.total - total(others)
