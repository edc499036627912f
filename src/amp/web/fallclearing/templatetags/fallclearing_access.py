from __future__ import annotations

from typing import Any

from django import template

from amp.web.fallclearing.selectors import areas

register = template.Library()


@register.filter
def works_with_clearing(user: Any) -> bool:
    """Whether the user has a role in the Online-Fallclearing somewhere (navigation)."""
    return bool(areas(user))
