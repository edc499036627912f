from __future__ import annotations

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "amp.web.plans"
    label = "plans"
    verbose_name = "Arbeitsmarktprogramme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from amp.web.plans import audit_logins  # noqa: F401  (connects the signal receivers)
        from amp.web.security import remove_stale_uploads

        remove_stale_uploads()
