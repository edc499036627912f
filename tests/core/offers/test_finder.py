"""The finder's fast path agrees with its reasons, and a few rules of the ranking."""

from __future__ import annotations

import random
from datetime import date

from amp.core.offers import (
    Catalogue,
    Criteria,
    GermanLevel,
    LegalCondition,
    Offer,
    OfferKind,
    PlaceAvailability,
    Profile,
    ReasonKind,
    Residence,
    Rule,
    find_offers,
)
from amp.core.offers.finder import criteria_reasons, excluded, rule_reasons

ON = date(2024, 5, 2)
TAGS = ("Führerschein Klasse B", "Hauptschulabschluss", "Staplerschein")


def _maybe(rng: random.Random, value: object) -> object:
    return value if rng.random() < 0.6 else None


def _criteria(rng: random.Random) -> Criteria:
    low = rng.choice([None, rng.randint(15, 40)])
    german_min = rng.choice([None, *GermanLevel])
    return Criteria(
        min_age=low,
        max_age=rng.choice([None, (low or 15) + rng.randint(0, 40)]),
        residence=tuple(rng.sample(list(Residence), rng.randint(0, 4))),
        refugees_only=rng.random() < 0.3,
        german_min=german_min,
        german_max=rng.choice(
            [None, *(g for g in GermanLevel if german_min is None or g.rank >= german_min.rank)]
        ),
        long_term_unemployed=rng.random() < 0.3,
        disability=rng.random() < 0.3,
        single_parent=rng.random() < 0.3,
        youngest_child_under=rng.choice([None, 3, 18]),
        women_only=rng.random() < 0.3,
        rules=tuple(rng.sample(list(Rule), rng.randint(0, 2))),
        requires=tuple(rng.sample(TAGS, rng.randint(0, 2))),
    )


def _profile(rng: random.Random) -> Profile:
    legal = {
        rule: (LegalCondition("Bedingung", rng.random() < 0.7, "Detail", "§ 1", False),)
        for rule in Rule
        if rng.random() < 0.7
    }
    return Profile(
        age=_maybe(rng, rng.randint(16, 64)),  # type: ignore[arg-type]
        woman=_maybe(rng, rng.random() < 0.5),  # type: ignore[arg-type]
        residence=_maybe(rng, rng.choice(list(Residence))),  # type: ignore[arg-type]
        refugee=_maybe(rng, rng.random() < 0.5),  # type: ignore[arg-type]
        german=_maybe(rng, rng.choice(list(GermanLevel))),  # type: ignore[arg-type]
        long_term_unemployed=_maybe(rng, rng.random() < 0.5),  # type: ignore[arg-type]
        disability=_maybe(rng, rng.random() < 0.5),  # type: ignore[arg-type]
        single_parent=_maybe(rng, rng.random() < 0.5),  # type: ignore[arg-type]
        youngest_child_age=_maybe(rng, rng.randint(0, 17)),  # type: ignore[arg-type]
        region=_maybe(rng, rng.choice(["nord", "sued"])),  # type: ignore[arg-type]
        has=_maybe(rng, frozenset(rng.sample(TAGS, rng.randint(0, 3)))),  # type: ignore[arg-type]
        legal=legal,
    )


def test_the_fast_exclusion_agrees_with_the_reasons() -> None:
    rng = random.Random(4711)
    for n in range(3000):
        offer = Offer(
            id=f"o{n}",
            name="x",
            kind=OfferKind.MASSNAHME,
            criteria=_criteria(rng),
            regions=tuple(rng.sample(["nord", "sued"], rng.randint(0, 1))),
        )
        person = _profile(rng)
        failing = frozenset(
            r for r in Rule if any(x.kind is ReasonKind.MISSING for x in rule_reasons(r, person))
        )
        reasons = criteria_reasons(offer.criteria, person)
        wrong_region = bool(offer.regions and person.region and person.region not in offer.regions)
        missing = any(r.kind is ReasonKind.MISSING for r in reasons) or wrong_region
        assert excluded(offer, person, failing) == missing, (offer.criteria, person)


def _offer(offer_id: str, **criteria: object) -> Offer:
    return Offer(
        id=offer_id,
        name=offer_id,
        kind=OfferKind.MASSNAHME,
        criteria=Criteria(**criteria),  # type: ignore[arg-type]
        rolling=True,
    )


def test_a_free_place_ranks_before_a_full_offer_and_unknown_facts_lower() -> None:
    catalogue = Catalogue(
        (
            _offer("voll", max_age=24),
            _offer("frei", max_age=24),
            _offer("unbekannt", max_age=24, single_parent=True),
        )
    )
    places = {
        "voll": PlaceAvailability(10, 0, ON, "Belegung"),
        "frei": PlaceAvailability(10, 2, ON, "Belegung"),
        "unbekannt": PlaceAvailability(10, 2, ON, "Belegung"),
    }
    found = find_offers(catalogue, Profile(age=22), places, ON)
    assert [m.offer.id for m in found] == ["frei", "unbekannt", "voll"]
    assert found[2].fit.value == "prüfen"
    assert "zurzeit kein freier Platz" in [r.text for r in found[2].reasons]


def test_requirements_are_checked_one_by_one_and_told_together() -> None:
    offer = _offer("stapler", requires=("Staplerschein", "Hauptschulabschluss"))
    reasons = criteria_reasons(offer.criteria, Profile(has=frozenset({"Staplerschein"})))
    assert [(r.kind.value, r.text) for r in reasons] == [
        ("erfüllt", "Voraussetzungen erfüllt: Staplerschein"),
        ("fehlt", "Voraussetzungen fehlen: Hauptschulabschluss"),
    ]
    unknown = criteria_reasons(offer.criteria, Profile())
    assert unknown[0].kind is ReasonKind.UNKNOWN
