from __future__ import annotations

from django.apps import AppConfig


class LandConfig(AppConfig):
    name = "amp.web.land"
    label = "land"
    verbose_name = "Land und Zielvereinbarungen"
    default_auto_field = "django.db.models.BigAutoField"
