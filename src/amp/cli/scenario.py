"""`amp szenario`: a Kürzung or Erhöhung of the plan, line by line, optionally written out."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amp.cli.common import console, fail, load, output_path
from amp.core import formatting
from amp.core.scenarios import Spread

if TYPE_CHECKING:
    from rich.table import Table

    from amp.core.scenarios import ScenarioResult


def _priorities(given: list[str]) -> dict[str, int]:
    from amp.core.scenarios import parse_priority_item

    found: dict[str, int] = {}
    for item in given:
        try:
            line_id, number = parse_priority_item(item)
        except formatting.AmountInputError as exc:
            raise fail(f"--prioritaet {item}: {exc}") from None
        found[line_id] = number
    return found


def _table(result: ScenarioResult) -> Table:
    from rich.table import Table

    from amp.core.scenarios import describe, effect
    from amp.core.units import Unit

    table = Table(title=describe(result.request), title_justify="left")
    table.add_column("Maßnahmeart", overflow="fold", min_width=24)
    for label in ("Verpflichtungen", "vorher", "nachher", "Änderung", "Wirkung"):
        table.add_column(label, justify="right", no_wrap=True)
    for line in result.lines:
        name = f"{line.name} (Pflichtleistung)" if line.mandatory else line.name
        table.add_row(
            name,
            formatting.money(line.commitments),
            formatting.money(line.before),
            formatting.money(line.after),
            formatting.signed(line.change, Unit.EUR) if line.change else "",
            effect(line),
        )
    change = formatting.signed(result.after_total - result.before_total, Unit.EUR)
    table.add_row(
        "Planung gesamt",
        "",
        formatting.money(result.before_total),
        formatting.money(result.after_total),
        change,
        "",
        style="bold",
    )
    return table


def szenario(
    path: Annotated[Path, typer.Argument(help="Plan-Verzeichnis", show_default=False)],
    kuerzung: Annotated[
        str | None, typer.Option("--kuerzung", help="z. B. 10% oder 250.000", show_default=False)
    ] = None,
    erhoehung: Annotated[
        str | None, typer.Option("--erhoehung", help="z. B. 5% oder 100.000", show_default=False)
    ] = None,
    verteilung: Annotated[
        Spread, typer.Option("--verteilung", help="anteilig oder nach Priorität")
    ] = Spread.PROPORTIONAL,
    prioritaet: Annotated[
        list[str] | None,
        typer.Option("--prioritaet", help="ZEILE=ZAHL, 1 = am wichtigsten; mehrfach angeben"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="neues Plan-Verzeichnis mit dem Ergebnis als Entwurf"),
    ] = None,
    ausgabe: Annotated[Path | None, typer.Option("--ausgabe", hidden=True)] = None,
) -> None:
    """Spielt eine Kürzung oder Erhöhung der Planung durch (Pflichtleistungen bleiben).

    Regeln: docs/web-planung.md, Abschnitt „Szenario“.
    """
    from amp.core.plan import PlanStatus
    from amp.core.scenarios import (
        InsufficientHeadroom,
        ScenarioError,
        ScenarioRequest,
        apply_scenario,
        draft_label,
        parse_size,
    )
    from amp.io.plan_writer import PlanWriteError, write_plan

    target = output_path(output, ("--ausgabe", ausgabe))
    if (kuerzung is None) == (erhoehung is None):
        raise fail("Bitte genau eines angeben: --kuerzung oder --erhoehung.")
    typed = kuerzung if kuerzung is not None else erhoehung
    assert typed is not None
    try:
        amount, basis = parse_size(typed)
    except formatting.AmountInputError as exc:
        raise fail(f"Änderung „{typed}“: {exc}.") from None
    sign = -1 if kuerzung is not None else 1
    request = ScenarioRequest(sign * amount, basis, verteilung, _priorities(prioritaet or []))
    plan = load(path).plan
    try:
        result = apply_scenario(plan, request)
    except InsufficientHeadroom as exc:
        raise fail(
            f"Änderung: {exc}: verlangt {formatting.money(exc.requested)}, "
            f"möglich höchstens {formatting.money(exc.available)}."
        ) from None
    except ScenarioError as exc:
        raise fail(f"Änderung: {exc}.") from None
    console().print(_table(result))
    if target is not None:
        label = draft_label(plan.version.label, request)
        changed = dataclasses.replace(
            result.plan,
            status=PlanStatus.ENTWURF,
            version=dataclasses.replace(plan.version, label=label),
        )
        try:
            write_plan(changed, target)
        except PlanWriteError as exc:
            raise fail(str(exc)) from None
        typer.echo(f"geschrieben: {target}")


def register(app: typer.Typer) -> None:
    app.command()(szenario)
