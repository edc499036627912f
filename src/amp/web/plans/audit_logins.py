"""Logins, logouts and failed logins go into the audit trail, through Django's auth signals."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from amp.web.plans import services
from amp.web.plans.models import AuditAction


@receiver(user_logged_in, dispatch_uid="amp-audit-login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    services.record_login(user, AuditAction.LOGIN, user.get_username())


@receiver(user_logged_out, dispatch_uid="amp-audit-logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        services.record_login(user, AuditAction.LOGOUT, user.get_username())


@receiver(user_login_failed, dispatch_uid="amp-audit-login-failed")
def _login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # the credentials come cleansed by Django: the password is never part of them
    services.record_login(None, AuditAction.LOGIN_FAILED, str(credentials.get("username", "")))
