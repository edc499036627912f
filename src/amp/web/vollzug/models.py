"""Storage of a Jobcenter's ledger for one year: bookings and commitments keyed by the
finance system's ids (a unique constraint makes re-imports idempotent), the account mapping
and the settings. `selectors.core_ledger` turns them into the core ledger model."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings as django_settings
from django.db import models

from amp.core.ledger.model import STATUS_LABELS
from amp.web.plans.models import Jobcenter, PlanVersion


class LedgerRecord(models.Model):
    """The ledger of one Jobcenter and year. `settings` holds what vollzug.yaml holds
    besides the account mapping (Stand, Toleranz, Mittel, Fortschreibungen, Planungen
    früherer Jahre, Verpflichtungsermächtigung); `columns` the saved column mappings of the
    finance system's exports. `stamp` is new after every change (the key of computed
    results: unlike a counter or the primary key it is never reused)."""

    jobcenter = models.ForeignKey(Jobcenter, on_delete=models.CASCADE, related_name="ledgers")
    year = models.PositiveIntegerField("Jahr")
    settings: Any = models.JSONField("Einstellungen", default=dict)
    columns: Any = models.JSONField("Spaltenzuordnung", default=dict)
    stamp = models.UUIDField(default=uuid.uuid4)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("jobcenter", "year"), name="vollzug_one_per_year"),
        )

    def __str__(self) -> str:
        return f"Vollzug {self.year} – {self.jobcenter.name}"


class AccountRule(models.Model):
    """Ties an account of the finance system (optionally with one cost center) to a line."""

    ledger = models.ForeignKey(LedgerRecord, on_delete=models.CASCADE, related_name="rules")
    account = models.CharField("Haushaltsstelle", max_length=100)
    cost_center = models.CharField("Kostenstelle", max_length=100, blank=True, default="")
    line = models.CharField("Planzeile", max_length=100)

    class Meta:
        ordering = (
            "account",
            "cost_center",
        )
        constraints = (
            models.UniqueConstraint(
                fields=("ledger", "account", "cost_center"), name="vollzug_one_rule_per_account"
            ),
        )


class BookingRow(models.Model):
    ledger = models.ForeignKey(LedgerRecord, on_delete=models.CASCADE, related_name="bookings")
    source_id = models.CharField("Buchungsnummer", max_length=200)
    day = models.DateField("Buchungsdatum")
    amount = models.DecimalField("Betrag", max_digits=15, decimal_places=2)
    account = models.CharField("Haushaltsstelle", max_length=100)
    cost_center = models.CharField("Kostenstelle", max_length=100, blank=True, default="")
    measure = models.CharField("Maßnahme", max_length=200, blank=True, default="")
    commitment = models.CharField("Bindung", max_length=200, blank=True, default="")
    one_off = models.BooleanField("nicht für die Hochrechnung", default=False)
    text = models.CharField("Buchungstext", max_length=500, blank=True, default="")

    class Meta:
        ordering = (
            "day",
            "source_id",
        )
        constraints = (
            models.UniqueConstraint(fields=("ledger", "source_id"), name="vollzug_booking_id"),
        )


class CommitmentRow(models.Model):
    """A commitment with its payment plan: month ("JJJJ-MM") → amount (text of a Decimal)."""

    ledger = models.ForeignKey(LedgerRecord, on_delete=models.CASCADE, related_name="commitments")
    source_id = models.CharField("Bindung", max_length=200)
    line = models.CharField("Planzeile", max_length=100)
    day = models.DateField("Bindungsdatum")
    status = models.CharField(
        "Status", max_length=16, choices=[(s.value, label) for s, label in STATUS_LABELS.items()]
    )
    measure = models.CharField("Maßnahme", max_length=200, blank=True, default="")
    closed_on = models.DateField("erledigt am", null=True, blank=True)
    payments: Any = models.JSONField("Zahlungsplan", default=dict)

    class Meta:
        ordering = ("source_id",)
        constraints = (
            models.UniqueConstraint(fields=("ledger", "source_id"), name="vollzug_commitment_id"),
        )


class LedgerChange(models.Model):
    """A change of the year's settings made on a screen (Mittel, Fortschreibungen,
    Verpflichtungsermächtigung, an applied Umschichtung, next year's draft): who, when,
    where, old → new. The ledger's Verlauf."""

    ledger = models.ForeignKey(LedgerRecord, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True)
    path = models.CharField("Stelle", max_length=300)
    label = models.CharField("Vorgang", max_length=300, blank=True, default="")
    old: Any = models.JSONField("alt", null=True)
    new: Any = models.JSONField("neu", null=True)

    class Meta:
        ordering = ("at", "id")


class DraftOrigin(models.Model):
    """Where each money cell of a draft created from the ledger came from (next year's
    draft): the ledger and Stand, and per cell line, column, value and its sources."""

    version = models.OneToOneField(
        PlanVersion, on_delete=models.CASCADE, related_name="ledger_origin"
    )
    ledger = models.ForeignKey(
        LedgerRecord, on_delete=models.SET_NULL, null=True, related_name="drafts"
    )
    stand = models.DateField("Stand")
    cells: Any = models.JSONField("Zellen", default=list)  # [line, column, value, [sources]]
