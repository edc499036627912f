"""Storage of the Online-Fallclearing: questionnaire versions, personal links with the
answers given through them, reads of answers (audit), throttled guesses, feedback.

A link's token is never stored, only its SHA-256 digest. The answers keep the
questionnaire version they were given under (`ClearingLink.questionnaire`). Deleting the
answers after the period (`amp manage fallclearing_loeschen`) empties `answers`,
`suggestion` and `note` but keeps the times, which the statistics count.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from amp.core.limits import MAX_ID
from amp.web.plans.models import Jobcenter


class QuestionnaireVersion(models.Model):
    jobcenter = models.ForeignKey(
        Jobcenter, on_delete=models.CASCADE, related_name="questionnaires"
    )
    version = models.CharField("Fassung", max_length=MAX_ID)
    document: Any = models.JSONField("Fragebogen mit Regeln")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("jobcenter", "-created_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("jobcenter", "version"), name="one_questionnaire_per_version"
            ),
        )
        verbose_name = "Fragebogen"
        verbose_name_plural = "Fragebögen"

    def __str__(self) -> str:
        return f"{self.jobcenter} – Fragebogen {self.version}"


class ClearingLink(models.Model):
    """One applicant's personal link and what was answered through it."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="+")
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="links"
    )
    # a pseudonymous reference the Jobcenter understands (e.g. the number of the case);
    # never a name
    reference = models.CharField("Kennung", max_length=MAX_ID)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    expires_at = models.DateTimeField("gültig bis")
    language = models.CharField("Sprache", max_length=8, default="de")
    started_at = models.DateTimeField("begonnen", null=True, blank=True)
    submitted_at = models.DateTimeField("abgesendet", null=True, blank=True)
    last_question = models.CharField(max_length=MAX_ID, blank=True, default="")
    answers: Any = models.JSONField("Antworten", default=dict)
    suggestion: Any = models.JSONField("Vorschlag", null=True, blank=True)
    # the caseworker's decision: the track confirmed or changed, with a note
    decided_track = models.CharField("Weg", max_length=MAX_ID, blank=True, default="")
    decision_note = models.TextField("Vermerk", blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField("Antworten gelöscht", null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("jobcenter", "reference"), name="one_link_per_reference"
            ),
        )
        verbose_name = "Fallclearing-Link"
        verbose_name_plural = "Fallclearing-Links"

    def __str__(self) -> str:
        return f"{self.jobcenter} – {self.reference}"


class AnswerRead(models.Model):
    """Every read of answers by staff: who, when, which link, what was shown."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    link = models.ForeignKey(
        ClearingLink, on_delete=models.SET_NULL, null=True, related_name="reads"
    )
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField("Kennung", max_length=MAX_ID)  # kept when the link goes
    with_health = models.BooleanField("mit Gesundheitsangaben", default=False)

    class Meta:
        ordering = ("at", "id")
        verbose_name = "Lesen von Antworten"
        verbose_name_plural = "Lesen von Antworten"


class GuessAttempt(models.Model):
    """An invalid token presented; keyed by a keyed hash of the client address (no IP)."""

    client = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


class Feedback(models.Model):
    """A message from the public feedback form (accessibility, errors); anonymous."""

    at = models.DateTimeField(auto_now_add=True)
    language = models.CharField(max_length=8)
    text = models.TextField("Nachricht")

    class Meta:
        ordering = ("-at",)
        verbose_name = "Rückmeldung"
        verbose_name_plural = "Rückmeldungen"
