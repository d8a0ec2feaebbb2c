"""Demonstration data for development (`manage.py seed_demo`). Synthetic only."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from sorn.constants import Role


@transaction.atomic
def seed_demo_users(password: str) -> tuple[list[str], list[str]]:
    """One staff user per role, named after the role and in that role's group.

    Re-running keeps the users (their password reset to `password`) and creates nothing
    twice.
    """
    User = get_user_model()
    created: list[str] = []
    existing: list[str] = []
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        user, was_created = User.objects.get_or_create(
            username=role.value,
            defaults={"is_staff": True, "first_name": role.label, "last_name": "(demo)"},
        )
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(group)
        (created if was_created else existing).append(user.username)
    return created, existing
