"""The tender calendar: when each contract ends, whether an option can still extend it,
whether a follow-up contract is awarded — and the alerts: a contract ending within six
months with no option left and no follow-up awarded needs a tender (Ausschreibung nötig);
an option's draw-by date is near."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from amp.core.occupancy.model import Contract, ContractOption, add_months


class TenderStatus(StrEnum):
    TENDER_NEEDED = "ausschreibung_noetig"
    AWARD_OPEN = "vergabe_offen"  # a planned follow-up (or new lot) not yet awarded
    OPTION_OPEN = "option_offen"
    FOLLOW_UP_AWARDED = "nachfolge_vergeben"
    RUNNING = "laufend"
    ENDED = "beendet"


TENDER_STATUS_LABELS = {
    TenderStatus.TENDER_NEEDED: "Ausschreibung nötig",
    TenderStatus.AWARD_OPEN: "Vergabe offen",
    TenderStatus.OPTION_OPEN: "Option offen",
    TenderStatus.FOLLOW_UP_AWARDED: "Folgevertrag vergeben",
    TenderStatus.RUNNING: "läuft",
    TenderStatus.ENDED: "beendet ohne Folgevertrag",
}

ALERTING = frozenset({TenderStatus.TENDER_NEEDED, TenderStatus.AWARD_OPEN})


def drawable_options(contract: Contract, on: date) -> tuple[ContractOption, ...]:
    """Options not drawn whose draw-by date has not passed on `on`."""
    return tuple(
        o for o in contract.options if not o.drawn and o.draw_by >= on and o.end > contract.end
    )


def follow_up(contracts: Sequence[Contract], contract: Contract) -> Contract | None:
    """The next contract of the same measure and lot that starts after this one."""
    later = [
        c
        for c in contracts
        if c.measure == contract.measure
        and c.lot == contract.lot
        and c.id != contract.id
        and c.start > contract.start
    ]
    return min(later, key=lambda c: c.start, default=None)


@dataclass(frozen=True, slots=True)
class TenderItem:
    contract: Contract
    status: TenderStatus
    due: date  # the date that matters: contract end, draw-by date or planned start
    options: tuple[ContractOption, ...]  # still drawable
    successor: Contract | None
    alert: bool

    @property
    def text(self) -> str:
        """A German sentence for the calendar."""
        c = self.contract
        end = f"{c.current_end:%d.%m.%Y}"
        if c.awarded_on is None:
            return f"Neuvergabe ab {c.start:%d.%m.%Y} geplant, noch nicht vergeben"
        if self.status is TenderStatus.OPTION_OPEN:
            o = self.options[0]
            return (
                f"Vertrag endet {end}; Option bis {o.end:%d.%m.%Y} ziehen bis {o.draw_by:%d.%m.%Y}"
            )
        if self.status is TenderStatus.FOLLOW_UP_AWARDED and self.successor is not None:
            s = self.successor
            return (
                f"Vertrag endet {end}, keine Option mehr; Folgevertrag ab "
                f"{s.start:%d.%m.%Y} vergeben am {s.awarded_on:%d.%m.%Y}"
            )
        if self.status is TenderStatus.TENDER_NEEDED and self.successor is not None:
            return (
                f"Vertrag endet {end}, keine Option mehr: neu ausschreiben; Neuvergabe ab "
                f"{self.successor.start:%d.%m.%Y} noch nicht vergeben"
            )
        if self.status is TenderStatus.TENDER_NEEDED:
            return f"Vertrag endet {end}, keine Option mehr: neu ausschreiben"
        if self.status is TenderStatus.ENDED:
            return f"Vertrag endete {end} ohne Folgevertrag"
        if c.awarded_on is not None and c.awarded_on.year >= self.due.year:
            return (
                f"vergeben am {c.awarded_on:%d.%m.%Y}, Beginn {c.start:%d.%m.%Y}, "
                f"Vertrag läuft bis {end}"
            )
        return f"Vertrag läuft bis {end}"


def assess(
    contracts: Sequence[Contract], contract: Contract, on: date, horizon_months: int = 6
) -> TenderItem:
    """The contract's state on `on`."""
    horizon = add_months(on, horizon_months)
    options = drawable_options(contract, on)
    successor = follow_up(contracts, contract)
    end = contract.current_end
    if contract.awarded_on is None or contract.awarded_on > on:
        # a follow-up's tender is the alert of the contract it follows
        follows = any(follow_up(contracts, c) is contract for c in contracts)
        near = contract.start <= horizon and not follows
        return TenderItem(contract, TenderStatus.AWARD_OPEN, contract.start, options, None, near)
    if options:
        return TenderItem(
            contract, TenderStatus.OPTION_OPEN, options[0].draw_by, options, successor, False
        )
    if successor is not None and successor.awarded_on is not None and successor.awarded_on <= on:
        return TenderItem(contract, TenderStatus.FOLLOW_UP_AWARDED, end, (), successor, False)
    if successor is not None and end >= on:
        near = end <= horizon
        return TenderItem(contract, TenderStatus.TENDER_NEEDED, end, (), successor, near)
    if end < on:
        return TenderItem(contract, TenderStatus.ENDED, end, (), None, False)
    if end <= horizon:
        return TenderItem(contract, TenderStatus.TENDER_NEEDED, end, (), None, True)
    return TenderItem(contract, TenderStatus.RUNNING, end, (), None, False)


def tender_calendar(
    contracts: Sequence[Contract], year: int, on: date, horizon_months: int = 6
) -> list[TenderItem]:
    """Every contract whose end, draw-by date or planned start falls in `year`, assessed on
    `on`, in date order."""
    items = []
    for c in contracts:
        dates = [c.current_end, c.start if c.awarded_on is None else None, c.awarded_on]
        dates += [o.draw_by for o in c.options]
        if any(d is not None and d.year == year for d in dates):
            item = assess(contracts, c, on, horizon_months)
            if item.due.year != year and c.awarded_on is not None and c.awarded_on.year == year:
                item = replace(item, due=c.awarded_on)  # a new award of the year
            items.append(item)
    return sorted(items, key=lambda i: (i.due, i.contract.measure, i.contract.id))


def tender_alerts(
    contracts: Sequence[Contract], on: date, horizon_months: int = 6
) -> list[TenderItem]:
    """Contracts that need a tender, or a planned award still open, within the horizon."""
    items = [assess(contracts, c, on, horizon_months) for c in contracts]
    return sorted((i for i in items if i.alert), key=lambda i: (i.due, i.contract.id))


@dataclass(frozen=True, slots=True)
class OptionDue:
    contract: Contract
    option: ContractOption
    days_left: int


def options_due(contracts: Sequence[Contract], on: date, days: int = 90) -> list[OptionDue]:
    """Options not yet drawn whose draw-by date lies within `days` days after `on`."""
    limit = on + timedelta(days=days)
    result = [
        OptionDue(c, o, (o.draw_by - on).days)
        for c in contracts
        for o in drawable_options(c, on)
        if o.draw_by <= limit
    ]
    return sorted(result, key=lambda d: (d.option.draw_by, d.contract.id))
