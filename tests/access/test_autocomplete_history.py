"""Finding 9: no read of a person's record without an access event.

Two admin views every ModelAdmin has, that the gate does not record: the autocomplete
endpoint (it searches any registered model's admin by the term given, blind indexes
included, and answers with the matching records) and a record's history page. Neither
is used by this service's admin (no admin declares autocomplete_fields), so both must
be closed rather than audited."""

import pytest

from audit.models import AccessEvent
from sorn.constants import Role

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def quinn():
    return person_in("C00000101", USPS_810, given_name="Quinn", email="quinn@example.org")


def test_autocomplete_does_not_find_a_person_by_email(as_role, quinn):
    """Finding 9: no admin uses autocomplete_fields, so customer_service asks the
    autocomplete endpoint through OfflineOrder's `person` field with Quinn's e-mail as
    the term: the answer is 403 or 404, never 200 with Quinn's id. Today it is 200 with
    {"id": "<Quinn's pk>"}, and no access event is written."""
    response = as_role(Role.CUSTOMER_SERVICE).get(
        "/admin/autocomplete/",
        {
            "app_label": "orders",
            "model_name": "offlineorder",
            "field_name": "person",
            "term": "quinn@example.org",
        },
    )
    found = [r["id"] for r in response.json()["results"]] if response.status_code == 200 else []
    assert str(quinn.pk) not in found, (response.status_code, found, AccessEvent.objects.count())
    assert response.status_code in (403, 404)


@pytest.mark.parametrize("role", [Role.CUSTOMER_SERVICE, Role.PRIVACY_OFFICER])
def test_a_persons_history_page_is_closed(as_role, quinn, role):
    """Finding 9: /admin/customers/person/<id>/history/ answers 403 or 404 for
    customer_service and privacy_officer. Today it answers 200 and records no access
    event."""
    response = as_role(role).get(f"/admin/customers/person/{quinn.pk}/history/")
    assert response.status_code in (403, 404), (response.status_code, AccessEvent.objects.count())
