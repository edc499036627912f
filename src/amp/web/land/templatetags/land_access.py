"""Whether the navigation offers the Land view: to Land users and to Jobcenter staff who
enter their agreements."""

from __future__ import annotations

from typing import Any

from django import template

from amp.web.land import selectors

register = template.Library()


@register.filter
def sees_land(user: Any) -> bool:
    return selectors.lands(user).exists() or bool(selectors.staff_jobcenters(user))
