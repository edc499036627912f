from __future__ import annotations

from django.apps import AppConfig


class FallclearingConfig(AppConfig):
    name = "amp.web.fallclearing"
    label = "fallclearing"
    verbose_name = "Online-Fallclearing"
    default_auto_field = "django.db.models.BigAutoField"
