"""`plan_report VERSION_ID DATEI [--kommentare]`: the report of a stored version as PDF (or
HTML for a file ending in .html), optionally with the comments on budget lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amp.reports.html import render_html
from amp.reports.pdf import pdf_bytes
from amp.web.plans.derived import derived
from amp.web.plans.models import PlanVersion
from amp.web.plans.views.downloads import line_comments


class Command(BaseCommand):
    help = (
        "Schreibt den Bericht einer gespeicherten Version als PDF (oder als HTML, wenn die "
        "Datei auf .html endet); mit --kommentare samt den Kommentaren zu Budgetzeilen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("version", type=int, help="Nummer (ID) der Version")
        parser.add_argument("file", type=Path, help="Zieldatei (.pdf oder .html)")
        parser.add_argument(
            "--kommentare",
            action="store_true",
            help="die Kommentare zu den Zeilen der Finanzplanung mit drucken",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        version = PlanVersion.objects.filter(pk=options["version"]).first()
        if version is None:
            raise CommandError(f"Eine Version mit der ID {options['version']} gibt es nicht.")
        target: Path = options["file"]
        if target.suffix.lower() not in {".pdf", ".html"}:
            raise CommandError("Die Zieldatei muss auf .pdf oder .html enden.")
        if not target.parent.is_dir():
            raise CommandError(f"Das Verzeichnis {target.parent} gibt es nicht.")
        comments = line_comments(version) if options["kommentare"] else []
        checked = derived(version)
        html = render_html(checked.plan, list(checked.findings), line_comments=comments)
        if target.suffix.lower() == ".html":
            target.write_text(html, encoding="utf-8")
        else:
            target.write_bytes(pdf_bytes(html))
        count = len(comments)
        with_comments = (
            f" mit {count} Kommentar{'' if count == 1 else 'en'}" if options["kommentare"] else ""
        )
        self.stdout.write(f"Bericht{with_comments} geschrieben nach {target}")
