"""`land_report LAND JAHR --output DATEI`: the quarterly Zielnachhaltung as PDF (or HTML)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amp.reports.agreements import quarter_of, render_follow_up
from amp.web.land import presenters, selectors
from amp.web.land.models import Land


class Command(BaseCommand):
    help = (
        "Schreibt den Bericht zur Zielnachhaltung eines Landes für ein Quartal: je Jobcenter "
        "die Ziele, der Wert am Quartalsende, die Hochrechnung zum Dezember und der Stand."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("land", metavar="LAND", help="Kennung des Landes, z. B. nrw")
        parser.add_argument("year", type=int, metavar="JAHR", help="Jahr der Zielvereinbarung")
        parser.add_argument(
            "--quartal",
            type=int,
            choices=(1, 2, 3, 4),
            help="Quartal; ohne Angabe das zuletzt berichtete",
        )
        parser.add_argument(
            "--output", "-o", type=Path, required=True, help="Ausgabedatei (.pdf oder .html)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        land = Land.objects.filter(code=options["land"]).first()
        if land is None:
            raise CommandError(f"Land '{options['land']}' gibt es nicht.")
        year: int = options["year"]
        output: Path = options["output"]
        if output.suffix.lower() not in {".pdf", ".html"}:
            raise CommandError("--output: die Datei muss auf .pdf oder .html enden.")
        rows = [
            presenters.jobcenter_year(e.jobcenter, year, e, with_execution=False)
            for e in selectors.members(land)
        ]
        follow_ups = presenters.follow_ups(rows)
        quarter = options["quartal"] or quarter_of(follow_ups) or 1
        today = datetime.now(ZoneInfo("Europe/Berlin")).date()
        html = render_follow_up(land.name, year, quarter, follow_ups, today)
        if output.suffix.lower() == ".html":
            output.write_text(html, encoding="utf-8")
        else:
            from amp.reports.pdf import write_pdf

            write_pdf(html, output)
        self.stdout.write(f"Zielnachhaltung {year}, {quarter}. Quartal, geschrieben: {output}")
