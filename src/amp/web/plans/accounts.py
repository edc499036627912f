"""User administration of a Jobcenter (writes): roles, new users, deactivation.

Only the Jobcenter's Administration may do this, and only with the Jobcenter's own
members: anyone else gets "not found". Every change is one transaction and is logged.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from amp.web.plans.models import AccountAuditEntry, Jobcenter, Membership, Role
from amp.web.plans.selectors import administered, membership


class AccountError(Exception):
    """A German message for a change that was not made."""


def _log(actor: Any, jobcenter: Jobcenter, subject: Any, action: str, old: str, new: str) -> None:
    AccountAuditEntry.objects.create(
        actor=actor, jobcenter=jobcenter, subject=subject, action=action, old=old, new=new
    )


def _role_label(role: str) -> str:
    return str(Role(role).label)


@transaction.atomic
def create_user(
    actor: Any,
    jobcenter: Jobcenter,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> Any:
    """A new user with a role in the Jobcenter; raises ValidationError for a weak password."""
    users = get_user_model()
    if users.objects.filter(username__iexact=username).exists():
        raise AccountError("Diesen Benutzernamen gibt es schon; bitte einen anderen wählen.")
    user = users(username=username, first_name=first_name, last_name=last_name, email=email)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    Membership.objects.create(user=user, jobcenter=jobcenter, role=role)
    _log(actor, jobcenter, user, "Benutzer angelegt", "", f"{username} ({_role_label(role)})")
    return user


def _not_self(actor: Any, subject: Any, what: str) -> None:
    if actor.pk == subject.pk:
        raise AccountError(f"Die eigene {what} kann man nicht selbst ändern.")


@transaction.atomic
def set_role(actor: Any, jobcenter: Jobcenter, user_id: int, role: str) -> bool:
    """Give a member another role; False when it was the role already."""
    member = Membership.objects.select_for_update().get(pk=membership(jobcenter, user_id).pk)
    _not_self(actor, member.user, "Rolle")
    if member.role == role:
        return False
    old = member.role
    member.role = role
    member.save(update_fields=["role"])
    _log(actor, jobcenter, member.user, "Rolle geändert", _role_label(old), _role_label(role))
    return True


@transaction.atomic
def remove(actor: Any, jobcenter: Jobcenter, user_id: int) -> None:
    """Take the member's role in this Jobcenter away (the account itself stays)."""
    member = Membership.objects.select_for_update().get(pk=membership(jobcenter, user_id).pk)
    _not_self(actor, member.user, "Mitgliedschaft")
    _log(actor, jobcenter, member.user, "Rolle entzogen", _role_label(member.role), "")
    member.delete()


@transaction.atomic
def set_active(actor: Any, jobcenter: Jobcenter, user_id: int, active: bool) -> bool:
    """(De)activate a member's account; only if the actor administers all its Jobcenters."""
    user = membership(jobcenter, user_id).user
    _not_self(actor, user, "Anmeldung")
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    elsewhere = Membership.objects.filter(user=user).exclude(jobcenter__in=administered(actor))
    if elsewhere.exists():
        raise AccountError(
            "Dieser Benutzer hat auch in einem anderen Jobcenter eine Rolle; dort wird er weiter "
            "gebraucht. Hier bitte nur die Rolle entziehen."
        )
    if user.is_active == active:
        return False
    user.is_active = active
    user.save(update_fields=["is_active"])
    shown = {True: "aktiv", False: "deaktiviert"}
    _log(actor, jobcenter, user, "Anmeldung", shown[not active], shown[active])
    return True


def password_problems(exc: ValidationError) -> list[str]:
    return [str(message) for message in exc.messages]
