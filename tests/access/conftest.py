"""People and personas for the access findings.

Every test here builds its own few people and says exactly which systems each belongs
to (no random demo seed), and works as a staff user of one role, through the real
channels: the admin, the API, model managers and services."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from customers.models import Person, SystemRelationship
from sorn.constants import Role

USPS_810 = "usps-810-300"
USPS_820 = "usps-820-100"
USPS_890 = "usps-890-000"
MINT = "mint-009"

# Each system's own customer number for a person: "USPS-C00000002", "MINT-C00000002".
_PREFIX = {USPS_810: "USPS", USPS_820: "USPS", USPS_890: "USPS", MINT: "MINT"}


def person_in(customer_id: str, *systems: str, **fields) -> Person:
    """A person known to exactly `systems`, with the fields given."""
    person = Person.objects.create(customer_id=customer_id, **fields)
    for system in systems:
        SystemRelationship.objects.create(
            person=person,
            system=system,
            system_customer_id=f"{_PREFIX[system]}-{customer_id}",
            started_on=datetime.date(2020, 1, 1),
        )
    return person


@pytest.fixture
def as_role(staff_user):
    """A logged-in test client per persona: `as_role(Role.CUSTOMER_SERVICE)`."""

    users: dict[Role, object] = {}

    def login(role: Role) -> Client:
        if role not in users:
            users[role] = staff_user(role)
        client = Client()
        client.force_login(users[role])
        return client

    return login
