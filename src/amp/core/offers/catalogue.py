"""The offer catalogue: the plan's measures, vouchers and individual instruments as offers.

Built from the plan and angebote.yaml. Every measure of the plan becomes an offer, completed
by its entry in angebote.yaml where there is one; AVGS categories and Bildungsziele become
offers only where angebote.yaml lists them (they are budget lines first). Offers past their
end date are archived by date, never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from amp.core.measures import Measure, MeasureTable
from amp.core.offers.model import Criteria, OfferData, OfferEntry, OfferKind, Region
from amp.core.pathways import Offer as PathwayOffer
from amp.core.pathways import Pathway
from amp.core.vouchers import AvgsPlan, TrainingVoucherPlan

# the measure tables whose measures are for one age group (the plan's u25 and ü25 tables)
_TABLE_AGES: dict[str, tuple[int | None, int | None]] = {"u25": (None, 24), "ue25": (25, None)}


@dataclass(frozen=True, slots=True)
class Offer:
    """One offer of the catalogue, resolved against the plan."""

    id: str
    name: str
    kind: OfferKind
    legal_basis: str | None = None
    provider: str | None = None
    description: str | None = None
    audience: str | None = None  # the plan's "Zielgruppe"
    criteria: Criteria = field(default_factory=Criteria)
    regions: tuple[str, ...] = ()
    site: str | None = None
    regionalstelle: str | None = None
    starts: tuple[date, ...] = ()
    rolling: bool = False
    valid_from: date | None = None
    valid_until: date | None = None
    duration: str | None = None
    duration_months: int | None = None
    hours_per_week: int | None = None
    part_time: bool = False
    childcare: bool = False
    accessible: bool = False
    funding_route: str | None = None
    planned_places: int | None = None
    places_as_of: date | None = None  # the Stand of the plan table the places come from
    measure: str | None = None
    contact: str | None = None
    note: str | None = None

    @property
    def unlimited(self) -> bool:
        """Individual support (EGZ, § 16i …) has no places: it is granted case by case."""
        return self.kind is OfferKind.INSTRUMENT

    def ended(self, on: date) -> bool:
        return self.valid_until is not None and self.valid_until < on

    def started(self, on: date) -> bool:
        return self.valid_from is None or self.valid_from <= on

    def next_start(self, on: date) -> date | None:
        """The next day a person can start: today for rolling entry, else the next fixed date."""
        if self.ended(on):
            return None
        first = max(on, self.valid_from) if self.valid_from else on
        if self.rolling or not self.starts:
            return first if self.rolling else None
        upcoming = [d for d in self.starts if d >= first]
        if self.valid_until is not None:
            upcoming = [d for d in upcoming if d <= self.valid_until]
        return min(upcoming, default=None)


@dataclass(frozen=True)
class Catalogue:
    offers: tuple[Offer, ...]
    regions: tuple[Region, ...] = ()
    as_of: date | None = None
    pathways: tuple[Pathway, ...] = ()
    _index: dict[str, Offer] = field(init=False, repr=False, compare=False)
    _by_measure: dict[str, Offer] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {o.id: o for o in self.offers})
        by_measure = {o.measure: o for o in self.offers if o.measure}
        object.__setattr__(self, "_by_measure", by_measure)

    def get(self, offer_id: str) -> Offer | None:
        return self._index.get(offer_id)

    def of_measure(self, measure_id: str) -> Offer | None:
        return self._by_measure.get(measure_id)

    def resolve(self, item: PathwayOffer) -> Offer | None:
        """The catalogue offer a chain item stands for, if it names one."""
        if item.offer is not None:
            return self.get(item.offer)
        if item.measure is not None:
            return self.of_measure(item.measure)
        return None

    def current(self, on: date) -> tuple[Offer, ...]:
        return tuple(o for o in self.offers if not o.ended(on))

    def archived(self, on: date) -> tuple[Offer, ...]:
        """Offers past their end date: kept for the record, never proposed."""
        return tuple(o for o in self.offers if o.ended(on))

    def region_name(self, region_id: str) -> str:
        return next((r.name for r in self.regions if r.id == region_id), region_id)


def _measure_span(measure: Measure) -> tuple[date | None, date | None]:
    periods = [p for p in measure.contract_periods if not p.option]
    if not periods:
        return None, None
    start = min(p.start for p in periods)
    ends = [p.end_alternative or p.end for p in periods]
    if any(e is None for e in ends):
        return start, None
    return start, max(e for e in ends if e is not None)


def _from_measure(measure: Measure, table: MeasureTable) -> Offer:
    start, end = _measure_span(measure)
    low, high = _TABLE_AGES.get(table.id, (None, None))
    criteria = Criteria(
        min_age=low,
        max_age=high,
        age_reference=f"Maßnahmetabelle „{table.title}“" if low or high else None,
    )
    return Offer(
        id=measure.id,
        name=measure.name,
        kind=OfferKind.MASSNAHME,
        legal_basis=measure.legal_basis,
        provider=measure.provider,
        description=measure.content,
        audience=measure.audience,
        criteria=criteria,
        valid_from=start,
        valid_until=end,
        duration=measure.duration,
        duration_months=measure.duration_months_max,
        planned_places=measure.places.value,
        places_as_of=table.as_of,
        measure=measure.id,
        funding_route=f"Vergabe ({measure.legal_basis})",
        note=measure.note,
    )


def _complete(base: Offer, entry: OfferEntry) -> Offer:
    """The plan's offer with what angebote.yaml adds; the file wins where both say something."""
    criteria = entry.criteria
    if criteria == Criteria():
        criteria = base.criteria
    elif criteria.min_age is None and criteria.max_age is None:
        age = base.criteria
        criteria = replace(
            criteria,
            min_age=age.min_age,
            max_age=age.max_age,
            age_reference=criteria.age_reference or age.age_reference,
        )
    return replace(
        base,
        id=entry.id,
        name=entry.name or base.name,
        kind=entry.kind or base.kind,
        legal_basis=entry.legal_basis or base.legal_basis,
        provider=entry.provider or base.provider,
        description=entry.description or base.description,
        criteria=criteria,
        regions=entry.regions or base.regions,
        site=entry.site or base.site,
        regionalstelle=entry.regionalstelle or base.regionalstelle,
        starts=entry.starts or base.starts,
        rolling=entry.rolling or base.rolling,
        valid_from=entry.valid_from or base.valid_from,
        valid_until=entry.valid_until or base.valid_until,
        duration=entry.duration or base.duration,
        duration_months=entry.duration_months or base.duration_months,
        hours_per_week=entry.hours_per_week or base.hours_per_week,
        part_time=entry.part_time or base.part_time,
        childcare=entry.childcare or base.childcare,
        accessible=entry.accessible or base.accessible,
        funding_route=entry.funding_route or base.funding_route,
        planned_places=base.planned_places if base.planned_places is not None else entry.places,
        contact=entry.contact or base.contact,
        note=entry.note or base.note,
    )


