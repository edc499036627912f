"""The seed plan (Jobcenter EN 2024): its complete list of findings, asserted exactly.

Each expected finding is an inconsistency of the published document, verified by hand:
- the Bürgergeldbonus row's Hochrechnung (54.000 €) and Verpflichtungen (46.595 €) are in
  no printed total (group, Zwischensummen, Gesamtsummen);
- the Zwischensummen of the Hochrechnung (20.376.667,40 €) match no sum of the table,
  and the second Zwischensumme repeats that figure plus Reha;
- five sentences of the prose state figures the tables do not support;
- the law of 2024: the Bürgergeldbonus is planned for the whole year, but § 16j SGB II
  ended on 27.03.2024 (every other linked instrument is in force all year).
Everything else the document prints adds up and must not be flagged.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from amp.core.checks import check_plan
from amp.core.findings import Finding, Severity
from amp.io.plan_dir import LoadedPlan, load_plan
from amp.rules.legal_facts import legal_facts

EXAMPLE = Path(__file__).parents[1] / "src" / "amp" / "examples" / "jobcenter-en-2024"
D = Decimal


@pytest.fixture(scope="module")
def loaded() -> LoadedPlan:
    return load_plan(EXAMPLE)


@pytest.fixture(scope="module")
def findings(loaded: LoadedPlan) -> list[Finding]:
    return check_plan(loaded.plan, legal_facts(loaded.plan.year))


FORECAST = "Ausgaben HH 2023 Hochrechnung zum Jahresende"
COMMITMENTS = "Verpflichtungen 2023 aus lfd. Maßnahmen"
GROUP_A = "Aktivierung, Qualifizierung und berufliche Eingliederung"

EXPECTED = [
    ("sum.group", Severity.ERROR, GROUP_A, FORECAST, D("7547544.82"), D("7601544.82")),
    ("sum.group", Severity.ERROR, GROUP_A, COMMITMENTS, D("1741043.73"), D("1787638.73")),
    ("sum.total", Severity.ERROR, "Zwischensummen", FORECAST, D("20376667.40"), D("17499988.89")),
    ("sum.total", Severity.ERROR, "Zwischensummen", COMMITMENTS, D("6561080.11"), D("6607675.11")),
    (
        "sum.total",
        Severity.ERROR,
        "Zwischensummen (mit Pflichtleistungen Reha)",
        FORECAST,
        D("20728167.40"),
        D("17851488.89"),
    ),
    (
        "sum.total",
        Severity.ERROR,
        "Zwischensummen (mit Pflichtleistungen Reha)",
        COMMITMENTS,
        D("6641415.41"),
        D("6688010.41"),
    ),
    ("sum.total", Severity.ERROR, "Gesamtsummen", FORECAST, D("18282016.90"), D("18336016.90")),
    ("sum.total", Severity.ERROR, "Gesamtsummen", COMMITMENTS, D("7001415.41"), D("7048010.41")),
    (
        "claim",
        Severity.WARNING,
        "3 Finanzielle Eckpunkte",
        "egt_rueckgang_prozent",
        D("10"),
        D("9.19"),
    ),
    (
        "claim",
        Severity.WARNING,
        "5 Einsatz der arbeitsmarktlichen Instrumente",
        "reduzierung_mehr_als_10_prozent",
        D("10"),
        D("9.19"),
    ),
    (
        "claim",
        Severity.WARNING,
        "5.1 Förderung der beruflichen Weiterbildung",
        "weiterbildungsgeld_und_bonus",
        D("170000"),
        D("270000.00"),
    ),
    (
        "claim",
        Severity.WARNING,
        "5.3 Spezielle Angebote für Jugendliche und junge Erwachsene",
        "buergergeldbonus",
        D("100000"),
        D("126000.00"),
    ),
    ("claim", Severity.WARNING, "5.4 Sozialer Arbeitsmarkt", "agh_projektform", D("285"), D("290")),
    # § 16j SGB II was repealed with effect from 28.03.2024 (BGBl. 2024 I Nr. 107), yet
    # 126.000 € are planned for the whole of 2024.
    (
        "law.in_force",
        Severity.WARNING,
        "Bürgergeldbonus (§ 16j SGB II)",
        "Eingliederungsplanung 2024",
        None,
        None,
    ),
]


def test_the_example_loads_completely(loaded: LoadedPlan) -> None:
    plan = loaded.plan
    assert (plan.jobcenter.name, plan.year, plan.version.as_of.isoformat()) == (
        "Jobcenter EN",
        2024,
        "2023-11-06",
    )
    assert len(list(plan.budget.lines())) == 25
    assert [t.id for t in plan.measure_tables] == ["u25", "ue25"]
    assert sum(len(t.measures) for t in plan.measure_tables) == 24
    assert plan.training_vouchers is not None
    assert len(plan.training_vouchers.goals) == 16
    assert plan.avgs is not None
    assert len(plan.avgs.categories) == 14
    assert len(plan.pathways) == 2
    assert len(plan.claims) == 17


def test_every_inconsistency_of_the_seed_and_nothing_else(findings: list[Finding]) -> None:
    actual = [
        (f.rule, f.severity, f.location.row, f.location.column, f.printed, f.computed)
        for f in findings
    ]
    assert actual == EXPECTED


def test_the_budget_balances_and_the_law_holds(findings: list[Finding]) -> None:
    rules = {f.rule for f in findings}
    assert not rules & {
        "balance.funding",
        "balance.sources_uses",
        "law.municipal_admin_share",
        "budget.commitments",
    }


def test_consequential_deviations_name_their_source(findings: list[Finding]) -> None:
    by_place = {(f.location.row, f.location.column): f.message for f in findings}
    assert (
        "die Abweichung stammt aus „Zwischensummen“"
        in by_place[("Zwischensummen (mit Pflichtleistungen Reha)", FORECAST)]
    )
    assert (
        "stimmt auch nicht mit den gedruckten Teilsummen" in by_place[("Zwischensummen", FORECAST)]
    )
    assert f"die Abweichung stammt aus „{GROUP_A}“" in by_place[("Zwischensummen", COMMITMENTS)]


def test_line_places_are_checked_against_linked_measures(loaded: LoadedPlan) -> None:
    from amp.core.edit import replace_at

    budget = loaded.plan.budget
    path = next(
        ("budget", "groups", g, "lines", i, "measures")
        for g, group in enumerate(budget.groups)
        for i, line in enumerate(group.lines)
        if line.id == "schwer_erreichbare"
    )
    wrong = replace_at(loaded.plan, path, lambda ids: (*ids, "jugendwerkstatt"))
    extra = [f for f in check_plan(wrong, legal_facts(2024)) if f.rule == "measures.line_places"]
    assert [(f.printed, f.computed) for f in extra] == [(D(52), D(72))]
