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

import pytest

from amp.core.checks import check_plan
from amp.core.figures import evaluate, figures
from amp.core.findings import Finding, Severity, consequence_note
from amp.example import DEMO_PLAN
from amp.io.plan_dir import LoadedPlan, load_plan
from amp.rules.legal_facts import legal_facts

EXAMPLE = DEMO_PLAN
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

GESAMT = "Gesamtsummen"
ZWISCHEN = "Zwischensummen"
ZWISCHEN_REHA = "Zwischensummen (mit Pflichtleistungen Reha)"
BONUS = "Bürgergeldbonus (§ 16j SGB II)"
IDS = {
    "A_forecast": "sum.group@budget.groups[0].printed_total.forecast_prev",
    "A_commitments": "sum.group@budget.groups[0].printed_total.commitments",
    "B": "sum.total@budget.totals[0].printed.forecast_prev",
}

# (rule, severity, row, column, printed, computed, the root causes it follows from)
EXPECTED = [
    # cause A: the Bürgergeldbonus amounts are in no printed sum (one finding per column)
    ("sum.group", Severity.ERROR, GROUP_A, FORECAST, D("7547544.82"), D("7601544.82"), ()),
    ("sum.group", Severity.ERROR, GROUP_A, COMMITMENTS, D("1741043.73"), D("1787638.73"), ()),
    # cause B: the first Zwischensumme of the Hochrechnung is 2.930.678,51 € above the
    # printed group sums (17.445.988,89 €); computed is that sum of printed blocks
    ("sum.total", Severity.ERROR, ZWISCHEN, FORECAST, D("20376667.40"), D("17445988.89"), ()),
    (
        "sum.total",
        Severity.ERROR,
        ZWISCHEN,
        COMMITMENTS,
        D("6561080.11"),
        D("6607675.11"),
        (IDS["A_commitments"],),
    ),
    (
        "sum.total",
        Severity.ERROR,
        ZWISCHEN_REHA,
        FORECAST,
        D("20728167.40"),
        D("17851488.89"),
        (IDS["B"], IDS["A_forecast"]),
    ),
    (
        "sum.total",
        Severity.ERROR,
        ZWISCHEN_REHA,
        COMMITMENTS,
        D("6641415.41"),
        D("6688010.41"),
        (IDS["A_commitments"],),
    ),
    # the printed Gesamtsumme is exactly the printed groups plus Reha, JobPerspektive, § 16f
    (
        "sum.total",
        Severity.ERROR,
        GESAMT,
        FORECAST,
        D("18282016.90"),
        D("18336016.90"),
        (IDS["A_forecast"],),
    ),
    (
        "sum.total",
        Severity.ERROR,
        GESAMT,
        COMMITMENTS,
        D("7001415.41"),
        D("7048010.41"),
        (IDS["A_commitments"],),
    ),
    (
        "claim",
        Severity.WARNING,
        "3 Finanzielle Eckpunkte",
        "egt_rueckgang_prozent",
        D("10"),
        D("9.19"),
        (),
    ),
    (
        "claim",
        Severity.WARNING,
        "5.1 Förderung der beruflichen Weiterbildung",
        "weiterbildungsgeld_und_bonus",
        D("170000"),
        D("270000.00"),
        (),
    ),
    (
        "claim",
        Severity.WARNING,
        "5.4 Sozialer Arbeitsmarkt",
        "agh_projektform",
        D("285"),
        D("290"),
        (),
    ),
    # § 16j SGB II was repealed with effect from 28.03.2024 (BGBl. 2024 I Nr. 107), yet
    # 126.000 € are planned for the whole of 2024.
    ("law.in_force", Severity.WARNING, BONUS, "Eingliederungsplanung 2024", None, None, ()),
    # "mehr als 10 %" holds against the EgT actually available (−13,65 %)
    (
        "claim.reading",
        Severity.NOTE,
        "5 Einsatz der arbeitsmarktlichen Instrumente",
        "reduzierung_mehr_als_10_prozent",
        D("10"),
        D("9.19"),
        (),
    ),
    # "rund 100.000 €" may mean the u25 part, which the budget does not split out
    (
        "claim.reading",
        Severity.NOTE,
        "5.3 Spezielle Angebote für Jugendliche und junge Erwachsene",
        "buergergeldbonus",
        D("100000"),
        D("126000.00"),
        (),
    ),
    # cross-checks of quantities against related counts (FbW Fortbildung ~190 / 192 holds)
    (
        "budget.line_related",
        Severity.NOTE,
        "FbW - Umschulung (§ 81ff SGB III)",
        "Menge",
        D(60),
        D(53),
        (),
    ),
    (
        "budget.line_related",
        Severity.NOTE,
        "Aktivierungsmaßnahmen (§ 45 SGB III) für Erwachsene inkl. AVGS",
        "Menge",
        D(650),
        D(768),
        (),
    ),
    (
        "budget.line_related",
        Severity.NOTE,
        "Berufsausbildung in außerbetrieblicher Einrichtung (§ 76 SGB III)",
        "Menge",
        D(35),
        D(30),
        (),
    ),
    # statements of law the law does not bear
    (
        "text.legal_statement",
        Severity.NOTE,
        "5.4 Sozialer Arbeitsmarkt",
        "evl_nachbeschaeftigung",
        None,
        None,
        (),
    ),
    (
        "text.legal_statement",
        Severity.NOTE,
        "5 Einsatz der arbeitsmarktlichen Instrumente",
        "weiterbildungsgeld_norm",
        None,
        None,
        (),
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
    assert len(plan.claims) == 19


def test_every_inconsistency_of_the_seed_and_nothing_else(findings: list[Finding]) -> None:
    actual = [
        (
            f.rule,
            f.severity,
            f.location.row,
            f.location.column,
            f.printed,
            f.computed,
            tuple(c.id for c in f.consequence_of),
        )
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


def test_each_root_cause_is_reported_once_and_the_rest_are_its_consequences(
    findings: list[Finding],
) -> None:
    errors = [f for f in findings if f.severity is Severity.ERROR]
    roots = [f for f in errors if not f.consequence_of]
    # cause A in its two columns, cause B once
    assert [(f.location.row, f.location.column) for f in roots] == [
        (GROUP_A, FORECAST),
        (GROUP_A, COMMITMENTS),
        (ZWISCHEN, FORECAST),
    ]
    by_place = {(f.location.row, f.location.column): f for f in findings}
    root_b = by_place[(ZWISCHEN, FORECAST)]
    assert root_b.printed is not None
    assert root_b.computed is not None
    assert root_b.printed - root_b.computed == D("2930678.51")
    assert "gedruckten Gruppensummen" in root_b.message
    assert f"„{BONUS}“: er fehlt in der Gruppensumme" in by_place[(GROUP_A, FORECAST)].message
    # the Gesamtsumme adds the printed groups correctly: its 54.000 € are cause A alone
    total_row = by_place[(GESAMT, FORECAST)]
    assert "stimmt auch nicht" not in total_row.message
    assert f"die Abweichung stammt aus „{GROUP_A}“" in total_row.message
    assert consequence_note(total_row) == (
        f"Folgefehler von: Finanzplanung Eingliederungsmittel › {GROUP_A} › {FORECAST}"
    )
    assert f"die Abweichung stammt aus „{ZWISCHEN}“" in by_place[(ZWISCHEN_REHA, FORECAST)].message


def test_the_law_finding_says_the_change_came_after_the_plans_stand(
    findings: list[Finding],
) -> None:
    (law,) = [f for f in findings if f.rule == "law.in_force"]
    assert "kam nach dem Stand des Plans (06.11.2023)" in law.message


def test_the_prose_figures_are_captured_or_listed_as_unchecked(loaded: LoadedPlan) -> None:
    plan = loaded.plan
    index = figures(plan)
    claims = {c.id: c for c in plan.claims}
    assert evaluate(claims["bae_weiter_gefoerdert"].refers_to, index) == D(69)
    assert evaluate(claims["rehapro"].refers_to, index) == D(1000000)
    assert index["municipal.weitere_16a.amount"].value == D(435000)
    assert plan.prose is not None
    unchecked = " ".join(u.quote for u in plan.prose.unchecked_figures)
    for figure in ("16 Mitarbeitende", "1.300 Plätze", "500 Millionen", "1,4 Milliarden", "740 €"):
        assert figure in unchecked
    assert "111.243" in unchecked
    assert all(u.reason for u in plan.prose.unchecked_figures)


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


def test_the_tables_show_the_derived_remainder_and_the_special_funds(loaded: LoadedPlan) -> None:
    from amp.reports.tables import funding_table, municipal_table

    municipal = municipal_table(loaded.plan)
    assert municipal is not None
    remainder = next(r for r in municipal.rows if "(restliche Mittel)" in str(r.cells[0].value))
    assert remainder.cells[1].value == D(435000)
    funding = funding_table(loaded.plan)
    assert funding is not None
    rehapro = next(r for r in funding.rows if "rehapro" in str(r.cells[0].value))
    assert (
        rehapro.cells[0].value
        == "Sondermittel: Bundesprogramm rehapro (Personal- und Sachkosten) (rd.)"
    )
    assert rehapro.cells[1].value == D(1000000)
