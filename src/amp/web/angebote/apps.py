from __future__ import annotations

from django.apps import AppConfig


class AngeboteConfig(AppConfig):
    name = "amp.web.angebote"
    label = "angebote"
    verbose_name = "Angebote und Förderketten"
    default_auto_field = "django.db.models.BigAutoField"
