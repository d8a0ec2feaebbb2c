"""Finding 7: a write whose audit cannot be written is rolled back.

Reads fail closed (no access event, no data sent), but the PATCH that answers 500
because its access event could not be written has already committed its change and
its change entry: the client is told it failed while the record changed. The write,
its change entry and its access events are one transaction."""

import pytest

from audit.models import ChangeEntry
from customers.models import Person
from sorn.constants import Role
from tests.audit.factories import refuse_access_events

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_a_patch_whose_access_event_fails_changes_nothing(as_role, monkeypatch):
    """Finding 7: with the database refusing access events, customer_service's PATCH
    of Paula's given name answers 500, her given name is still "Paula" and no new
    change entry names her. Today the 500 comes after the commit: the name is "Pauline"
    and a change entry records it."""
    paula = person_in("C00000081", USPS_810, given_name="Paula", family_name="Prior")
    entries_before = ChangeEntry.objects.get_for_object(paula).count()
    client = as_role(Role.CUSTOMER_SERVICE)

    refuse_access_events(monkeypatch)
    response = client.patch(
        f"/api/v1/customers/{paula.pk}/",
        {"given_name": "Pauline"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 500
    assert Person.objects.get(pk=paula.pk).given_name == "Paula"
    assert ChangeEntry.objects.get_for_object(paula).count() == entries_before
