"""`amp manage kpi_load EINGABE`: compute the § 48a figures (DuckDB) and store them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amp.web.kennzahlen.loading import DEFAULT_MONTHS, LoadError, load, parse_mapping

SHOWN = 20
"""Unmatched Jobcenter ids listed by name; national data may hold hundreds."""


class Command(BaseCommand):
    help = (
        "Berechnet die Kennzahlen nach § 48a SGB II aus einem Verzeichnis mit Einzeldaten "
        "(panel, ereignisse, beschaeftigung, zeitraeume) und speichert sie für jedes Jobcenter "
        "der Daten, das es in der Datenbank gibt. Erneutes Laden ersetzt die Monate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input_dir", type=Path, metavar="EINGABE", help="Datenverzeichnis")
        parser.add_argument(
            "--months",
            default=DEFAULT_MONTHS,
            help="Berichtsmonate: Anzahl bis zum neuesten Monat nach Ablauf der Wartezeit "
            f"(Standard {DEFAULT_MONTHS}), ein Monat JJJJ-MM oder ein Bereich JJJJ-MM..JJJJ-MM",
        )
        parser.add_argument(
            "--jobcenter",
            action="append",
            default=[],
            metavar="DATEN-ID=KENNUNG",
            help="Zuordnung eines Jobcenters der Daten zu einer Kennung (mehrfach möglich); "
            "ohne Angabe: die ID selbst, klein geschrieben oder jc-<id klein geschrieben>",
        )
        parser.add_argument(
            "--bezeichnung",
            default="",
            help="Hinweis zur Herkunft, der auf der Seite steht (z. B. „Testdaten“)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = load(
                options["input_dir"],
                months=options["months"],
                mapping=parse_mapping(options["jobcenter"]),
                label=options["bezeichnung"],
            )
        except LoadError as exc:
            raise CommandError(str(exc)) from None
        months = summary.months
        span = months[0] if len(months) == 1 else f"{months[0]} bis {months[-1]}"
        for data_id, code in summary.jobcenters.items():
            self.stdout.write(f"geladen: {data_id} → {code}, Berichtsmonate {span}")
        unmatched = summary.unmatched
        if unmatched:
            shown = ", ".join(unmatched[:SHOWN])
            more = f" … ({len(unmatched)} insgesamt)" if len(unmatched) > SHOWN else ""
            self.stdout.write(f"nicht zugeordnet (kein Jobcenter in der Datenbank): {shown}{more}")
