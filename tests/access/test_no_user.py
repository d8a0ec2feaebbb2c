"""Finding 5: no user, no data.

A gated serializer decides its fields by the requesting user; without a request it
falls back to "the widest shape" (meant for schema generation) and renders every field
in clear. Rendering a record with no user must be refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIRequestFactory

from access.resources import serializer_of
from audit.models import AccessEvent, AccessEventPerson
from customers.models import Address, Person
from sorn.constants import Role

from .conftest import USPS_890, person_in

CustomerSerializer = serializer_of(Person)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_a_serializer_without_a_request_renders_nothing():
    """Finding 5: CustomerSerializer(person).data with no request in its context raises
    django.core.exceptions.PermissionDenied. Today it returns every field in clear,
    e-mail and date of birth included."""
    person = person_in(
        "C00000061",
        USPS_890,
        given_name="Nadia",
        email="nadia@example.org",
        date_of_birth=datetime.date(1975, 1, 2),
    )
    with pytest.raises(PermissionDenied):
        CustomerSerializer(person).data  # noqa: B018


def test_a_page_rendered_for_a_known_user_outside_a_request_is_one_audited_read(staff_user):
    """A task building a request package renders records for a named user with no HTTP
    request around it: the page's reads are written together when it is rendered, one
    access event per model (not one per row), each linked to the people it was about."""
    people = [
        person_in(f"C0000007{n}", USPS_890, given_name=f"Rowan{n}", email=f"r{n}@example.org")
        for n in range(3)
    ]
    for person in people:
        Address.objects.create(person=person, kind="home", line1="1 Main St", city="Reno")
    request = APIRequestFactory().get("/")
    request.user = staff_user(Role.PRIVACY_OFFICER)
    before = AccessEvent.objects.count()

    rows = Person.objects.filter(pk__in=[p.pk for p in people]).order_by("pk")
    data = CustomerSerializer(
        rows.prefetch_related("addresses", "phone_numbers"),
        many=True,
        context={"request": request},
    ).data

    assert [row["email"] for row in data] == ["r0@example.org", "r1@example.org", "r2@example.org"]
    events = AccessEvent.objects.order_by("pk")[before:]
    assert sorted(event.model for event in events) == ["customers.Address", "customers.Person"]
    for event in events:
        linked = set(
            AccessEventPerson.objects.filter(event=event).values_list("person_id", flat=True)
        )
        assert linked == {p.pk for p in people}, event.model
