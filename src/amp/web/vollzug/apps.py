from __future__ import annotations

from django.apps import AppConfig


class VollzugConfig(AppConfig):
    name = "amp.web.vollzug"
    label = "vollzug"
    verbose_name = "Vollzug des Jahres"
    default_auto_field = "django.db.models.BigAutoField"
