"""`fallclearing_loeschen [--tage N]`: delete Online-Fallclearing answers after the period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from amp.web.fallclearing.services import erase_answers


class Command(BaseCommand):
    help = (
        "Löscht die Antworten des Online-Fallclearings, die vor mehr als N Tagen abgesendet "
        "wurden oder deren Link vor mehr als N Tagen ablief (Standard: "
        "AMP_FALLCLEARING_KEEP_DAYS, sonst 90). Zeiten für die Statistik bleiben."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tage", type=int, default=None, help="Aufbewahrungsfrist in Tagen")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["tage"]
        if days is None:
            days = int(getattr(settings, "AMP_FALLCLEARING_KEEP_DAYS", 90))
        if days < 1:
            raise CommandError("--tage muss mindestens 1 sein.")
        count = erase_answers(days)
        self.stdout.write(f"{count} Fragebögen gelöscht (Frist {days} Tage).")
