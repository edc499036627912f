"""Kommunale Eingliederungsleistungen nach § 16a SGB II, paid by the county itself."""

from __future__ import annotations

from dataclasses import dataclass

from amp.core.money import NonNegativeMoney


@dataclass(frozen=True, slots=True)
class MunicipalService:
    id: str
    name: str
    amount: NonNegativeMoney | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class MunicipalServices:
    title: str
    total: NonNegativeMoney
    legal_basis: str = "§ 16a SGB II"
    services: tuple[MunicipalService, ...] = ()
    note: str | None = None