def _standalone(entry: OfferEntry) -> Offer:
    return _complete(Offer(id=entry.id, name=entry.id, kind=OfferKind.INSTRUMENT), entry)


def build_catalogue(
    measure_tables: Iterable[MeasureTable],
    data: OfferData | None,
    avgs: AvgsPlan | None = None,
    training: TrainingVoucherPlan | None = None,
    pathways: Iterable[Pathway] = (),
) -> Catalogue:
    """Every measure of the plan, completed by angebote.yaml, plus the file's own offers.

    Raises ValueError naming an entry that refers to a measure, AVGS category or
    Bildungsziel the plan does not have (the loader reports it with file and line first).
    """
    data = data or OfferData()
    tables = tuple(measure_tables)
    measures: dict[str, Offer] = {m.id: _from_measure(m, t) for t in tables for m in t.measures}
    avgs_by_id = {c.id: c for c in avgs.categories} if avgs else {}
    goals = {g.id: g for g in training.goals} if training else {}
    completed: dict[str, Offer] = {}
    offers: list[Offer] = []
    for entry in data.offers:
        if entry.measure is not None:
            if entry.measure not in measures:
                raise ValueError(f"{entry.id}: unbekannte Maßnahme '{entry.measure}'")
            completed[entry.measure] = _complete(measures[entry.measure], entry)
            continue
        if entry.avgs is not None:
            category = avgs_by_id.get(entry.avgs)
            if category is None:
                raise ValueError(f"{entry.id}: unbekannte AVGS-Kategorie '{entry.avgs}'")
            base = Offer(
                id=entry.id,
                name=f"AVGS {category.name}",
                kind=OfferKind.AVGS,
                legal_basis=category.legal_reference,
                planned_places=category.count,
                places_as_of=avgs.as_of if avgs else None,
                rolling=True,
                funding_route="Gutschein (AVGS)",
            )
            offers.append(_complete(base, entry))
            continue
        if entry.training_goal is not None:
            goal = goals.get(entry.training_goal)
            if goal is None:
                raise ValueError(f"{entry.id}: unbekanntes Bildungsziel '{entry.training_goal}'")
            months = int(goal.duration_months) if goal.duration_months is not None else None
            base = Offer(
                id=entry.id,
                name=goal.name,
                kind=OfferKind.BILDUNGSGUTSCHEIN,
                legal_basis=training.legal_basis if training else None,
                duration=f"{months} Monate" if months else None,
                duration_months=months,
                planned_places=goal.total,
                places_as_of=training.as_of if training else None,
                funding_route="Bildungsgutschein (FbW)",
            )
            offers.append(_complete(base, entry))
            continue
        offers.append(_standalone(entry))
    from_plan = [completed.get(m_id, offer) for m_id, offer in measures.items()]
    return Catalogue(tuple(from_plan + offers), data.regions, data.as_of, tuple(pathways))
