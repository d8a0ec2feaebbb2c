"""Attacks on the filters of the rows every system shares (/api/v1/system-relationships/,
/phone-numbers/, ...: ?email=, ?customer_id=, customers/api.py rows_of_customers_found).

Searching by a value is reading it. Tried: a role that reads an e-mail address only
masked (400 whatever the value, hit or miss alike), a role that reads it in clear in
one system using it on a person of another system only (nobody found), or on a person
of both (only the rows of its own systems), and a system's customer number the role
does not read in clear (nobody found). All held; the answers are written out per role,
from the policy's scopes: customer service reads contact data in USPS 810.300 (and the
Mint's orders), service marketing in USPS 890.000, marketing analysts and fulfillment
see it masked.

(A wider sweep, every role × shared resource × identifier × person of one or two
systems, found no row matched through a value the role reads only masked or not at all;
it checked against the policy's own answers, so it is not kept as a test.)
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from customers.models import PhoneNumber, SystemRelationship
from sorn.constants import Role
from tests.access.conftest import USPS_810, USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

CS, SM, MA, FUL = (
    Role.CUSTOMER_SERVICE,
    Role.SERVICE_MARKETING,
    Role.MARKETING_ANALYST,
    Role.FULFILLMENT,
)


@pytest.fixture
def people():
    ada = person_in("C00000801", USPS_810, given_name="Ada", email="ada@example.com")
    bea = person_in("C00000802", USPS_890, given_name="Bea", email="bea@example.com")
    cy = person_in("C00000803", USPS_810, USPS_890, given_name="Cy", email="cy@example.com")
    for n, person in enumerate((ada, bea, cy), start=1):
        PhoneNumber.objects.create(person=person, kind="home", number=f"+1 202 555 010{n}")
    return {"ada": ada, "bea": bea, "cy": cy}


def relationship(people, name: str, system: str) -> int:
    return SystemRelationship.objects.get(person=people[name], system=system).pk


@pytest.fixture
def as_role(staff_user):
    def login(role: Role) -> Client:
        client = Client()
        client.force_login(staff_user(role))
        return client

    return login


def found(answer) -> list | int:
    """The ids listed, or the status of a refusal."""
    if answer.status_code != 200:
        return answer.status_code
    return sorted(row["id"] for row in answer.json()["results"])


# (role, the e-mail searched) → the relationships listed, by (person, system), or 400.
BY_EMAIL = {
    (CS, "ada@example.com"): [("ada", USPS_810)],
    (CS, "bea@example.com"): [],
    (CS, "cy@example.com"): [("cy", USPS_810)],
    (SM, "ada@example.com"): [],
    (SM, "bea@example.com"): [("bea", USPS_890)],
    (SM, "cy@example.com"): [("cy", USPS_890)],
    (MA, "ada@example.com"): 400,
    (MA, "bea@example.com"): 400,
    (MA, "nobody@example.com"): 400,
    (FUL, "cy@example.com"): 400,
    (FUL, "nobody@example.com"): 400,
}


@pytest.mark.parametrize(("role", "email"), list(BY_EMAIL))
def test_relationships_by_email_reach_only_what_the_role_reads_in_clear(
    as_role, people, role, email
):
    expected = BY_EMAIL[role, email]
    if isinstance(expected, list):
        expected = sorted(relationship(people, name, system) for name, system in expected)
    client = as_role(role)
    by_get = found(client.get("/api/v1/system-relationships/", {"email": email}))
    by_post = found(
        client.post(
            "/api/v1/system-relationships/search/",
            json.dumps({"email": email}),
            content_type="application/json",
        )
    )
    assert (by_get, by_post) == (expected, expected)


# A system's customer number (person_in: "USPS-<customer ID>" in both USPS systems).
BY_NUMBER = {
    (CS, "USPS-C00000801"): ["ada"],
    (CS, "USPS-C00000802"): [],  # Bea's number is USPS 890.000's only
    (SM, "USPS-C00000802"): ["bea"],
    (SM, "USPS-C00000801"): [],  # Ada's is USPS 810.300's only
    (MA, "USPS-C00000802"): 400,  # identifiers masked
}


@pytest.mark.parametrize(("role", "number"), list(BY_NUMBER))
def test_phones_by_a_systems_customer_number(as_role, people, role, number):
    expected = BY_NUMBER[role, number]
    if isinstance(expected, list):
        expected = sorted(PhoneNumber.objects.get(person=people[n]).pk for n in expected)
    answer = as_role(role).get("/api/v1/phone-numbers/", {"customer_id": number})
    assert found(answer) == expected
