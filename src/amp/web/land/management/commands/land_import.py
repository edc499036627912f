"""`land_import DATEI`: target agreements (§ 48b SGB II) from CSV/XLSX into the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amp.core.agreements import Agreement
from amp.core.problems import InputProblems
from amp.io import agreements as io
from amp.web.land import selectors, services
from amp.web.plans.models import Jobcenter


class Command(BaseCommand):
    help = (
        "Liest Zielvereinbarungen (Jobcenter, Jahr, Kennzahl, Zielwert, Anmerkung) aus einer "
        "CSV- oder XLSX-Datei ein: erst alle Zeilen prüfen, dann alles oder nichts; dieselbe "
        "Datei noch einmal ändert nichts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="DATEI", help="CSV- oder XLSX-Datei")
        parser.add_argument(
            "--vorschau", action="store_true", help="nur zeigen, was sich ändern würde"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        file: Path = options["file"]
        codes = set(Jobcenter.objects.values_list("code", flat=True))
        try:
            rows = io.read_rows(file, codes)
        except InputProblems as exc:
            raise CommandError(
                f"{file.name} kann nicht eingelesen werden; nichts wurde gespeichert:\n"
                + "\n".join(f"  {p}" for p in exc.problems),
                returncode=2,  # amp's exit code for unreadable input
            ) from None
        stored = selectors.stored_agreements({a.jobcenter for _n, a in rows})
        result = io.preview(file, stored, codes)
        self.stdout.write(
            f"{file.name}: {result.count('neu')} neu, {result.count('geändert')} geändert, "
            f"{result.count('unverändert')} unverändert."
        )
        for row in result.changes:
            a = row.agreement
            self.stdout.write(
                f"  Zeile {row.row}: {a.jobcenter} {a.year} {a.indicator} – {row.state}"
            )
        if options["vorschau"]:
            self.stdout.write("Vorschau: nichts gespeichert.")
            return
        written = services.save_agreements(
            Agreement(a.jobcenter, a.year, a.indicator, a.target, a.note)
            for a in (r.agreement for r in result.changes)
        )
        self.stdout.write(f"Gespeichert: {written} Ziel(e).")
