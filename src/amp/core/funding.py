"""The Mittelausstattung: what money the Jobcenter has, for the plan year and the year before.

The amounts a document states as components are data; the rows it derives from them
(Verwaltungsmittel insgesamt, Eingliederungsmittel Bund, … zur Verfügung) are printed
values that the checks recompute.
"""

from __future__ import annotations

from dataclasses import dataclass

from amp.core.money import ZERO, Money, NonNegativeMoney


@dataclass(frozen=True, slots=True)
class FundingPrinted:
    """The derived rows as printed; None where the document does not print them."""

    admin_total: Money | None = None  # Verwaltungsmittel insgesamt
    integration_federal_total: Money | None = None  # Eingliederungsmittel Bund
    transfer_deducted: Money | None = None  # abzgl. Umschichtung (printed negative)
    integration_available: Money | None = None  # Eingliederungsmittel Bund zur Verfügung


@dataclass(frozen=True, slots=True)
class SpecialFund:
    """Money outside the integration budget the document names, e.g. a federal programme."""

    id: str
    name: str
    amount: NonNegativeMoney
    approximate: bool = False  # printed with "rd.", "ca."
    note: str | None = None


@dataclass(frozen=True, slots=True)
class FundingYear:
    year: int
    label: str | None = None
    admin_federal: NonNegativeMoney = ZERO  # Verwaltungsmittel Bund ohne kommunalen Anteil
    transfer_to_admin: NonNegativeMoney = ZERO  # Umschichtung aus dem EgT
    admin_municipal: NonNegativeMoney = ZERO  # kommunaler Finanzierungsanteil
    integration_federal: NonNegativeMoney = ZERO  # EgT ohne JobPerspektive
    jobperspektive: NonNegativeMoney = ZERO  # § 16e SGB II a.F., gesondert zugewiesen
    recoveries_memo: NonNegativeMoney | None = None  # Rückforderungen, nur nachrichtlich
    pat: NonNegativeMoney = ZERO  # Passiv-Aktiv-Transfer für § 16i (Prognose)
    municipal_integration: NonNegativeMoney | None = None  # kommunale Mittel § 16a
    printed: FundingPrinted = FundingPrinted()
    special_funds: tuple[SpecialFund, ...] = ()  # Sondermittel outside the EgT

    @property
    def admin_total(self) -> Money:
        return self.admin_federal + self.transfer_to_admin + self.admin_municipal

    @property
    def integration_federal_total(self) -> Money:
        return self.integration_federal + self.jobperspektive

    @property
    def integration_available(self) -> Money:
        """The EgT the Jobcenter can spend on instruments: allocation less the transfer."""
        return self.integration_federal_total - self.transfer_to_admin


@dataclass(frozen=True, slots=True)
class Funding:
    title: str
    years: tuple[FundingYear, ...]

    def year(self, year: int) -> FundingYear | None:
        return next((y for y in self.years if y.year == year), None)
