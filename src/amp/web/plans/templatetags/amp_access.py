"""Template filters for what the navigation offers a user."""

from __future__ import annotations

from typing import Any

from django import template

from amp.web.plans.models import Membership, Role

register = template.Library()


@register.filter
def administers(user: Any) -> bool:
    """Whether the user has the role Administration in some Jobcenter."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, role=Role.ADMIN).exists()


@register.filter
def may_import(user: Any) -> bool:
    """Whether the user may import plans (Planung or Administration somewhere)."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, role__in=(Role.PLANUNG, Role.ADMIN)).exists()


@register.filter
def operates(user: Any) -> bool:
    """Whether the user runs the installation (Betrieb: creates Jobcenters)."""
    from amp.web.plans.onboarding import may_operate

    return may_operate(user)
