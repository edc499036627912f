"""The report "Arbeitsmarktprogramm <Jahr> — Tabellen und Übersichten" as one HTML page.

It renders the table views of `amp.reports.tables` (the totals there are the computed
ones) and the findings of `check_plan`; it computes no sum of its own. The page is
self-contained: inline CSS and inline SVG charts, no script, no font or image fetched.
The same HTML is the input of the PDF (`amp.reports.pdf`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from amp.core import formatting
from amp.core.budget import Column
from amp.core.findings import Finding
from amp.core.plan import STATUS_LABELS, Plan
from amp.core.units import Unit
from amp.reports import charts
from amp.reports.presenter import counted, findings_sentence, shown_findings
from amp.reports.tables import (
    Cell,
    Row,
    RowKind,
    TableView,
    avgs_table,
    budget_columns,
    budget_table,
    funding_table,
    grand_total_row,
    measure_tables,
    pathway_tables,
    target_group_table,
    targets_table,
    voucher_table,
)

BERLIN = ZoneInfo("Europe/Berlin")
TEMPLATES = Path(__file__).parent / "templates"


def cell_text(cell: Cell) -> str:
    """A cell's value, German formatted."""
    return _value_text(cell.value, cell.unit)


def change_text(cell: Cell) -> str:
    """A difference (the Δ columns), with an explicit plus sign."""
    if isinstance(cell.value, Decimal) and cell.unit is not None:
        return formatting.signed(cell.value, cell.unit)
    return cell_text(cell)


def printed_text(cell: Cell) -> str:
    """What the document printed, where it differs from the computed value."""
    return _value_text(cell.printed, cell.unit) if cell.printed is not None else ""


def _value_text(value: object, unit: Unit | None) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return formatting.day(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal):
        if unit is Unit.COUNT or (unit is None and isinstance(value, int)):
            return formatting.count(value)
        return formatting.number(Decimal(value), unit or Unit.COUNT)
    return str(value)


@dataclass
class Figure:
    """A chart with its text alternative; the data table stands next to it."""

    svg: str
    caption: str
    alt: str


@dataclass
class Stage:
    name: str
    offers: list[tuple[str, str]]  # offer, validity


@dataclass
class Chain:
    """A Förderkette read from its table view: stages, each with its offers."""

    title: str
    stages: list[Stage]


def chain(view: TableView) -> Chain:
    stages: list[Stage] = []
    for row in view.rows:
        stage, offer, validity = (cell_text(c) for c in row.cells)
        if not stages or (stage and stage != stages[-1].name):  # "begleitend" rows: one list
            stages.append(Stage(stage, []))
        stages[-1].offers.append((offer, validity))
    return Chain(view.title, stages)


@dataclass
class Section:
    id: str
    title: str
    tables: list[TableView] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)  # rendered as nested lists
    wide: bool = False  # printed on a landscape page
    extra: dict[str, list[str]] = field(default_factory=dict)  # view key → extra column


def _sum_text(values: list[tuple[str, str]]) -> str:
    return "; ".join(f"{label}: {value}" for label, value in values)


def _funding_section(plan: Plan) -> Section | None:
    view = funding_table(plan)
    if view is None:
        return None
    return Section("mittelausstattung", "Mittelausstattung", [view])


def _legal_bases(plan: Plan) -> list[str]:
    """The legal basis per row of the Finanzplanung view, in the view's row order."""
    bases: list[str] = []
    for group in plan.budget.groups:
        bases.append("")
        for line in group.lines:
            instrument = plan.instrument(line.instrument)
            bases.append((instrument.legal_basis or "") if instrument else "")
    bases.extend("" for _ in plan.budget.totals)
    if grand_total_row(plan):
        bases.append("")
    return bases


def _budget_section(plan: Plan) -> Section:
    view = budget_table(plan)
    section = Section("finanzplanung", "Finanzplanung der Eingliederungsmittel", [view], wide=True)
    bases = _legal_bases(plan)
    if len(bases) == len(view.rows):
        section.extra[view.key] = bases
    groups = [r for r in view.rows if r.kind is RowKind.GROUP]
    shown = budget_columns(plan)
    if groups and Column.PLAN_PREV in shown:  # no Vorjahr entered: nothing to compare with
        labels = [str(r.cells[0].value) for r in groups]
        before, now = 1 + shown.index(Column.PLAN_PREV), 1 + shown.index(Column.PLAN)
        previous = [_decimal(r.cells[before]) for r in groups]
        current = [_decimal(r.cells[now]) for r in groups]
        alt = _sum_text(
            [
                (label, f"{formatting.money(p)} → {formatting.money(c)}")
                for label, p, c in zip(labels, previous, current, strict=True)
            ]
        )
        section.figures.append(
            Figure(
                charts.change_chart(labels, previous, current, "Veränderung nach Gruppen"),
                "Veränderung zum Vorjahr nach Gruppen (Planung Vorjahr → Planung); "
                "Werte wie in den Gruppenzeilen der Tabelle.",
                alt,
            )
        )
    return section


