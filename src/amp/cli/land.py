"""`amp land`: the Land and its target agreements (§ 48b SGB II) in the web application's
database – import agreements, write the Zielnachhaltung report, assign Jobcenters, grant
the Land's read access. Each command runs the web application's management command of the
same job (amp.web.land.management), with the settings from the environment like `amp manage`.
Exit codes: 0 ok, 1 refused (unknown Land, user, …), 2 unreadable input."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amp.cli.common import EXIT_UNREADABLE, console

app = typer.Typer(
    name="land",
    help="Land und Zielvereinbarungen (§ 48b SGB II): Ziele einlesen, Bericht zur "
    "Zielnachhaltung, Jobcenter zuordnen, Lesezugang des Landes.",
    no_args_is_help=True,
    add_completion=False,
)


def _run(args: list[str]) -> None:
    from amp.web.manage import run

    problem = run(args)
    if problem is not None:
        console(stderr=True).print(problem, markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_UNREADABLE)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(metavar="DATEI", help="CSV- oder XLSX-Datei")],
    preview: Annotated[
        bool, typer.Option("--vorschau", help="nur zeigen, was sich ändern würde")
    ] = False,
) -> None:
    """Liest Zielvereinbarungen aus einer CSV- oder XLSX-Datei ein.

    Spalten: Jobcenter, Jahr, Kennzahl, Zielwert, Anmerkung. Erst werden alle Zeilen
    geprüft, dann wird alles oder nichts gespeichert; dieselbe Datei noch einmal ändert
    nichts."""
    _run(["land_import", str(file), *(["--vorschau"] if preview else [])])


@app.command()
def bericht(
    land: Annotated[str, typer.Argument(metavar="LAND", help="Kennung des Landes, z. B. nrw")],
    year: Annotated[int, typer.Argument(metavar="JAHR", help="Jahr der Zielvereinbarung")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Ausgabedatei (.pdf oder .html)")],
    quarter: Annotated[
        int | None,
        typer.Option("--quartal", min=1, max=4, help="Quartal; ohne Angabe das zuletzt berichtete"),
    ] = None,
) -> None:
    """Schreibt den Bericht zur Zielnachhaltung eines Landes für ein Quartal (PDF oder HTML)."""
    args = ["land_report", land, str(year), "--output", str(output)]
    if quarter is not None:
        args += ["--quartal", str(quarter)]
    _run(args)


@app.command()
def zuordnen(
    land: Annotated[str, typer.Argument(metavar="LAND", help="Kennung des Landes")],
    jobcenter: Annotated[str, typer.Argument(metavar="JOBCENTER", help="Kennung, z. B. jc-en")],
    comparison_type: Annotated[
        str, typer.Argument(metavar="VERGLEICHSTYP", help="SGB-II-Vergleichstyp, z. B. IIIa")
    ],
    name: Annotated[str, typer.Option("--name", help="Name eines neuen Landes")] = "",
    note: Annotated[str, typer.Option("--hinweis", help="Hinweis neben dem Namen")] = "",
) -> None:
    """Ordnet ein Jobcenter einem Land zu (ein neues Land mit --name)."""
    _run(["land_assign", land, jobcenter, comparison_type, "--name", name, "--hinweis", note])


@app.command()
def zugang(
    username: Annotated[str, typer.Argument(metavar="BENUTZER", help="Benutzername")],
    land: Annotated[str, typer.Argument(metavar="LAND", help="Kennung des Landes")],
) -> None:
    """Gibt einer Person ohne Jobcenter-Rolle Lesezugriff auf ein Land."""
    _run(["land_grant", username, land])


def register(main_app: typer.Typer) -> None:
    main_app.add_typer(app, name="land")
