"""The units a figure or finding is measured in; the edges format by them."""

from enum import StrEnum


class Unit(StrEnum):
    EUR = "€"
    PERCENT = "%"
    COUNT = "Anzahl"
