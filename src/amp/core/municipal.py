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

    def __post_init__(self) -> None:
        rests = [s for s in self.services if s.remainder]
        if len(rests) > 1:
            raise ValueError(
                "höchstens eine Leistung kann „die restlichen Mittel“ sein (remainder)"
            )
        if rests and rests[0].amount is not None:
            raise ValueError("eine Leistung mit remainder: true hat keinen eigenen Betrag")
        if rests and total(s.amount for s in self.services) > self.total:
            raise ValueError("die übrigen Leistungen übersteigen den Ansatz; es bleibt kein Rest")

    def amount_of(self, service: MunicipalService) -> Decimal | None:
        """The service's amount; for the remainder, the total less the amounts of the others."""
        if not service.remainder:
            return service.amount
        others = [s.amount for s in self.services if s is not service]
        return self.total - total(others)
