"""The finder: which offers fit this person now, ranked, each with its reasons.

Every criterion of an offer gives a reason: met (why it fits), not met (what is missing)
or unknown (which fact the caseworker would have to add). Legal conditions come from
amp.rules' eligibility checks with their §. Offers past their end date are never proposed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from amp.core.offers.catalogue import Catalogue, Offer
from amp.core.offers.model import RESIDENCE_LABELS, Criteria, GermanLevel, Rule
from amp.core.offers.profile import PlaceAvailability, Profile
from amp.core.pathways import Pathway

RULE_LABELS = {
    Rule.SGB2_16I: "§ 16i SGB II",
    Rule.SGB2_16E: "§ 16e SGB II",
    Rule.AUFENTHG_104C: "§ 104c AufenthG",
}


class Fit(StrEnum):
    PASST = "passt"
    PRUEFEN = "prüfen"  # facts missing, or a practical need the offer does not meet
    PASST_NICHT = "passt nicht"


class ReasonKind(StrEnum):
    MET = "erfüllt"
    MISSING = "fehlt"
    UNKNOWN = "unbekannt"
    NEED = "Bedarf"  # a practical need (part-time, childcare, access) the offer does not meet


class Reason(NamedTuple):
    """One criterion against the person (a tuple: the finder makes tens of thousands)."""

    kind: ReasonKind
    text: str
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class ChainPosition:
    """Where an offer (or the person) stands in a Förderkette, and what comes next."""

    pathway_id: str
    pathway_name: str
    stage_id: str
    stage_name: str
    stage_number: int  # 1-based
    stage_count: int
    next_stage_id: str | None = None
    next_stage_name: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    offer: Offer
    fit: Fit
    score: int
    reasons: tuple[Reason, ...]
    availability: PlaceAvailability | None
    next_start: date | None
    chain: tuple[ChainPosition, ...] = ()

    def of_kind(self, kind: ReasonKind) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.kind is kind)

    @property
    def free(self) -> int | None:
        return self.availability.free if self.availability else None


def _yes(flag: bool | None) -> bool:
    return flag is True


def _age_reasons(c: Criteria, p: Profile) -> list[Reason]:
    if c.min_age is None and c.max_age is None:
        return []
    if c.min_age is not None and c.max_age is not None:
        span = f"von {c.min_age} bis {c.max_age} Jahren"
    elif c.max_age is not None:
        span = f"unter {c.max_age + 1} Jahren"
    else:
        span = f"ab {c.min_age} Jahren"
    ref = c.age_reference
    if p.age is None:
        return [
            Reason(ReasonKind.UNKNOWN, f"Alter nicht angegeben (Angebot für Menschen {span})", ref)
        ]
    ok = (c.min_age is None or p.age >= c.min_age) and (c.max_age is None or p.age <= c.max_age)
    kind = ReasonKind.MET if ok else ReasonKind.MISSING
    return [Reason(kind, f"{p.age} Jahre; Angebot für Menschen {span}", ref)]


def _flag(
    wanted: bool, have: bool | None, yes: str, no: str, unknown: str, ref: str | None = None
) -> list[Reason]:
    if not wanted:
        return []
    if have is None:
        return [Reason(ReasonKind.UNKNOWN, unknown, ref)]
    return [Reason(ReasonKind.MET, yes, ref) if have else Reason(ReasonKind.MISSING, no, ref)]


def _german_reasons(c: Criteria, p: Profile) -> list[Reason]:
    if c.german_min is None and c.german_max is None:
        return []
    if p.german is None:
        return [Reason(ReasonKind.UNKNOWN, "Deutschkenntnisse nicht angegeben")]
    level = p.german
    shown = "keine Deutschkenntnisse" if level is GermanLevel.NONE else f"Deutsch {level.value}"
    reasons = []
    if c.german_min is not None:
        if level.rank >= c.german_min.rank:
            reasons.append(
                Reason(ReasonKind.MET, f"{shown}; nötig mindestens {c.german_min.value}")
            )
        else:
            reasons.append(
                Reason(ReasonKind.MISSING, f"{shown}; nötig mindestens {c.german_min.value}")
            )
    if c.german_max is not None:
        if level.rank <= c.german_max.rank:
            text = f"{shown}; Angebot für Deutschkenntnisse bis {c.german_max.value}"
            reasons.append(Reason(ReasonKind.MET, text))
        else:
            text = f"{shown}; Angebot nur für Deutschkenntnisse bis {c.german_max.value}"
            reasons.append(Reason(ReasonKind.MISSING, text))
    return reasons


def _residence_reasons(c: Criteria, p: Profile) -> list[Reason]:
    reasons: list[Reason] = []
    if c.residence:
        ref = c.residence_reference
        if p.residence is None:
            reasons.append(Reason(ReasonKind.UNKNOWN, "Aufenthaltsstatus nicht angegeben", ref))
        else:
            label = RESIDENCE_LABELS[p.residence]
            ok = p.residence in c.residence
            text = label if ok else f"{label}: dieser Aufenthaltsstatus ist nicht zugelassen"
            reasons.append(Reason(ReasonKind.MET if ok else ReasonKind.MISSING, text, ref))
    reasons += _flag(
        c.refugees_only,
        p.refugee,
        "Fluchthintergrund",
        "Angebot für Menschen mit Fluchthintergrund",
        "Fluchthintergrund nicht angegeben",
    )
    return reasons


def _child_reasons(c: Criteria, p: Profile) -> list[Reason]:
    if c.youngest_child_under is None:
        return []
    limit = c.youngest_child_under
    if p.youngest_child_age is None:
        text = f"Alter des jüngsten Kindes nicht angegeben (unter {limit} nötig)"
        return [Reason(ReasonKind.UNKNOWN, text)]
    ok = p.youngest_child_age < limit
    text = f"jüngstes Kind {p.youngest_child_age} Jahre; Angebot für Eltern mit Kind unter {limit}"
    return [Reason(ReasonKind.MET if ok else ReasonKind.MISSING, text)]


def rule_reasons(rule: Rule, p: Profile) -> tuple[Reason, ...]:
    """The conditions of one legal check of amp.rules as reasons, with their §."""
    conditions = p.legal.get(rule)
    if conditions is None:
        text = f"Voraussetzungen nach {RULE_LABELS[rule]} nicht geprüft"
        return (Reason(ReasonKind.UNKNOWN, text, RULE_LABELS[rule]),)
    reasons = []
    for cond in conditions:
        if cond.met:
            kind = ReasonKind.MET
        else:
            kind = ReasonKind.UNKNOWN if cond.unknown else ReasonKind.MISSING
        reasons.append(Reason(kind, f"{cond.label}: {cond.detail}", cond.reference))
    return tuple(reasons)


def _requires_reasons(c: Criteria, p: Profile) -> list[Reason]:
    """Further requirements, checked one by one and told in at most three reasons."""
    if not c.requires:
        return []
    if p.has is None:
        return [Reason(ReasonKind.UNKNOWN, "nicht angegeben, ob erfüllt: " + ", ".join(c.requires))]
    met = [r for r in c.requires if r in p.has]
    lacking = [r for r in c.requires if r not in p.has]
    reasons = []
    if met:
        reasons.append(Reason(ReasonKind.MET, "Voraussetzungen erfüllt: " + ", ".join(met)))
    if lacking:
        reasons.append(Reason(ReasonKind.MISSING, "Voraussetzungen fehlen: " + ", ".join(lacking)))
    return reasons


def _groups(c: Criteria, p: Profile) -> list[list[Reason]]:
    return [
        _flag(
            c.long_term_unemployed,
            p.lzb,
            "langzeitarbeitslos",
            "Angebot für Langzeitarbeitslose (ein Jahr und länger arbeitslos)",
            "Dauer der Arbeitslosigkeit nicht angegeben",
            "§ 18 SGB III",
        ),
        _flag(
            c.disability,
            p.disabled,
            "Reha oder Schwerbehinderung",
            "Angebot für Menschen mit Behinderung (Reha oder Schwerbehinderung)",
            "Reha/Schwerbehinderung nicht angegeben",
        ),
        _flag(
            c.single_parent,
            p.single_parent,
            "alleinerziehend",
            "Angebot für Alleinerziehende",
            "nicht angegeben, ob alleinerziehend",
        ),
        _child_reasons(c, p),
        _flag(
            c.women_only,
            p.woman,
            "Angebot für Frauen",
            "Angebot nur für Frauen",
            "Geschlecht nicht angegeben",
        ),
    ]


def criteria_reasons(
    c: Criteria,
    p: Profile,
    stop_at_missing: bool = False,
    rules: dict[Rule, tuple[Reason, ...]] | None = None,
) -> list[Reason]:
    """Every target-group criterion of an offer against the person.

    With `stop_at_missing` the evaluation ends after the first group of checks with an
    unmet criterion (the offer cannot fit; the finder drops it). `rules` caches the
    reasons of the legal checks for one person.
    """
    reasons: list[Reason] = []
    for check in (_age_reasons, _residence_reasons, _german_reasons):
        found = check(c, p)
        reasons += found
        if stop_at_missing and any(r.kind is ReasonKind.MISSING for r in found):
            return reasons
    for found in _groups(c, p):
        reasons += found
    reasons += _requires_reasons(c, p)
    if stop_at_missing and any(r.kind is ReasonKind.MISSING for r in reasons):
        return reasons
    for rule in dict.fromkeys(c.rules):
        if rules is None:
            reasons += rule_reasons(rule, p)
        else:
            if rule not in rules:
                rules[rule] = rule_reasons(rule, p)
            reasons += rules[rule]
    return reasons


def excluded(offer: Offer, p: Profile, failing_rules: frozenset[Rule]) -> bool:
    """Whether a known fact rules the offer out: the same verdict as a "fehlt" reason of
    `criteria_reasons` or the region, without writing any reason (the finder's fast path;
    tests/core/offers hold both to agreement). `failing_rules`: the legal checks with an
    unmet condition for this person."""
    c = offer.criteria
    if p.age is not None and (
        (c.min_age is not None and p.age < c.min_age)
        or (c.max_age is not None and p.age > c.max_age)
    ):
        return True
    if c.residence and p.residence is not None and p.residence not in c.residence:
        return True
    if p.german is not None:
        rank = p.german.rank
        if (c.german_min is not None and rank < c.german_min.rank) or (
            c.german_max is not None and rank > c.german_max.rank
        ):
            return True
    if (
        (c.refugees_only and p.refugee is False)
        or (c.long_term_unemployed and p.lzb is False)
        or (c.disability and p.disabled is False)
        or (c.single_parent and p.single_parent is False)
        or (c.women_only and p.woman is False)
    ):
        return True
    if (
        c.youngest_child_under is not None
        and p.youngest_child_age is not None
        and p.youngest_child_age >= c.youngest_child_under
    ):
        return True
    if c.requires and p.has is not None and not p.has.issuperset(c.requires):
        return True
    if failing_rules and not failing_rules.isdisjoint(c.rules):
        return True
    return bool(offer.regions and p.region is not None and p.region not in offer.regions)


def _practical_reasons(offer: Offer, p: Profile, catalogue: Catalogue) -> list[Reason]:
    reasons: list[Reason] = []
    if offer.regions and p.region is not None:
        names = ", ".join(catalogue.region_name(r) for r in offer.regions)
        if p.region in offer.regions:
            reasons.append(Reason(ReasonKind.MET, f"Angebot im {names}"))
        else:
            reasons.append(Reason(ReasonKind.MISSING, f"Angebot nur im {names}"))
    if p.needs_part_time:
        if offer.part_time:
            reasons.append(Reason(ReasonKind.MET, "auch in Teilzeit möglich"))
        else:
            reasons.append(Reason(ReasonKind.NEED, "Teilzeit nicht vorgesehen"))
    if p.needs_childcare:
        if offer.childcare:
            reasons.append(Reason(ReasonKind.MET, "Kinderbetreuung wird angeboten"))
        else:
            reasons.append(Reason(ReasonKind.NEED, "keine Kinderbetreuung beim Angebot"))
    if p.needs_accessibility:
        if offer.accessible:
            reasons.append(Reason(ReasonKind.MET, "barrierefrei erreichbar"))
        else:
            reasons.append(Reason(ReasonKind.NEED, "Barrierefreiheit nicht bestätigt"))
    return reasons


def _chain_index(
    pathways: tuple[Pathway, ...], catalogue: Catalogue, on: date
) -> dict[str, list[ChainPosition]]:
    index: dict[str, list[ChainPosition]] = {}
    for pathway in pathways:
        count = len(pathway.stages)
        for n, stage in enumerate(pathway.stages):
            following = pathway.stages[n + 1] if n + 1 < count else None
            position = ChainPosition(
                pathway.id,
                pathway.name,
                stage.id,
                stage.name,
                n + 1,
                count,
                following.id if following else None,
                following.name if following else None,
            )
            for item in stage.offers:
                offer = catalogue.resolve(item)
                if offer is not None and item.valid_on(on):
                    index.setdefault(offer.id, []).append(position)
    return index


def person_positions(catalogue: Catalogue, profile: Profile, on: date) -> tuple[ChainPosition, ...]:
    """The Förderketten the person belongs to and the stage they are at.

    The stage is the one the caseworker chose; without it, a person with German below B1
    starts at the chain's first stage (language), otherwise none is assumed.
    """
    positions: list[ChainPosition] = []
    for pathway in catalogue.pathways:
        if pathway.criteria is not None:
            checked = criteria_reasons(pathway.criteria, profile)
            if any(r.kind is ReasonKind.MISSING for r in checked):
                continue
            if any(r.kind is ReasonKind.UNKNOWN for r in checked) and profile.refugee is not True:
                continue
        ids = [s.id for s in pathway.stages]
        stage_id = profile.current_stage if profile.current_stage in ids else None
        if (
            stage_id is None
            and profile.german is not None
            and profile.german.rank < GermanLevel.B1.rank
        ):
            stage_id = ids[0] if ids else None
        if stage_id is None:
            continue
        n = ids.index(stage_id)
        stage = pathway.stages[n]
        following = pathway.stages[n + 1] if n + 1 < len(ids) else None
        positions.append(
            ChainPosition(
                pathway.id,
                pathway.name,
                stage.id,
                stage.name,
                n + 1,
                len(ids),
                following.id if following else None,
                following.name if following else None,
            )
        )
    return tuple(positions)


def _score(
    fit: Fit,
    reasons: list[Reason],
    free: int | None,
    start: date | None,
    on: date,
    chain_bonus: int,
    targeted: int,
) -> int:
    score = {Fit.PASST: 1000, Fit.PRUEFEN: 500, Fit.PASST_NICHT: 0}[fit]
    score -= 40 * sum(r.kind is ReasonKind.UNKNOWN for r in reasons)
    score -= 60 * sum(r.kind is ReasonKind.NEED for r in reasons)
    if free is None:
        score += 50
    elif free > 0:
        score += 150
    else:
        score -= 200
    if start is not None:
        score += max(0, 60 - (start - on).days // 7)
    return score + chain_bonus + 10 * targeted


def find_offers(
    catalogue: Catalogue,
    profile: Profile,
    places: Mapping[str, PlaceAvailability],
    on: date,
    include_unfit: bool = False,
) -> list[Match]:
    """The offers for this person on `on`, best first; ended offers never appear.

    Offers the person is not eligible for are left out unless `include_unfit`.
    """
    chains = _chain_index(catalogue.pathways, catalogue, on)
    own = person_positions(catalogue, profile, on)
    here = {(p.pathway_id, p.stage_id) for p in own}
    ahead = {(p.pathway_id, p.next_stage_id) for p in own if p.next_stage_id}
    matches: list[Match] = []
    rule_cache: dict[Rule, tuple[Reason, ...]] = {}
    mine = {p.pathway_id for p in own}
    failing = frozenset(
        rule
        for rule in Rule
        if any(r.kind is ReasonKind.MISSING for r in rule_reasons(rule, profile))
    )
    for offer in catalogue.offers:
        if offer.ended(on):
            continue
        if not include_unfit and excluded(offer, profile, failing):
            continue
        reasons = criteria_reasons(
            offer.criteria,
            profile,
            stop_at_missing=not include_unfit,
            rules=rule_cache,
        ) + _practical_reasons(offer, profile, catalogue)
        kinds = {r.kind for r in reasons}
        if ReasonKind.MISSING in kinds:
            fit = Fit.PASST_NICHT
            if not include_unfit:
                continue
        elif ReasonKind.UNKNOWN in kinds or ReasonKind.NEED in kinds:
            fit = Fit.PRUEFEN
        else:
            fit = Fit.PASST
        availability = places.get(offer.id)
        free = availability.free if availability else None
        if availability is not None and free == 0:
            reasons.append(Reason(ReasonKind.NEED, "zurzeit kein freier Platz"))
            if fit is Fit.PASST:
                fit = Fit.PRUEFEN
        start = offer.next_start(on)
        if not offer.started(on) and offer.valid_from is not None:
            reasons.append(Reason(ReasonKind.MET, f"beginnt am {offer.valid_from:%d.%m.%Y}"))
        positions = tuple(chains.get(offer.id, ()))
        if own:  # the person's own chains only
            positions = tuple(p for p in positions if p.pathway_id in mine)
        bonus = 0
        if any((p.pathway_id, p.stage_id) in here for p in positions):
            bonus = 120
        elif any((p.pathway_id, p.stage_id) in ahead for p in positions):
            bonus = 100
        targeted = sum(r.kind is ReasonKind.MET for r in reasons)
        score = _score(fit, reasons, free, start, on, bonus, targeted)
        matches.append(Match(offer, fit, score, tuple(reasons), availability, start, positions))
    matches.sort(key=lambda m: (-m.score, m.offer.name))
    return matches
