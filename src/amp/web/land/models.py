"""A Land, the Jobcenters assigned to it with their Vergleichstyp, who reads it (the Land
role: read only, no Jobcenter membership), and the target agreements (§ 48b SGB II) with the
Jobcenter's lokales Planungsdokument of each agreement year."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from amp.core.agreements import INDICATORS
from amp.core.limits import MAX_NAME
from amp.web.plans.models import Jobcenter

INDICATOR_CHOICES = [(i.id, f"{i.id} – {i.name}") for i in INDICATORS.values()]
MAX_COMPARISON_TYPE = 20


class Land(models.Model):
    code = models.SlugField("Kennung", max_length=64, unique=True)
    name = models.CharField("Name", max_length=MAX_NAME)

    class Meta:
        ordering = ("name",)
        verbose_name = "Land"
        verbose_name_plural = "Länder"

    def __str__(self) -> str:
        return self.name


class LandJobcenter(models.Model):
    """A Jobcenter of the Land; a Jobcenter belongs to one Land."""

    land = models.ForeignKey(Land, on_delete=models.CASCADE, related_name="members")
    jobcenter = models.OneToOneField(Jobcenter, on_delete=models.CASCADE, related_name="land_entry")
    comparison_type = models.CharField("Vergleichstyp", max_length=MAX_COMPARISON_TYPE)
    # shown beside the name, e.g. that a Jobcenter is synthetic demo data
    note = models.CharField("Hinweis", max_length=MAX_NAME, blank=True, default="")

    class Meta:
        ordering = ("jobcenter__name",)
        verbose_name = "Jobcenter des Landes"
        verbose_name_plural = "Jobcenter des Landes"

    def __str__(self) -> str:
        return f"{self.land} – {self.jobcenter} ({self.comparison_type})"


class LandAccess(models.Model):
    """Read access of a user to a Land: every Jobcenter of it, nothing to change."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="land_accesses"
    )
    land = models.ForeignKey(Land, on_delete=models.CASCADE, related_name="accesses")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "land"), name="one_access_per_land"),
        )
        verbose_name = "Zugang zum Land"
        verbose_name_plural = "Zugänge zum Land"


class TargetAgreement(models.Model):
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="agreements")
    year = models.PositiveIntegerField("Jahr")
    indicator = models.CharField("Kennzahl", max_length=16, choices=INDICATOR_CHOICES)
    target = models.DecimalField("Zielwert", max_digits=5, decimal_places=1)
    note = models.TextField("Anmerkung", blank=True, default="")
    changed_at = models.DateTimeField("geändert am", auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("jobcenter", "year", "indicator")
        constraints = (
            models.UniqueConstraint(
                fields=("jobcenter", "year", "indicator"), name="one_target_per_indicator"
            ),
        )
        verbose_name = "Zielvereinbarung"
        verbose_name_plural = "Zielvereinbarungen"


class PlanningDocument(models.Model):
    """The lokales Planungsdokument of an agreement year: the Jobcenter's own priorities and
    the measures planned to reach the agreed targets."""

    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.CASCADE, related_name="planning_documents"
    )
    year = models.PositiveIntegerField("Jahr")
    priorities = models.TextField("Lokale Schwerpunkte", blank=True, default="")
    measures = models.TextField("Geplante Maßnahmen zur Zielerreichung", blank=True, default="")
    changed_at = models.DateTimeField("geändert am", auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("jobcenter", "year"), name="one_document_per_year"),
        )
        verbose_name = "Lokales Planungsdokument"
        verbose_name_plural = "Lokale Planungsdokumente"


class AgreementChange(models.Model):
    """One change of a Jobcenter's agreements or planning document: who, when, what, from
    which value to which (the Land and the Jobcenter can trace every agreed target)."""

    at = models.DateTimeField("am", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.CASCADE, related_name="agreement_changes"
    )
    year = models.PositiveIntegerField("Jahr")
    what = models.CharField("Was", max_length=MAX_NAME)
    old = models.TextField("alt", blank=True, default="")
    new = models.TextField("neu", blank=True, default="")

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = "Änderung an Zielvereinbarungen"
        verbose_name_plural = "Änderungen an Zielvereinbarungen"
