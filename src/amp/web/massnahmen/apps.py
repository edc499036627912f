from __future__ import annotations

from django.apps import AppConfig


class MassnahmenConfig(AppConfig):
    name = "amp.web.massnahmen"
    label = "massnahmen"
    verbose_name = "Maßnahmen und Gutscheine im Jahr"
    default_auto_field = "django.db.models.BigAutoField"
