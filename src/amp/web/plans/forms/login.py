"""The login form: Django's, with the user name checked against its column first.

Django sets the field's max_length only after the field is built, so no validator refuses a
name of 300 characters; it would reach authenticate() and django-axes, whose record of the
failed attempt then breaks PostgreSQL's column limit (a server error instead of a message).
"""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from amp.core import limits


class LoginForm(AuthenticationForm):
    def clean_username(self) -> str:
        username: str = self.cleaned_data.get("username") or ""
        problem = limits.text_problem(username, limits.MAX_USERNAME)
        if problem:
            raise ValidationError(f"Benutzername: {problem}.")
        return username
