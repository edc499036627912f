"""Django's management commands as `amp manage`: the one place the command line meets Django."""

from __future__ import annotations

import os


def run(args: list[str]) -> str | None:
    """Run `amp manage ARGS`; a German sentence when the installation is not set up, else None."""
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amp.web.settings")
    try:
        execute_from_command_line(["amp manage", *args])
    except ImproperlyConfigured as exc:  # a missing or wrong setting: say which, no traceback
        return f"Die Web-Anwendung ist nicht eingerichtet: {exc}"
    return None
