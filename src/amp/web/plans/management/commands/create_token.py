"""`create_token USER [--name NAME]`: a bearer token for the JSON API, shown once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from amp.web.plans.api import create_token


class Command(BaseCommand):
    help = "Erzeugt einen API-Schlüssel für eine Person (wird nur einmal angezeigt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Benutzername")
        parser.add_argument("--name", default="", help="Bezeichnung des Schlüssels")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Benutzer '{options['username']}' gibt es nicht.")
        self.stdout.write(create_token(user, options["name"]))
