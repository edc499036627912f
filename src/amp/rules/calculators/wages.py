"""Monthly wage from an hourly wage, and the employer's social-insurance share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from amp.core.money import round_half_up
from amp.rules.law import Key, Law
from amp.rules.parameters import Parameter

WEEKS_PER_MONTH = Decimal(13) / Decimal(3)  # 52 weeks / 12 months


@dataclass(frozen=True, slots=True)
class SocialInsurance:
    """The contribution rates the employer pays half of (unemployment insurance left out)."""

    pension: Parameter
    health: Parameter
    health_extra: Parameter
    care: Parameter

    def employer_share_without_av(self, day: date) -> Decimal:
        """Half of RV + KV + average Zusatzbeitrag + PV, in percent."""
        rates = (self.pension, self.health, self.health_extra, self.care)
        return sum((r.number_at(day) for r in rates), Decimal(0)) / 2


def social_insurance(law: Law) -> SocialInsurance:
    return SocialInsurance(law[Key.PENSION], law[Key.HEALTH], law[Key.HEALTH_EXTRA], law[Key.CARE])


def monthly_wage(hourly: Decimal, hours_per_week: Decimal) -> Decimal:
    """Hourly wage × weekly hours × 13/3, rounded to the cent."""
    return round_half_up(hourly * hours_per_week * WEEKS_PER_MONTH)
