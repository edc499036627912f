"""`amp angebote`: the offer finder from the command line – suchen, katalog, ketten.

Exit codes: 0 ok, 1 findings (`ketten`: a chain with a gap, a broken or ended link),
2 unreadable input. Nothing about a person is stored: the profile lives in the command.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from amp.cli.common import EXIT_FINDINGS, fail, fail_problems, load, parse_day, today
from amp.example import DEMO_PLAN

if TYPE_CHECKING:
    from amp.core.offers import Catalogue, PlaceAvailability, Profile

app = typer.Typer(
    name="angebote",
    help="Angebotsfinder: passende Angebote mit freien Plätzen für eine Person, der "
    "Angebotskatalog und die Förderketten mit ihren Lücken.",
    no_args_is_help=True,
    add_completion=False,
)


class SearchFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"  # the offer sheet for the client
    PDF = "pdf"


class CatalogueFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    JSONLD = "jsonld"  # schema.org for portals


class ChainFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


PlanOption = Annotated[
    Path, typer.Option("--plan", help="Plan-Verzeichnis; ohne Angabe der Beispielplan")
]
DayOption = Annotated[
    str | None,
    typer.Option(
        "--stichtag",
        help="Tag JJJJ-MM-TT; ohne Angabe heute (liegt heute außerhalb des Planjahres: "
        "der 1. Januar des Planjahres)",
    ),
]


def _setup(
    plan_dir: Path, day: str | None
) -> tuple[Catalogue, dict[str, PlaceAvailability], date, str]:
    from amp.io.offers import finder_day, plan_catalogue, planned_places

    plan = load(plan_dir).plan
    on = parse_day(day, "--stichtag") if day else finder_day(plan.year, today())
    catalogue = plan_catalogue(plan)
    places = planned_places(catalogue)
    if (plan_dir / "massnahmen").is_dir():  # contracts and flows of measure controlling
        from amp.core.occupancy import free_places_known
        from amp.core.offers.places import with_occupancy
        from amp.core.problems import InputProblems
        from amp.io.occupancy.store import load as load_measures

        try:
            data = load_measures(plan_dir / "massnahmen")
        except InputProblems as exc:
            raise fail_problems(exc.problems, "Die Belegung kann nicht gelesen werden") from None
        places = with_occupancy(
            catalogue, places, free_places_known(data.contracts, data.events, on)
        )
    return catalogue, places, on, plan.jobcenter.name


def _profile(person: Path | None, given: dict[str, Any], catalogue: Catalogue) -> Profile:
    from amp.core.problems import InputProblems
    from amp.io.offers import profile_from, read_profile

    try:
        base = read_profile(person) if person else None
        data = {k: v for k, v in given.items() if v is not None}
        if base is not None:
            from dataclasses import asdict

            data = {**{k: v for k, v in asdict(base).items() if k != "legal"}, **data}
        profile = profile_from(data)
    except InputProblems as exc:
        raise fail_problems(
            exc.problems, "Die Angaben zur Person können nicht gelesen werden"
        ) from None
    regions = {r.id for r in catalogue.regions}
    if profile.region is not None and profile.region not in regions:
        raise fail(
            f"--region '{profile.region}' gibt es nicht; möglich: {', '.join(sorted(regions))}."
        )
    stages = {s.id for p in catalogue.pathways for s in p.stages}
    if profile.current_stage is not None and profile.current_stage not in stages:
        raise fail(
            f"--stufe '{profile.current_stage}' gibt es nicht; "
            f"möglich: {', '.join(sorted(stages))}."
        )
    return profile


@app.command("suchen")
def search_command(
    plan_dir: PlanOption = DEMO_PLAN,
    day: DayOption = None,
    person: Annotated[
        Path | None,
        typer.Option("--person", help="Profil als YAML-Datei (Felder wie in docs/angebote.md)"),
    ] = None,
    age: Annotated[int | None, typer.Option("--alter", help="Alter in Jahren")] = None,
    german: Annotated[
        str | None, typer.Option("--deutsch", help="Deutschkenntnisse: keine, A1 … C2")
    ] = None,
    residence: Annotated[
        str | None,
        typer.Option(
            "--aufenthalt",
            help="deutsch, eu, schutz, aufenthalt, 104c (Chancen-Aufenthaltsrecht), "
            "gestattung, duldung",
        ),
    ] = None,
    refugee: Annotated[
        bool | None, typer.Option("--flucht/--keine-flucht", help="Fluchthintergrund")
    ] = None,
    woman: Annotated[bool | None, typer.Option("--frau/--mann", help="für Frauenangebote")] = None,
    unemployed: Annotated[
        int | None, typer.Option("--arbeitslos-monate", help="Monate arbeitslos (§ 18 SGB III)")
    ] = None,
    benefit7: Annotated[
        int | None,
        typer.Option("--bezug-monate", help="Monate Leistungsbezug in den letzten 7 Jahren"),
    ] = None,
    disabled: Annotated[
        bool | None,
        typer.Option(
            "--schwerbehindert/--nicht-schwerbehindert", help="Reha oder Schwerbehinderung"
        ),
    ] = None,
    single: Annotated[
        bool | None, typer.Option("--alleinerziehend/--nicht-alleinerziehend")
    ] = None,
    child: Annotated[
        int | None, typer.Option("--kind-alter", help="Alter des jüngsten Kindes in Jahren")
    ] = None,
    region: Annotated[str | None, typer.Option("--region", help="nordkreis, suedkreis")] = None,
    part_time: Annotated[bool, typer.Option("--teilzeit", help="braucht Teilzeit")] = False,
    childcare: Annotated[
        bool, typer.Option("--kinderbetreuung", help="braucht Kinderbetreuung")
    ] = False,
    access: Annotated[
        bool, typer.Option("--barrierefrei", help="braucht Barrierefreiheit")
    ] = False,
    stage: Annotated[
        str | None, typer.Option("--stufe", help="Stufe der Förderkette, in der die Person ist")
    ] = None,
    has: Annotated[
        list[str] | None,
        typer.Option("--hat", help='erfüllte Voraussetzung, z. B. --hat "Führerschein Klasse B"'),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--alle", help="auch Angebote, die nicht passen, mit Grund")
    ] = False,
    limit: Annotated[int, typer.Option("--anzahl", min=1, help="höchstens so viele")] = 10,
    output_format: Annotated[
        SearchFormat, typer.Option("--format", help="text, json, html oder pdf (Angebotsblatt)")
    ] = SearchFormat.TEXT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Zieldatei (für pdf nötig)")
    ] = None,
) -> None:
    """Passende Angebote für eine Person, mit Gründen, freien Plätzen und nächstem Beginn."""
    from amp.core.offers import find_offers
    from amp.core.offers.finder import person_positions
    from amp.reports.offers import (
        FIT_LABELS,
        chain_text,
        match_data,
        offer_sheet_html,
        offer_sheet_pdf,
        places_text,
        start_text,
    )
    from amp.rules.law import load_law
    from amp.rules.offer_rules import with_legal_checks

    catalogue, places, on, jobcenter = _setup(plan_dir, day)
    given: dict[str, Any] = {
        "age": age,
        "german": german.upper() if german and german.lower() != "keine" else german,
        "residence": residence,
        "refugee": refugee,
        "woman": woman,
        "unemployed_months": unemployed,
        "benefit_months_last_7_years": benefit7,
        "severely_disabled": disabled,
        "single_parent": single,
        "youngest_child_age": child,
        "region": region,
        "needs_part_time": part_time or None,
        "needs_childcare": childcare or None,
        "needs_accessibility": access or None,
        "current_stage": stage,
        "has": has or None,
    }
    profile = with_legal_checks(load_law(), _profile(person, given, catalogue), on)
    matches = find_offers(catalogue, profile, places, on, include_unfit=everything)[:limit]
    if output_format is SearchFormat.PDF and output is None:
        raise fail("--format pdf braucht --output DATEI.pdf.")
    if output_format in (SearchFormat.HTML, SearchFormat.PDF):
        html = offer_sheet_html(matches, catalogue, jobcenter, on)
        if output_format is SearchFormat.PDF and output is not None:
            output.write_bytes(offer_sheet_pdf(html))
            typer.echo(f"geschrieben: {output}")
        elif output is not None:
            output.write_text(html, encoding="utf-8")
            typer.echo(f"geschrieben: {output}")
        else:
            typer.echo(html)
        return
    positions = person_positions(catalogue, profile, on)
    if output_format is SearchFormat.JSON:
        data = {
            "stichtag": on.isoformat(),
            "standort_in_kette": [
                {"kette": p.pathway_id, "stufe": p.stage_id, "naechste_stufe": p.next_stage_id}
                for p in positions
            ],
            "angebote": [match_data(m, on) for m in matches],
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(f"Angebote am {on:%d.%m.%Y} ({len(matches)}):")
    for p in positions:
        typer.echo(f"Förderkette: {chain_text(p)}")
    for n, m in enumerate(matches, start=1):
        typer.echo("")
        typer.echo(f"{n}. {m.offer.name} [{FIT_LABELS[m.fit]}]")
        places_line = places_text(m.availability, m.offer.unlimited)
        typer.echo(f"   {places_line}; {start_text(m.offer, m.next_start, on)}")
        for r in m.reasons:
            ref = f" ({r.reference})" if r.reference else ""
            typer.echo(f"   {r.kind.value}: {r.text}{ref}")
        for p in m.chain:
            typer.echo(f"   Kette: {chain_text(p)}")
    if not matches:
        typer.echo("Kein Angebot passt zu diesen Angaben. Mit --alle zeigt amp, woran es liegt.")


@app.command("katalog")
def catalogue_command(
    plan_dir: PlanOption = DEMO_PLAN,
    day: DayOption = None,
    archive: Annotated[
        bool, typer.Option("--archiv", help="die beendeten Angebote statt der laufenden")
    ] = False,
    output_format: Annotated[
        CatalogueFormat, typer.Option("--format", help="text, json oder jsonld (schema.org)")
    ] = CatalogueFormat.TEXT,
) -> None:
    """Der Angebotskatalog: laufende (oder mit --archiv beendete) Angebote mit Plätzen."""
    from amp.core.offers.model import OFFER_KIND_LABELS
    from amp.reports.offers import catalogue_data, catalogue_jsonld, places_text, start_text

    catalogue, places, on, jobcenter = _setup(plan_dir, day)
    if output_format is CatalogueFormat.JSONLD:
        if archive:
            raise fail("--archiv gibt es nicht als jsonld: Portale bekommen nur laufende Angebote.")
        data = catalogue_jsonld(catalogue, places, on, jobcenter)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    offers = catalogue.archived(on) if archive else catalogue.current(on)
    if output_format is CatalogueFormat.JSON:
        rows = catalogue_data(catalogue, offers, places)
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    what = "Beendete Angebote (Archiv)" if archive else "Laufende Angebote"
    typer.echo(f"{what} am {on:%d.%m.%Y}: {len(offers)}")
    for o in offers:
        until = f", bis {o.valid_until:%d.%m.%Y}" if o.valid_until else ""
        typer.echo(f"- {o.name} ({OFFER_KIND_LABELS[o.kind]}, {o.legal_basis or 'ohne §'}{until})")
        if not archive:
            start = start_text(o, o.next_start(on), on)
            typer.echo(f"  {places_text(places.get(o.id), o.unlimited)}; {start}")


@app.command("ketten")
def chains_command(
    plan_dir: PlanOption = DEMO_PLAN,
    day: DayOption = None,
    output_format: Annotated[
        ChainFormat, typer.Option("--format", help="text oder json")
    ] = ChainFormat.TEXT,
) -> None:
    """Die Förderketten Stufe für Stufe und ihre Lücken für die Steuerung.

    Exit-Code 1, wenn eine Stufe eine Lücke hat oder auf ein fehlendes oder beendetes
    Angebot verweist.
    """
    from amp.core.offers import ChainProblem, chain_findings, stage_items
    from amp.reports.offers import chains_data, places_text

    catalogue, places, on, _ = _setup(plan_dir, day)
    findings = chain_findings(catalogue, places, on)
    serious = [f for f in findings if f.kind is not ChainProblem.UNCLEAR]
    if output_format is ChainFormat.JSON:
        data = chains_data(catalogue, findings, places, on)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for p in catalogue.pathways:
            typer.echo(f"{p.name} (Stand {on:%d.%m.%Y})")
            for n, s in enumerate(p.stages, start=1):
                typer.echo(f"  {n}. {s.name}")
                for it in stage_items(catalogue, p.id, s.id, places, on):
                    offer = catalogue.get(it.offer_id) if it.offer_id else None
                    extra = f"; {places_text(it.availability, offer.unlimited)}" if offer else ""
                    typer.echo(f"     - {it.name} [{it.state}{extra}]")
            typer.echo("")
        typer.echo(f"Befunde: {len(findings)}")
        for f in findings:
            typer.echo(f"- {f.kind.value}: {f.pathway_name}, Stufe „{f.stage_name}“: {f.message}")
    if serious:
        raise typer.Exit(EXIT_FINDINGS)


def register(main_app: typer.Typer) -> None:
    main_app.add_typer(app, name="angebote")
