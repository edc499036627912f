"""The Land of the demo: NRW with the Jobcenter EN and three synthetic Jobcenters.

The synthetic Jobcenters are marked as such everywhere (name, note). Their plans are the
example plan with every amount and quantity scaled by a fixed factor; their ledgers are the
example's demo ledger scaled by that factor times a fixed pace (a pace below 1 spends
slower and leaves money unused); their indicator results come from synthetic microdata
(amp kpi synth with a fixed seed) through the same engine as the Jobcenter EN's. The targets
are the December value of the year before moved by a fixed step per Jobcenter. Everything
is deterministic: the same demo every start.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from amp.core.agreements import Agreement
from amp.core.budget import Amounts, BudgetPlan, Quantity
from amp.core.money import round_half_up
from amp.core.plan import Jobcenter as CoreJobcenter
from amp.core.plan import Plan as CorePlan
from amp.kpi.synth import SynthSpec

LAND_CODE, LAND_NAME = "nrw", "Nordrhein-Westfalen (Demo)"
LAND_USER = ("land", "Land NRW, nur lesen")
EN_TYPE = "IIIa"
EN_NOTE = "Vergleichstyp für die Demo angenommen (nicht amtlich)"
SYNTHETIC_NOTE = "synthetisches Demo-Jobcenter: Plan, Vollzug und Kennzahlen erzeugt"
YEAR = 2024


@dataclass(frozen=True)
class Synthetic:
    code: str
    name: str
    size: Decimal  # plan amounts and quantities against the Jobcenter EN
    pace: Decimal  # spending against a plan of that size
    comparison_type: str
    step: Decimal  # targets: December of the year before + step (in the indicator's direction)
    data_id: str  # the Jobcenter's id in the synthetic microdata


SYNTHETIC = (
    Synthetic(
        "syn-nordstadt",
        "Jobcenter Nordstadt (synthetisch)",
        Decimal("0.6"),
        Decimal("0.82"),
        "IIIa",
        Decimal("1.5"),
        "JC001",
    ),
    Synthetic(
        "syn-suedkreis",
        "Jobcenter Südkreis (synthetisch)",
        Decimal("1.4"),
        Decimal("1.03"),
        "IIIa",
        Decimal("0.5"),
        "JC002",
    ),
    Synthetic(
        "syn-westtal",
        "Jobcenter Westtal (synthetisch)",
        Decimal("0.9"),
        Decimal("0.9"),
        "IIb",
        Decimal("1.0"),
        "JC003",
    ),
)
EN_STEP = Decimal("0.2")
LAND_SPEC = SynthSpec(jobcenters=3, elb=15_000, months=36, seed=19, first_month="2022-01")
AGREED = ("K2", "K3", "K2.u25", "K2.frauen", "K2.maenner")


def _money(value: Decimal | None, factor: Decimal) -> Decimal | None:
    return None if value is None else round_half_up(value * factor, 2)


def _amounts(a: Amounts | None, factor: Decimal) -> Any:
    if a is None:
        return None
    return Amounts(*(_money(getattr(a, f.name), factor) for f in dataclasses.fields(Amounts)))


def _quantity(q: Quantity | None, factor: Decimal) -> Quantity | None:
    if q is None or q.value is None:
        return q
    return dataclasses.replace(q, value=int(round_half_up(q.value * factor, 0)))


def scaled_budget(budget: BudgetPlan, factor: Decimal) -> BudgetPlan:
    groups = tuple(
        dataclasses.replace(
            g,
            lines=tuple(
                dataclasses.replace(
                    line,
                    amounts=_amounts(line.amounts, factor),
                    quantity=_quantity(line.quantity, factor),
                )
                for line in g.lines
            ),
            printed_total=_amounts(g.printed_total, factor),
        )
        for g in budget.groups
    )
    totals = tuple(
        dataclasses.replace(t, printed=_amounts(t.printed, factor)) for t in budget.totals
    )
    return dataclasses.replace(budget, groups=groups, totals=totals)


def scaled_plan(plan: CorePlan, s: Synthetic) -> CorePlan:
    jobcenter = CoreJobcenter(s.code, s.name, plan.jobcenter.kind, "synthetisch")
    return dataclasses.replace(plan, jobcenter=jobcenter, budget=scaled_budget(plan.budget, s.size))


def _scale_yaml(node: Any, factor: Decimal, key: str = "") -> Any:
    """The money of vollzug.yaml scaled (Mittel, VE, Planungen früherer Jahre, Toleranz)."""
    if isinstance(node, dict):
        return {k: _scale_yaml(v, factor, str(k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_scale_yaml(v, factor, key) for v in node]
    if key in {"prozent", "jahr", "stand", "datum", "id", "konto", "zeile", "topf", "art"}:
        return node
    if isinstance(node, str | int | float) and not isinstance(node, bool):
        try:
            value = Decimal(str(node))
        except ArithmeticError:
            return node
        return str(round_half_up(value * factor, 2))
    return node


def scaled_ledger(source: Path, target: Path, plan_factor: Decimal, pace: Decimal) -> None:
    """The demo ledger directory scaled: settings by the plan's size, bookings and
    commitments by size × pace."""
    target.mkdir(parents=True, exist_ok=True)
    settings = yaml.safe_load((source / "vollzug.yaml").read_text(encoding="utf-8"))
    scaled = _scale_yaml(settings, plan_factor)
    scaled["kontenzuordnung"] = settings["kontenzuordnung"]
    (target / "vollzug.yaml").write_text(
        yaml.safe_dump(scaled, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for name in ("buchungen.csv", "bindungen.csv"):
        rows = list(
            csv.reader(io.StringIO((source / name).read_text(encoding="utf-8")), delimiter=";")
        )
        column = rows[0].index("Betrag")
        for row in rows[1:]:
            row[column] = str(round_half_up(Decimal(row[column]) * plan_factor * pace, 2))
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
        (target / name).write_text(out.getvalue(), encoding="utf-8")


def demo_targets(
    code: str, values: dict[str, dict[str, Decimal | None]], step: Decimal
) -> list[Agreement]:
    """December of the year before moved by `step` in the indicator's direction."""
    from amp.core.agreements import INDICATORS

    out = []
    for indicator in AGREED:
        base = values[indicator].get(f"{YEAR - 1}-12")
        if base is None:
            continue
        target = base + step * INDICATORS[indicator].direction.value
        out.append(
            Agreement(
                code,
                YEAR,
                indicator,
                target.quantize(Decimal("0.1")),
                "Demo-Ziel: Vorjahresdezember verschoben (synthetisch)",
            )
        )
    return out


