"""`plan_export VERSION_ID DIR`: a stored version written back as a plan directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amp.io.plan_writer import PlanWriteError, write_plan
from amp.web.plans.models import PlanVersion


class Command(BaseCommand):
    help = "Schreibt eine gespeicherte Version als Plan-Verzeichnis (das es noch nicht gibt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("version", type=int, help="Nummer (ID) der Version")
        parser.add_argument("directory", type=Path, help="neues Zielverzeichnis")

    def handle(self, *args: Any, **options: Any) -> None:
        version = PlanVersion.objects.filter(pk=options["version"]).first()
        if version is None:
            raise CommandError(f"Eine Version mit der ID {options['version']} gibt es nicht.")
        try:
            write_plan(version.core_plan(), options["directory"])
        except PlanWriteError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"geschrieben nach {options['directory']}")
