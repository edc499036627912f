"""`amp-admin plan_import DIR`: a plan directory becomes a new version of its Jobcenter's plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amp.io.plan_dir import PlanLoadError
from amp.web.plans import services


class Command(BaseCommand):
    help = "Liest ein Plan-Verzeichnis als neue Version ein (Jobcenter nach jobcenter.id)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Plan-Verzeichnis")
        parser.add_argument("--label", default=None, help="Bezeichnung der Version")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            version = services.import_plan(options["directory"], label=options["label"])
        except PlanLoadError as exc:
            raise CommandError(f"Der Plan kann nicht gelesen werden:\n{exc}") from None
        self.stdout.write(
            f"eingelesen: {version.plan.jobcenter.name} {version.plan.year}, "
            f"Version {version.number} ({version.get_status_display()})"
        )
