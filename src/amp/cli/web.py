"""The web application's commands: manage (Django's commands) and demo."""

from __future__ import annotations

from typing import Annotated

import typer

from amp.cli.common import EXIT_UNREADABLE, console, load
from amp.example import DEMO_PLAN


def demo(
    port: Annotated[int, typer.Option("--port", help="Port auf 127.0.0.1")] = 8000,
) -> None:
    """Startet die Web-Anwendung mit dem Beispielplan (Jobcenter EN 2024) und Demo-Benutzern.

    Die Datenbank ist eine frische SQLite-Datei in einem temporären Verzeichnis.
    """
    from amp.web import demo as web_demo

    load(DEMO_PLAN)  # a broken example is reported here, in German, before anything starts
    web_demo.serve(DEMO_PLAN, port)


def manage(ctx: typer.Context) -> None:
    """Verwaltet die Web-Anwendung (Django-Befehle), z. B. migrate, createsuperuser,
    plan_import PLAN, plan_export ID ZIEL, grant_role BENUTZER JOBCENTER ROLLE, kpi_load DATEN,
    runserver.

    Die Einstellungen kommen aus der Umgebung: DATABASE_URL, AMP_SECRET_KEY, AMP_DATA_DIR.
    """
    from amp.web.manage import run

    problem = run(ctx.args)
    if problem is not None:
        console(stderr=True).print(problem, markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_UNREADABLE)


def register(app: typer.Typer) -> None:
    app.command()(demo)
    app.command(
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        add_help_option=False,
    )(manage)
