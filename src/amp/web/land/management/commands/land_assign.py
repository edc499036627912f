"""`land_assign LAND JOBCENTER VERGLEICHSTYP`: a Jobcenter belongs to a Land."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from amp.core.limits import MAX_NAME
from amp.web.land.models import MAX_COMPARISON_TYPE, Land, LandJobcenter
from amp.web.plans.models import Jobcenter


class Command(BaseCommand):
    help = (
        "Ordnet ein Jobcenter einem Land zu, mit seinem SGB-II-Vergleichstyp (z. B. IIIa); "
        "legt das Land an, wenn es neu ist (dann mit --name)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("land", metavar="LAND", help="Kennung des Landes, z. B. nrw")
        parser.add_argument("jobcenter", metavar="JOBCENTER", help="Kennung, z. B. jc-en")
        parser.add_argument("comparison_type", metavar="VERGLEICHSTYP", help="z. B. IIIa")
        parser.add_argument("--name", default="", help="Name eines neuen Landes")
        parser.add_argument("--hinweis", default="", help="Hinweis neben dem Namen")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        kind: str = options["comparison_type"].strip()
        if not kind or len(kind) > MAX_COMPARISON_TYPE:
            raise CommandError(f"Vergleichstyp: 1 bis {MAX_COMPARISON_TYPE} Zeichen.")
        if len(options["name"]) > MAX_NAME or len(options["hinweis"]) > MAX_NAME:
            raise CommandError(f"Name und Hinweis: höchstens {MAX_NAME} Zeichen.")
        jobcenter = Jobcenter.objects.filter(code=options["jobcenter"]).first()
        if jobcenter is None:
            raise CommandError(f"Jobcenter '{options['jobcenter']}' gibt es nicht.")
        land = Land.objects.filter(code=options["land"]).first()
        if land is None:
            if not options["name"]:
                raise CommandError(f"Land '{options['land']}' gibt es nicht; neu mit --name.")
            land = Land.objects.create(code=options["land"], name=options["name"])
        LandJobcenter.objects.update_or_create(
            jobcenter=jobcenter,
            defaults={"land": land, "comparison_type": kind, "note": options["hinweis"]},
        )
        self.stdout.write(f"{jobcenter} gehört jetzt zu {land} (Vergleichstyp {kind}).")
