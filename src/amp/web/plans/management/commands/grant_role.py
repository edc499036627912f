"""`grant_role USER JOBCENTER ROLE`: give a user a role in a Jobcenter (replacing an old one)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from amp.web.plans.models import Jobcenter, Membership, Role


class Command(BaseCommand):
    help = "Gibt einer Person eine Rolle in einem Jobcenter (admin, planung, leitung, beirat)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Benutzername")
        parser.add_argument("jobcenter", help="Kennung des Jobcenters, z. B. jc-en")
        parser.add_argument("role", choices=list(Role.values), help="Rolle")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Benutzer '{options['username']}' gibt es nicht.")
        jobcenter = Jobcenter.objects.filter(code=options["jobcenter"]).first()
        if jobcenter is None:
            raise CommandError(f"Jobcenter '{options['jobcenter']}' gibt es nicht.")
        Membership.objects.update_or_create(
            user=user, jobcenter=jobcenter, defaults={"role": options["role"]}
        )
        self.stdout.write(f"{user} ist jetzt {Role(options['role']).label} in {jobcenter}.")
