"""Django's management commands as `amp manage`: the one place the command line meets Django.

`amp manage` alone, `--help`, `-h` and `help` answer in German with the commands an
installation needs, also when the settings are incomplete (no AMP_SECRET_KEY yet): then
Django itself could only list its English core commands. `amp manage help BEFEHL` and every
command are Django's own.
"""

from __future__ import annotations

import os

HELP = """\
amp manage BEFEHL [OPTIONEN] – verwaltet die Web-Anwendung (Django-Befehle).

Einrichten und betreiben:
  migrate                      Datenbank anlegen oder auf den neuen Stand bringen
  createsuperuser              Betriebskonto anlegen (legt im Browser unter „Betrieb“
                               Jobcenter und ihre erste Administration an)
  collectstatic --noinput      CSS und Skripte für den Betrieb sammeln (ohne diesen
                               Schritt liefert amp sie direkt aus den Paketen aus)
  runserver [ADRESSE:PORT]     Entwicklungsserver starten (nicht für den Betrieb)
  check --deploy               Einstellungen für den Betrieb prüfen

Pläne und Benutzer:
  plan_import PLAN             Plan-Verzeichnis als neue Version einlesen
  plan_export ID ZIEL          eine Version als Plan-Verzeichnis schreiben
  grant_role BENUTZER JOBCENTER ROLLE
                               Rolle in einem Jobcenter vergeben
  create_token BENUTZER        API-Schlüssel anlegen
  kpi_load DATEN               Kennzahlen einlesen

Hilfe zu einem Befehl: amp manage help BEFEHL
Einstellungen aus der Umgebung: DATABASE_URL, AMP_SECRET_KEY (Pflicht außer im
Demo-Modus), AMP_DATA_DIR, AMP_ALLOWED_HOSTS, DEBUG. Siehe docs/betrieb.md."""


def settings_problem() -> str | None:
    """Why the settings cannot be loaded (German), or None."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amp.web.settings")
    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings module
    except ImproperlyConfigured as exc:
        return f"Die Web-Anwendung ist nicht eingerichtet: {exc}"
    return None


def run(args: list[str]) -> str | None:
    """Run `amp manage ARGS`; a German sentence when the installation is not set up, else None."""
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amp.web.settings")
    if not args or args[0] in {"--help", "-h"} or args == ["help"]:
        problem = settings_problem()
        print(HELP)
        if problem:
            print(f"\nHinweis: {problem}")
        return None
    problem = settings_problem()
    if problem:
        return problem
    try:
        execute_from_command_line(["amp manage", *args])
    except ImproperlyConfigured as exc:  # a missing or wrong setting: say which, no traceback
        return f"Die Web-Anwendung ist nicht eingerichtet: {exc}"
    return None
