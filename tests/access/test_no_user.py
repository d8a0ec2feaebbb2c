"""Finding 5: no user, no data.

A gated serializer decides its fields by the requesting user; without a request it
falls back to "the widest shape" (meant for schema generation) and renders every field
in clear. Rendering a record with no user must be refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from customers.api import CustomerSerializer

from .conftest import USPS_890, person_in

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
