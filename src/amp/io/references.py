"""Checks a plan's internal references and ids once it has been read.

Unknown instruments, target groups, measures and figures, and duplicate ids, are load
errors: a plan that refers to nothing cannot be checked meaningfully.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from amp.core.budget import BudgetLine
from amp.core.figures import CLAIM_UNITS, Figure, figures, result_unit
from amp.core.findings import ModelPath
from amp.core.plan import Plan

Problem = tuple[ModelPath, str]
Identified = tuple[ModelPath, str]  # where an id stands, and the id

FIGURE_HELP = "siehe docs/plan-format.md, Abschnitt Kennziffern"


def reference_problems(plan: Plan) -> list[Problem]:
    return [
        *_duplicate_ids(plan),
        *_budget_references(plan),
        *_measure_references(plan),
        *_pathway_references(plan),
        *_offer_references(plan),
        *_figure_references(plan, figures(plan)),
    ]


def _duplicates(items: Iterable[Identified], what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for path, ident in items:
        if ident in seen:
            yield (*path, "id"), f"die {what} '{ident}' gibt es mehrfach"
        seen.add(ident)


def _numbered(prefix: ModelPath, ids: Iterable[str]) -> Iterator[Identified]:
    return (((*prefix, i), ident) for i, ident in enumerate(ids))


def _duplicate_ids(plan: Plan) -> Iterator[Problem]:
    budget = plan.budget
    yield from _duplicates(
        _numbered(("instruments",), (x.id for x in plan.instruments)), "Instrument-ID"
    )
    yield from _duplicates(
        _numbered(("budget", "groups"), (g.id for g in budget.groups)), "Gruppen-ID"
    )
    yield from _duplicates(((p, line.id) for p, line in _lines(plan)), "Zeilen-ID")
    yield from _duplicates(
        _numbered(("budget", "totals"), (t.id for t in budget.totals)), "Summenzeilen-ID"
    )
    tables = plan.measure_tables
    yield from _duplicates(_numbered(("measure_tables",), (t.id for t in tables)), "Tabellen-ID")
    measure_ids: list[Identified] = [
        (("measure_tables", t, "measures", i), m.id)
        for t, table in enumerate(tables)
        for i, m in enumerate(table.measures)
    ]
    yield from _duplicates(measure_ids, "Maßnahmen-ID")
    yield from _duplicates(_numbered(("claims",), (c.id for c in plan.claims)), "Aussagen-ID")
    yield from _duplicates(_numbered(("targets",), (t.id for t in plan.targets)), "Ziel-ID")
    if plan.target_groups:
        groups = (g.id for g in plan.target_groups.groups)
        yield from _duplicates(_numbered(("target_groups", "groups"), groups), "Zielgruppen-ID")
    if plan.training_vouchers:
        goals = (g.id for g in plan.training_vouchers.goals)
        yield from _duplicates(_numbered(("training_vouchers", "goals"), goals), "Bildungsziel-ID")


def _lines(plan: Plan) -> Iterator[tuple[ModelPath, BudgetLine]]:
    for g, group in enumerate(plan.budget.groups):
        for i, line in enumerate(group.lines):
            yield ("budget", "groups", g, "lines", i), line


def _target_group_ids(plan: Plan) -> set[str]:
    return {g.id for g in plan.target_groups.groups} if plan.target_groups else set()


def _budget_references(plan: Plan) -> Iterator[Problem]:
    instruments = {i.id for i in plan.instruments}
    target_groups = _target_group_ids(plan)
    measures = plan.measures()
    for g, group in enumerate(plan.budget.groups):
        for i, line in enumerate(group.lines):
            path: ModelPath = ("budget", "groups", g, "lines", i)
            if line.instrument not in instruments:
                yield (*path, "instrument"), f"unbekanntes Instrument '{line.instrument}'"
            if line.target_group is not None and line.target_group not in target_groups:
                yield (*path, "target_group"), f"unbekannte Zielgruppe '{line.target_group}'"
            for k, measure in enumerate(line.measures):
                if measure not in measures:
                    yield (*path, "measures", k), f"unbekannte Maßnahme '{measure}'"
    group_ids = {g.id for g in plan.budget.groups}
    for t, budget_total in enumerate(plan.budget.totals):
        for k, group_id in enumerate(budget_total.groups):
            if group_id not in group_ids:
                yield ("budget", "totals", t, "groups", k), f"unbekannte Gruppe '{group_id}'"


def _measure_references(plan: Plan) -> Iterator[Problem]:
    target_groups = _target_group_ids(plan)
    all_measures = plan.measures()
    for t, table in enumerate(plan.measure_tables):
        categories = {c.id for c in table.categories}
        for i, measure in enumerate(table.measures):
            path: ModelPath = ("measure_tables", t, "measures", i)
            if measure.category is not None and measure.category not in categories:
                yield (*path, "category"), f"unbekannte Kategorie '{measure.category}'"
            if measure.target_group is not None and measure.target_group not in target_groups:
                yield (*path, "target_group"), f"unbekannte Zielgruppe '{measure.target_group}'"
            if measure.successor is not None and measure.successor not in all_measures:
                yield (*path, "successor"), f"unbekannte Maßnahme '{measure.successor}'"
        own = {m.id for m in table.measures}
        for k, excluded in enumerate(table.total_excludes):
            if excluded not in own:
                yield (
                    ("measure_tables", t, "total_excludes", k),
                    f"unbekannte Maßnahme '{excluded}'",
                )


def _pathway_references(plan: Plan) -> Iterator[Problem]:
    measures = plan.measures()
    for p, pathway in enumerate(plan.pathways):
        offers: list[tuple[ModelPath, str | None]] = [
            (("pathways", p, "stages", s, "offers", o), offer.measure)
            for s, stage in enumerate(pathway.stages)
            for o, offer in enumerate(stage.offers)
        ]
        offers += [
            (("pathways", p, "accompanying", o), offer.measure)
            for o, offer in enumerate(pathway.accompanying)
        ]
        for path, measure in offers:
            if measure is not None and measure not in measures:
                yield (*path, "measure"), f"unbekannte Maßnahme '{measure}'"


def _offer_references(plan: Plan) -> Iterator[Problem]:
    if plan.offers is None:
        return
    measures = plan.measures()
    avgs = {c.id for c in plan.avgs.categories} if plan.avgs else set()
    goals = {g.id for g in plan.training_vouchers.goals} if plan.training_vouchers else set()
    regions = {r.id for r in plan.offers.regions}
    seen: set[str] = set()
    for i, entry in enumerate(plan.offers.offers):
        path: ModelPath = ("offers", "offers", i)
        if entry.id in seen:
            yield (*path, "id"), f"das Angebot '{entry.id}' steht zweimal in der Datei"
        seen.add(entry.id)
        if entry.measure is not None and entry.measure not in measures:
            yield (*path, "measure"), f"unbekannte Maßnahme '{entry.measure}'"
        if entry.avgs is not None and entry.avgs not in avgs:
            yield (*path, "avgs"), f"unbekannte AVGS-Kategorie '{entry.avgs}'"
        if entry.training_goal is not None and entry.training_goal not in goals:
            yield (*path, "training_goal"), f"unbekanntes Bildungsziel '{entry.training_goal}'"
        for k, region in enumerate(entry.regions):
            if region not in regions:
                yield (*path, "regions", k), f"unbekannte Region '{region}'"


def _figure_references(plan: Plan, index: dict[str, Figure]) -> Iterator[Problem]:
    for i, claim in enumerate(plan.claims):
        for k, name in enumerate(claim.refers_to.figures):
            if name not in index:
                path: ModelPath = ("claims", i, "refers_to", "figures", k)
                yield path, f"unbekannte Kennziffer '{name}' ({FIGURE_HELP})"
        unit = result_unit(claim.refers_to, index)
        if unit is not None and CLAIM_UNITS[claim.unit] is not unit:
            message = f"die Einheit '{claim.unit}' passt nicht zur Kennziffer (Einheit {unit})"
            yield ("claims", i, "unit"), message
    for i, claim in enumerate(plan.claims):
        alternative = claim.alternative.refers_to if claim.alternative else None
        for k, name in enumerate(alternative.figures if alternative else ()):
            if name not in index:
                path = ("claims", i, "alternative", "refers_to", "figures", k)
                yield path, f"unbekannte Kennziffer '{name}' ({FIGURE_HELP})"
    for line_path, line in _lines(plan):
        for k, name in enumerate(line.related.figures if line.related else ()):
            if name not in index:
                path = (*line_path, "related", "figures", k)
                yield path, f"unbekannte Kennziffer '{name}' ({FIGURE_HELP})"
    balance = plan.budget.balance
    if balance:
        for side, items in (("sources", balance.sources), ("uses", balance.uses)):
            for i, item in enumerate(items):
                if item.refers_to not in index:
                    path = ("budget", "balance", side, i, "refers_to")
                    yield path, f"unbekannte Kennziffer '{item.refers_to}' ({FIGURE_HELP})"
