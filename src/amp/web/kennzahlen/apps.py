from __future__ import annotations

from django.apps import AppConfig


class KennzahlenConfig(AppConfig):
    name = "amp.web.kennzahlen"
    label = "kennzahlen"
    verbose_name = "Kennzahlen nach § 48a SGB II"
    default_auto_field = "django.db.models.BigAutoField"