def load(en_version: Any, plan_dir: Path, password: str, kpi: bool = True) -> None:
    """The Land NRW with the Jobcenter EN (its published version `en_version`) and the
    synthetic Jobcenters, their plans, ledgers, indicator results and agreements, and the
    Land user (with the demo's `password`). With `kpi`, the synthetic microdata are
    generated (cached) and computed."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from amp.web.land import selectors, services
    from amp.web.land.models import Land, LandAccess, LandJobcenter, PlanningDocument
    from amp.web.plans import services as plan_services
    from amp.web.plans.models import Jobcenter, Plan, Status
    from amp.web.vollzug.services import load_directory

    if not settings.DEMO:
        raise RuntimeError("Den Demo-Zugang des Landes gibt es nur im Demo-Modus.")
    core = en_version.core_plan()
    with transaction.atomic():
        land = Land.objects.create(code=LAND_CODE, name=LAND_NAME)
        LandJobcenter.objects.create(
            land=land,
            jobcenter=en_version.plan.jobcenter,
            comparison_type=EN_TYPE,
            note=EN_NOTE,
        )
        user = get_user_model().objects.create_user(username=LAND_USER[0])
        user.set_password(password)  # weak on purpose: demo mode only
        user.save()
        LandAccess.objects.create(user=user, land=land)
        versions = []
        for s in SYNTHETIC:
            plan = scaled_plan(core, s)
            jobcenter = Jobcenter.objects.create(
                code=s.code, name=s.name, kind=plan.jobcenter.kind.value
            )
            LandJobcenter.objects.create(
                land=land,
                jobcenter=jobcenter,
                comparison_type=s.comparison_type,
                note=SYNTHETIC_NOTE,
            )
            record = Plan.objects.create(jobcenter=jobcenter, year=plan.year)
            version = plan_services.new_version(
                record, plan, None, parent=None, label="synthetisch: Beispielplan skaliert"
            )
            assert version.status == Status.BESCHLOSSEN
            versions.append((s, version))
    ledger = plan_dir / "vollzug"
    if (ledger / "vollzug.yaml").is_file():
        for s, version in versions:
            with tempfile.TemporaryDirectory(prefix="amp-land-demo-") as name:
                scaled_ledger(ledger, Path(name), s.size, s.pace)
                load_directory(version, Path(name))
    if kpi:
        from amp.web.kennzahlen.demo_data import demo_data
        from amp.web.kennzahlen.loading import load as load_kpi

        load_kpi(
            demo_data(spec=LAND_SPEC),
            mapping={s.data_id: s.code for s in SYNTHETIC},
            label="Demo: synthetische Testdaten der synthetischen Jobcenter des Landes "
            f"(amp kpi synth, Startwert {LAND_SPEC.seed}) – keine echten Zahlen.",
        )
    steps = [(en_version.plan.jobcenter, EN_STEP)] + [
        (Jobcenter.objects.get(code=s.code), s.step) for s in SYNTHETIC
    ]
    for jobcenter, step in steps:
        values = selectors.indicator_values(jobcenter, YEAR)
        services.save_agreements(demo_targets(jobcenter.code, values, step))
    PlanningDocument.objects.create(
        jobcenter=en_version.plan.jobcenter,
        year=YEAR,
        priorities="Demo: Integration von Frauen und Alleinerziehenden; Übergänge junger "
        "Menschen in Ausbildung.",
        measures="Demo: Teilzeit-Umschulungen, Coaching für Alleinerziehende, aufsuchende "
        "Arbeit mit jungen Menschen.",
    )
