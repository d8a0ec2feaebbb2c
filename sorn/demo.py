"""Demonstration data for development (`manage.py seed_demo`). Synthetic only."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from lib.demo import DemoContext
from sorn.classification import registry
from sorn.constants import SERVICE_ROLES, Role

# The record apps whose `demo.seed(ctx)` adds each system's records to the seeded people,
# in this order (customers first: the others hang their records on its relationships).
PEOPLE_DEMO_APP = "customers"
RECORD_DEMO_APPS = ("orders", "mailers", "marketing")
# The apps whose `demo.seed_configuration()` adds their demo settings (idempotent, whatever
# the number of customers): FOIA.gov components.
CONFIGURATION_DEMO_APPS = ("access", "access_requests")


@transaction.atomic
def seed_demo_users(password: str) -> tuple[list[str], list[str]]:
    """One user per role, named after the role and in that role's group: staff users for
    the staff roles, API-only accounts (not staff) for the service roles.

    Re-running keeps the users (their password reset to `password`) and creates nothing
    twice.
    """
    User = get_user_model()
    created: list[str] = []
    existing: list[str] = []
    for role in Role:
        is_staff = role not in SERVICE_ROLES
        group, _ = Group.objects.get_or_create(name=role.value)
        user, was_created = User.objects.get_or_create(
            username=role.value,
            defaults={"is_staff": is_staff, "first_name": role.label, "last_name": "(demo)"},
        )
        user.is_staff = is_staff
        if is_staff:
            user.set_password(password)
        else:
            # A service account signs in nowhere: it holds tokens a security
            # administrator issues (access/service_accounts.py).
            user.set_unusable_password()
        user.save()
        user.groups.add(group)
        (created if was_created else existing).append(user.username)
    return created, existing


@transaction.atomic
def seed_demo_configuration() -> dict[str, int]:
    """Each app's demo configuration; returns the rows created per model."""
    counts: dict[str, int] = {}
    for label in CONFIGURATION_DEMO_APPS:
        counts.update(importlib.import_module(f"{label}.demo").seed_configuration())
    return counts


def seed_demo_records(
    customers: int, progress: Callable[[str], None] = lambda message: None
) -> dict[str, int]:
    """Make sure at least `customers` demo customers exist, each with records across the
    systems; returns the rows inserted per model. Re-running with the same number adds
    nothing."""
    # The record apps plug their seeders in by module name, as apps plug in admin modules:
    # the catalogue imports no record app.
    customers_demo = importlib.import_module(f"{PEOPLE_DEMO_APP}.demo")
    existing = registry.person_model.objects.count()
    if existing >= customers:
        return {}
    ctx = DemoContext.create(today=timezone.localdate(), seed=existing + 1)
    started = time.monotonic()
    chunk = 5000
    for first in range(existing + 1, customers + 1, chunk):
        count = min(chunk, customers + 1 - first)
        ctx.people, ctx.relationships = [], {}
        with transaction.atomic():
            customers_demo.seed(ctx, count, start_number=first)
            for label in RECORD_DEMO_APPS:
                try:
                    module = importlib.import_module(f"{label}.demo")
                except ModuleNotFoundError:
                    continue
                module.seed(ctx)
        progress(
            f"{first + count - 1 - existing} of {customers - existing} customers "
            f"({time.monotonic() - started:.0f} s)"
        )
    return ctx.counts
