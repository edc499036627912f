"""Storage: Jobcenters, who may do what there, and plan versions as whole documents."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from amp.core.plan import Plan as CorePlan
from amp.core.plan import PlanStatus
from amp.io.document import plan_from_document


class Role(models.TextChoices):
    ADMIN = "admin", "Administration"
    PLANUNG = "planung", "Planung"
    LEITUNG = "leitung", "Leitung"
    BEIRAT = "beirat", "Beirat"
    # casework: offers, Förderketten and case clearing; published plans only, no budget data
    INTEGRATION = "integration", "Integrationsfachkraft"
    FALLMANAGEMENT = "fallmanagement", "Fallmanagement"


# who reads drafts as well as published versions; every other role reads published ones only
DRAFT_READERS = (Role.ADMIN, Role.PLANUNG, Role.LEITUNG)
# who works with the money of the year (Vollzug); caseworkers do not
STEERING_ROLES = (Role.ADMIN, Role.PLANUNG, Role.LEITUNG, Role.BEIRAT)


class Status(models.TextChoices):
    ENTWURF = PlanStatus.ENTWURF.value, "Entwurf"
    BESCHLOSSEN = PlanStatus.BESCHLOSSEN.value, "Beschlossen"
    FORTGESCHRIEBEN = PlanStatus.FORTGESCHRIEBEN.value, "Fortgeschrieben"


PUBLISHED = (Status.BESCHLOSSEN, Status.FORTGESCHRIEBEN)


class Jobcenter(models.Model):
    code = models.SlugField("Kennung", max_length=64, unique=True)
    name = models.CharField("Name", max_length=200)
    kind = models.CharField("Art", max_length=8)
    region = models.CharField("Region", max_length=200, blank=True, default="")

    class Meta:
        ordering = ("name",)
        verbose_name = "Jobcenter"
        verbose_name_plural = "Jobcenter"
        # the operator of an installation (Betrieb): creates Jobcenters and their first
        # Administration in the browser; superusers hold it without being granted it
        permissions = (("betrieb", "Betrieb: Jobcenter und ihre erste Administration anlegen"),)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("Rolle", max_length=16, choices=Role.choices)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "jobcenter"), name="one_role_per_jobcenter"),
        )
        verbose_name = "Mitgliedschaft"
        verbose_name_plural = "Mitgliedschaften"

    def __str__(self) -> str:
        return f"{self.user} – {self.jobcenter} ({self.get_role_display()})"


class Plan(models.Model):
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveIntegerField("Planjahr")

    class Meta:
        ordering = ("-year",)
        constraints = (
            models.UniqueConstraint(fields=("jobcenter", "year"), name="one_plan_per_year"),
        )

    def __str__(self) -> str:
        return f"{self.jobcenter} {self.year}"


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("Nummer")
    as_of = models.DateField("Stand")
    label = models.CharField("Bezeichnung", max_length=300, blank=True)
    status = models.CharField("Status", max_length=16, choices=Status.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    document = models.JSONField("Plandokument")

    class Meta:
        ordering = ("plan", "number")
        constraints = (
            models.UniqueConstraint(fields=("plan", "number"), name="unique_version_number"),
        )

    def __str__(self) -> str:
        return f"{self.plan} – Version {self.number}"

    def core_plan(self) -> CorePlan:
        return plan_from_document(self.document)

    @property
    def published(self) -> bool:
        return self.status in PUBLISHED


class ChapterText(models.Model):
    """A chapter of the Arbeitsmarktprogramm (Markdown with bound figures) in one version.

    Imported with the plan directory's `kapitel/*.md`; a new version (copy, scenario)
    takes over its parent's chapters.
    """

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="chapters")
    file = models.CharField("Datei", max_length=200)  # as in the plan directory: kapitel/03-….md
    text = models.TextField("Text")

    class Meta:
        ordering = ("version", "file")
        constraints = (
            models.UniqueConstraint(fields=("version", "file"), name="unique_chapter_file"),
        )

    def __str__(self) -> str:
        return f"{self.version} – {self.file}"


class AuditAction(models.TextChoices):
    CHANGE = "aenderung", "Änderung"
    LOGIN = "anmeldung", "Anmeldung"
    LOGIN_FAILED = "anmeldung-fehlgeschlagen", "Anmeldung fehlgeschlagen"
    LOGOUT = "abmeldung", "Abmeldung"


class AuditEntry(models.Model):
    """A change of a plan version, or a login, logout or failed login (without version)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(
        "Vorgang", max_length=32, choices=AuditAction.choices, default=AuditAction.CHANGE
    )
    # the name typed at the login form, kept also when no such user exists
    username = models.CharField("Benutzername", max_length=150, blank=True)
    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="audit", null=True, blank=True
    )
    path = models.CharField("Pfad", max_length=300)
    # the place in German ("Maßnahmen u25 › ChancEN › Plätze"), as it was named at the time
    label = models.CharField("Stelle", max_length=300, blank=True, default="")
    old: Any = models.JSONField("alt", null=True)
    new: Any = models.JSONField("neu", null=True)

    class Meta:
        ordering = ("at", "id")
        verbose_name = "Änderung"
        verbose_name_plural = "Änderungen"


class AccountAuditEntry(models.Model):
    """A change to who may do what in a Jobcenter: user created, role set, deactivated."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="account_audit")
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_audit"
    )
    action = models.CharField("Aktion", max_length=200)
    old = models.CharField("alt", max_length=200, blank=True, default="")
    new = models.CharField("neu", max_length=200, blank=True, default="")

    class Meta:
        ordering = ("at", "id")
        verbose_name = "Änderung an Benutzern"
        verbose_name_plural = "Änderungen an Benutzern"


class ApiToken(models.Model):
    """A bearer token for the read-only JSON API; only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    name = models.CharField("Bezeichnung", max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "API-Schlüssel"
        verbose_name_plural = "API-Schlüssel"


class GridLineComment(models.Model):
    """A planner's comment on one budget line in one version (who and when, last saved)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="line_comments")
    line_id = models.CharField("Zeile", max_length=64)  # the budget line's id in the plan
    text = models.TextField("Kommentar")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField("geändert am")

    class Meta:
        ordering = ("version", "line_id")
        constraints = (
            models.UniqueConstraint(fields=("version", "line_id"), name="one_comment_per_line"),
        )
        verbose_name = "Kommentar zu einer Zeile"
        verbose_name_plural = "Kommentare zu Zeilen"

    def __str__(self) -> str:
        return f"{self.version} – {self.line_id}"
