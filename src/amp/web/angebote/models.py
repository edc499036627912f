"""What the offer finder stores: nothing about a search, unless the caseworker enters a
pseudonymous number on purpose; then who searched, when, for which number, and which
offers were shown or put on the sheet (no profile, no name)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from amp.web.plans.models import Jobcenter

SEARCH, SHEET = "suche", "angebotsblatt"


class OfferAction(models.TextChoices):
    SEARCH = SEARCH, "Angebotssuche"
    SHEET = SHEET, "Angebotsblatt"


class OfferAudit(models.Model):
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="offer_audit")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField("Vorgang", max_length=16, choices=OfferAction.choices)
    pseudonym = models.CharField("Pseudonyme Nummer", max_length=20)
    offers = models.JSONField("Angebote", default=list)  # offer ids, best first

    class Meta:
        ordering = ("at", "id")
        verbose_name = "Protokoll der Angebotssuche"
        verbose_name_plural = "Protokolle der Angebotssuche"
