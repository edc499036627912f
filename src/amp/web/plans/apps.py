from __future__ import annotations

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "amp.web.plans"
    label = "plans"
    verbose_name = "Arbeitsmarktprogramme"
    default_auto_field = "django.db.models.BigAutoField"
