"""Benchmark of the offer finder: 2,000 offers with 50 criteria each (docs/benchmarks.md).

    .venv/bin/python benchmarks/offer_finder_bench.py [--repeat 21] [--offers 2000]

A synthetic catalogue (fixed seed) in which every offer sets every criterion the model knows:
age range, residence statuses, refugees only, German from/to, LZB, disability, single
parent, child age, women only, region, part-time, childcare, access, the legal checks of
amp.rules (16i, 16e, 104c: 10 conditions) and 29 further requirements out of 40 (the
`requires` words such as "Führerschein Klasse B"): 50 criteria per offer. Three
Förderketten of five stages link 150 offers; every offer has places with free places and
a Stand. The profile gives every fact.

Measured, each as median and best of --repeat, side by side in one run:
  1. `find_offers` alone (the pure core), with amp.rules' checks done once before;
  2. the web finder's server time: a POST of the form through Django's test client, from
     request to rendered result page (legal checks, finder, presenter, template), with the
     synthetic catalogue and places put in place of the plan's (selectors).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ON = date(2024, 5, 2)
TAGS = [f"Voraussetzung {n}" for n in range(40)]  # Führerschein, Schulabschluss, …
REQUIRED = 29  # per offer: with the 21 other checks 50 criteria


def synthetic(count: int, seed: int = 17):  # type: ignore[no-untyped-def]
    from amp.core.offers import (
        Catalogue,
        Criteria,
        GermanLevel,
        Offer,
        OfferKind,
        PlaceAvailability,
        Residence,
        Rule,
    )
    from amp.core.offers.model import Region
    from amp.core.pathways import Offer as Item
    from amp.core.pathways import Pathway, Stage

    rng = random.Random(seed)
    levels = list(GermanLevel)
    statuses = list(Residence)
    offers, places = [], {}
    for n in range(count):
        low = rng.randint(15, 40)
        german_min = rng.randint(0, 3)
        criteria = Criteria(
            min_age=low,
            max_age=low + rng.randint(10, 45),
            age_reference="§ 16h Abs. 1 SGB II",
            residence=tuple(rng.sample(statuses, rng.randint(3, 7))),
            residence_reference="§ 44 AufenthG",
            refugees_only=rng.random() < 0.3,
            german_min=levels[german_min],
            german_max=levels[rng.randint(german_min, 6)],
            long_term_unemployed=rng.random() < 0.5,
            disability=rng.random() < 0.2,
            single_parent=rng.random() < 0.2,
            youngest_child_under=rng.choice([None, 3, 6, 18]),
            women_only=rng.random() < 0.2,
            rules=(Rule.SGB2_16I, Rule.SGB2_16E, Rule.AUFENTHG_104C),
            requires=tuple(rng.sample(TAGS, REQUIRED)),
        )
        start = date(2023, 1, 1) + timedelta(days=rng.randint(0, 700))
        offer = Offer(
            id=f"o{n:04d}",
            name=f"Angebot {n:04d}",
            kind=rng.choice(list(OfferKind)),
            legal_basis="§ 45 SGB III",
            criteria=criteria,
            regions=(rng.choice(["nord", "sued"]),),
            starts=tuple(sorted(start + timedelta(days=30 * k) for k in range(6))),
            rolling=rng.random() < 0.4,
            valid_from=start - timedelta(days=200),
            valid_until=start + timedelta(days=rng.randint(100, 900)),
            hours_per_week=rng.randint(10, 39),
            part_time=rng.random() < 0.5,
            childcare=rng.random() < 0.3,
            accessible=rng.random() < 0.5,
            planned_places=rng.randint(5, 60),
        )
        offers.append(offer)
        places[offer.id] = PlaceAvailability(
            offer.planned_places, rng.randint(0, 5), date(2024, 4, 30), "Belegung"
        )
    pathways = tuple(
        Pathway(
            id=f"kette{k}",
            name=f"Kette {k}",
            audience="alle",
            stages=tuple(
                Stage(
                    id=f"s{s}",
                    name=f"Stufe {s}",
                    offers=tuple(Item(name=o.name, offer=o.id) for o in rng.sample(offers, 10)),
                )
                for s in range(5)
            ),
        )
        for k in range(3)
    )
    regions = (Region("nord", "Nordkreis"), Region("sued", "Südkreis"))
    return Catalogue(tuple(offers), regions, ON, pathways), places


def profile():  # type: ignore[no-untyped-def]
    from amp.core.offers import GermanLevel, Profile, Residence

    return Profile(
        age=34,
        woman=True,
        residence=Residence.SCHUTZ,
        refugee=True,
        german=GermanLevel.A2,
        unemployed_months=30,
        benefit_months_last_7_years=75,
        benefit_months_last_5_years=50,
        disability=False,
        severely_disabled=False,
        single_parent=True,
        youngest_child_age=2,
        region="nord",
        needs_part_time=True,
        needs_childcare=True,
        current_stage="s1",
        has=frozenset(TAGS[:39]),
        needs_accessibility=True,
    )


FORM = {
    "alter": "34",
    "geschlecht": "w",
    "deutsch": "A2",
    "aufenthalt": "schutz",
    "flucht": "ja",
    "region": "nord",
    "arbeitslos": "30",
    "bezug": "75",
    "behinderung": "keine",
    "alleinerziehend": "ja",
    "kind": "2",
    "teilzeit": "on",
    "kinderbetreuung": "on",
    "stufe": "s1",
    "stichtag": "02.05.2024",
    "voraussetzungen": TAGS[:39],
    "barrierefrei": "on",
}


def report(label: str, times: list[float], cpu: list[float] | None = None) -> None:
    line = (
        f"{label}: Median {statistics.median(times) * 1000:.1f} ms, "
        f"beste {min(times) * 1000:.1f} ms"
    )
    if cpu:
        line += f"; CPU-Zeit Median {statistics.median(cpu) * 1000:.1f} ms"
    print(f"{line} ({len(times)} Läufe)", flush=True)


def timed_posts(client, url: str, form: dict, repeat: int):  # type: ignore[no-untyped-def]
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.post(url, form)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200, response.status_code
        assert b"Angebote gefunden" in response.content
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--offers", type=int, default=2000)
    args = parser.parse_args()

    from amp.core.offers import find_offers
    from amp.core.offers.finder import criteria_reasons
    from amp.rules.law import load_law
    from amp.rules.offer_rules import with_legal_checks

    catalogue, places = synthetic(args.offers)
    person = with_legal_checks(load_law(), profile(), ON)
    first = catalogue.offers[0].criteria
    bare = replace(first, requires=())
    # each requirement is one check (told together in one reason); + 4 practical checks
    checks = len(criteria_reasons(bare, person)) + len(first.requires) + 4
    # (region, part-time, childcare, access)
    print(f"{len(catalogue.offers)} Angebote, {checks} Kriterien je Angebot geprüft")

    core = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = find_offers(catalogue, person, places, ON)
        core.append(time.perf_counter() - start)
    print(f"passend oder zu prüfen: {len(found)}")

    from amp.web import demo

    demo.configure()
    import django

    django.setup()
    from django.test import Client

    from amp.web.angebote import selectors

    demo.prepare(ROOT / "src" / "amp" / "examples" / "jobcenter-en-2024")
    client = Client(HTTP_HOST="localhost")
    client.post("/anmelden/", {"username": "integration", "password": demo.DEMO_PASSWORD})
    example = {"alter": "22", "deutsch": "A2", "aufenthalt": "schutz", "flucht": "ja"}
    client.post("/angebote/jc-en/", example)  # the plan's derived data once into the cache
    plan_wall, plan_cpu = timed_posts(client, "/angebote/jc-en/", example, args.repeat)
    real_catalogue, real_places = selectors.catalogue, selectors.place_availability
    selectors.catalogue = lambda version: catalogue  # type: ignore[assignment]
    selectors.place_availability = lambda jobcenter, on: places  # type: ignore[assignment]
    wall, cpu = timed_posts(client, "/angebote/jc-en/", FORM, args.repeat)
    selectors.catalogue, selectors.place_availability = real_catalogue, real_places
    report("find_offers (Kern)", core)
    report(f"Web, {len(catalogue.offers)} Angebote × {checks} Kriterien: POST bis Seite", wall, cpu)
    report("Web, Beispielplan (37 Angebote): POST bis Seite", plan_wall, plan_cpu)


if __name__ == "__main__":
    main()