def _decimal(cell: Cell) -> Decimal | None:
    return cell.value if isinstance(cell.value, Decimal) else None


def _target_group_section(plan: Plan) -> Section | None:
    view = target_group_table(plan)
    if view is None:
        return None
    lines = [r for r in view.rows if r.kind is RowKind.LINE]
    labels = [str(r.cells[0].value) for r in lines]
    amounts = [_decimal(r.cells[1]) or Decimal(0) for r in lines]
    alt = _sum_text(
        [
            (label, f"{cell_text(r.cells[1])} ({cell_text(r.cells[2])})")
            for label, r in zip(labels, lines, strict=True)
        ]
    )
    figure = Figure(
        charts.share_chart(labels, amounts, "Verteilung nach Zielgruppen"),
        "Verteilung der geplanten Mittel nach Zielgruppen; Beträge und Anteile in der Tabelle.",
        alt,
    )
    return Section("zielgruppen", "Verteilung nach Zielgruppen", [view], [figure])


def _measure_section(plan: Plan) -> Section | None:
    views = measure_tables(plan)
    if not views:
        return None
    bars: list[charts.Bar] = []
    for table in plan.measure_tables:
        for measure in table.measures:
            for period in measure.contract_periods:
                suffix = f" ({period.lot})" if period.lot else ""
                bars.append(
                    charts.Bar(measure.name + suffix, period.start, period.end, period.option)
                )
    section = Section("massnahmen", "Maßnahmen", views, wide=True)
    if bars:
        alt = _sum_text(
            [
                (
                    b.label,
                    f"{formatting.day(b.start)} – {formatting.day(b.end) if b.end else 'offen'}",
                )
                for b in bars
            ]
        )
        section.figures.append(
            Figure(
                charts.timeline_chart(bars, plan.year, "Laufzeiten der Maßnahmen"),
                f"Laufzeiten der Verträge (Planjahr {plan.year} hinterlegt; grün: offenes "
                "Ende, grau: Option). Die Daten stehen in der Spalte „Laufzeit“ der Tabellen.",
                alt,
            )
        )
    return section


def _simple(key: str, title: str, *views: TableView | None) -> Section | None:
    present = [v for v in views if v is not None]
    return Section(key, title, present) if present else None


def _pathway_section(plan: Plan) -> Section | None:
    views = pathway_tables(plan)
    if not views:
        return None
    return Section("foerderketten", "Förderketten", chains=[chain(v) for v in views])


def sections(plan: Plan) -> list[Section]:
    found = [
        _funding_section(plan),
        _budget_section(plan),
        _target_group_section(plan),
        _measure_section(plan),
        _simple(
            "bildungsziele", "Bildungszielplanung und AVGS", voucher_table(plan), avgs_table(plan)
        ),
        _simple("ziele", "Ziele", targets_table(plan)),
        _pathway_section(plan),
    ]
    return [s for s in found if s is not None]


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = cell_text
    env.filters["change"] = change_text
    env.filters["printed"] = printed_text
    env.globals["Row"] = Row
    return env


@dataclass(frozen=True)
class LineComment:
    """A planner's comment on a budget line, printed on request (the web app keeps them)."""

    line: str  # the line's name
    text: str
    who: str
    when: str  # the day, German


def render_html(
    plan: Plan,
    findings: list[Finding],
    today: date | None = None,
    line_comments: Sequence[LineComment] = (),
) -> str:
    """The whole report as one self-contained HTML document; with `line_comments` a section
    lists the comments on budget lines before the annex."""
    title = f"Arbeitsmarktprogramm {plan.year} — Tabellen und Übersichten"
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title,
        plan=plan,
        jobcenter=plan.jobcenter.name,
        as_of=formatting.day(plan.version.as_of),
        status=STATUS_LABELS[plan.status],
        created=formatting.day(today or datetime.now(BERLIN).date()),
        sections=sections(plan),
        findings=shown_findings(findings),
        findings_sentence=findings_sentence(findings),
        findings_count=counted(len(findings), "Befund"),
        deviations=sum(1 for f in findings if f.printed is not None),
        line_comments=line_comments,
    )
