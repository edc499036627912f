"""Amounts inside the German sentences the ledger writes (findings, explanations, sources):
1.234,56 €. Tables and screens format through amp.core.formatting at the edges."""

from __future__ import annotations

from decimal import Decimal

from amp.core.money import round_half_up


def eur(value: Decimal | float, places: int = 2) -> str:
    amount = round_half_up(Decimal(repr(value)) if isinstance(value, float) else value, places)
    text = f"{amount:,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + " €"
