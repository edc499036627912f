"""Storage of a Jobcenter's measure controlling: contracts and lots, pseudonymous flow
events and vouchers, each keyed by the source's id (a unique constraint makes re-imports
idempotent). `MeasureStore.stamp` is new after every change: the key of the records kept in
memory (`selectors.measure_data`)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models

from amp.core.occupancy.model import FLOW_KIND_LABELS, PRICE_BASIS_LABELS, VOUCHER_KIND_LABELS
from amp.io.occupancy.readers import MAX_SITES
from amp.web.plans.models import Jobcenter


class MeasureStore(models.Model):
    jobcenter = models.OneToOneField(
        Jobcenter, on_delete=models.CASCADE, related_name="measure_store"
    )
    stamp = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return f"Maßnahmedaten – {self.jobcenter.name}"


class ContractRow(models.Model):
    store = models.ForeignKey(MeasureStore, on_delete=models.CASCADE, related_name="contracts")
    source_id = models.CharField("Vertrag", max_length=64)
    measure = models.CharField("Maßnahme", max_length=64)
    name = models.CharField("Bezeichnung", max_length=200, blank=True, default="")
    lot = models.CharField("Los", max_length=64, blank=True, default="")
    provider = models.CharField("Träger", max_length=200, blank=True, default="")
    sites = models.CharField("Standorte", max_length=MAX_SITES, blank=True, default="")
    start = models.DateField("Beginn")
    end = models.DateField("Ende")
    places = models.PositiveIntegerField("Plätze", null=True, blank=True)
    price = models.DecimalField("Preis", max_digits=14, decimal_places=2)
    basis = models.CharField(
        "Preisbasis", max_length=16, choices=[(k.value, v) for k, v in PRICE_BASIS_LABELS.items()]
    )
    hours_per_month = models.PositiveIntegerField("Stunden je Monat", null=True, blank=True)
    line = models.CharField("Planzeile", max_length=64, blank=True, default="")
    awarded_on = models.DateField("Vergeben am", null=True, blank=True)
    options: Any = models.JSONField("Optionen", default=list)

    class Meta:
        ordering = ("measure", "start", "source_id")
        constraints = (
            models.UniqueConstraint(fields=("store", "source_id"), name="massnahmen_contract_id"),
        )


class FlowRow(models.Model):
    store = models.ForeignKey(MeasureStore, on_delete=models.CASCADE, related_name="flows")
    source_id = models.CharField("Ereignis", max_length=64)
    person = models.CharField("Person (Pseudonym)", max_length=64)
    measure = models.CharField("Maßnahme", max_length=64)
    kind = models.CharField(
        "Art", max_length=16, choices=[(k.value, v) for k, v in FLOW_KIND_LABELS.items()]
    )
    day = models.DateField("Datum")
    reason = models.CharField("Austrittsgrund", max_length=16, blank=True, default="")
    contract = models.CharField("Vertrag", max_length=64, blank=True, default="")
    woman = models.BooleanField("Frau", null=True)
    long_term = models.BooleanField("LZB", null=True)
    under_25 = models.BooleanField("unter 25", null=True)
    employed_after = models.BooleanField("SV-Beschäftigung nach 6 Monaten", null=True)
    synthetic = models.BooleanField("synthetisch", default=False)

    class Meta:
        ordering = ("day", "source_id")
        constraints = (
            models.UniqueConstraint(fields=("store", "source_id"), name="massnahmen_flow_id"),
        )


class VoucherRow(models.Model):
    store = models.ForeignKey(MeasureStore, on_delete=models.CASCADE, related_name="vouchers")
    source_id = models.CharField("Gutschein", max_length=64)
    person = models.CharField("Person (Pseudonym)", max_length=64)
    kind = models.CharField(
        "Art", max_length=8, choices=[(k.value, v) for k, v in VOUCHER_KIND_LABELS.items()]
    )
    goal = models.CharField("Ziel", max_length=64)
    issued = models.DateField("Ausgegeben am")
    redeemed = models.DateField("Eingelöst am", null=True, blank=True)
    valid_until = models.DateField("Gültig bis", null=True, blank=True)
    synthetic = models.BooleanField("synthetisch", default=False)

    class Meta:
        ordering = ("issued", "source_id")
        constraints = (
            models.UniqueConstraint(fields=("store", "source_id"), name="massnahmen_voucher_id"),
        )


class ImportEntry(models.Model):
    """Who took over which file when (the flows are personal data, if pseudonymous)."""

    store = models.ForeignKey(MeasureStore, on_delete=models.CASCADE, related_name="imports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField("übernommen am", auto_now_add=True)
    kind = models.CharField("Art", max_length=16)
    file = models.CharField("Datei", max_length=255)
    written = models.PositiveIntegerField("neu oder geändert")

    class Meta:
        ordering = ("-at", "-pk")
