"""`land_grant BENUTZER LAND`: read access to a Land (the Land role, read only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from amp.web.land.models import Land, LandAccess


class Command(BaseCommand):
    help = (
        "Gibt einer Person Lesezugriff auf ein Land: alle Jobcenter des Landes, nichts zu "
        "ändern. Eine Person mit einer Rolle in einem Jobcenter bekommt ihn nicht."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", metavar="BENUTZER", help="Benutzername")
        parser.add_argument("land", metavar="LAND", help="Kennung des Landes, z. B. nrw")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Benutzer '{options['username']}' gibt es nicht.")
        land = Land.objects.filter(code=options["land"]).first()
        if land is None:
            raise CommandError(f"Land '{options['land']}' gibt es nicht.")
        if user.memberships.exists():
            raise CommandError(
                f"{user} hat eine Rolle in einem Jobcenter; der Zugang des Landes ist für "
                "eigene Benutzer ohne Jobcenter."
            )
        LandAccess.objects.get_or_create(user=user, land=land)
        self.stdout.write(f"{user} liest jetzt {land}.")
