"""Stored results of the indicator engine: one calculation, its figures per Jobcenter and month.

The web app never reads microdata per request: `amp manage kpi_load` computes the figures
once (DuckDB) and stores them here in their published form (small cells already suppressed).
"""

from __future__ import annotations

from django.db import models

from amp.web.plans.models import Jobcenter


class Calculation(models.Model):
    """One run of the engine over one input directory."""

    computed_at = models.DateTimeField("berechnet am")
    source = models.CharField("Eingabe", max_length=500)
    label = models.CharField("Bezeichnung", max_length=200, blank=True)
    fingerprint = models.CharField("Prüfsumme der Eingabe (SHA-256)", max_length=64)
    engine = models.CharField("Rechenwerk", max_length=100)
    software = models.CharField("Programmversion", max_length=100)
    parameters = models.JSONField("Parameter")
    first_month = models.CharField("erster Datenmonat", max_length=7)
    last_month = models.CharField("letzter Datenmonat", max_length=7)
    day_precise_lzb = models.BooleanField("LZB tagesgenau")

    class Meta:
        ordering = ("-computed_at",)
        verbose_name = "Berechnung"
        verbose_name_plural = "Berechnungen"

    def __str__(self) -> str:
        return f"{self.source} ({self.fingerprint[:12]})"


class MonthlyFigures(models.Model):
    """The figures of one Jobcenter for one reporting month, as the engine published them."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="kpi_months")
    month = models.CharField("Berichtsmonat", max_length=7)  # JJJJ-MM sorts by time
    calculation = models.ForeignKey(Calculation, on_delete=models.CASCADE, related_name="months")
    figures = models.JSONField("Kennzahlen")
    series = models.JSONField("Grundreihen für die Zielerreichung")

    class Meta:
        ordering = ("jobcenter", "month")
        constraints = (
            models.UniqueConstraint(fields=("jobcenter", "month"), name="one_result_per_month"),
        )
        verbose_name = "Kennzahlen eines Monats"
        verbose_name_plural = "Kennzahlen der Monate"

    def __str__(self) -> str:
        return f"{self.jobcenter} {self.month}"
