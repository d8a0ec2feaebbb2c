"""Hole: the admin change list is sorted by the model's default ordering (Meta.ordering)
whatever the role reads of it. Person is ordered by customer_id, which
marketing_analyst sees only masked; the row order of GET /admin/customers/person/ then
tells how the masked customer IDs compare (the ?o= route was closed; this one is not)."""

import pytest

from sorn.constants import Role
from tests.access.conftest import USPS_890, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_person_list_is_not_ordered_by_masked_customer_id(as_role):
    """marketing_analyst: GET /admin/customers/person/ lists Bea (created second,
    customer ID C00000001) before Al (created first, C00000999): the order is the masked
    customer IDs'. Expected: an order that does not depend on a masked value (e.g. by
    row number, newest or oldest first: the same whatever the customer IDs)."""
    al = person_in("C00000999", USPS_890, given_name="Al")
    bea = person_in("C00000001", USPS_890, given_name="Bea")
    client = as_role(Role.MARKETING_ANALYST)
    listed = client.get("/admin/customers/person/")
    assert listed.status_code == 200
    order = [p.pk for p in listed.context["cl"].result_list]
    # Swap the customer IDs: if the order follows them, it flips.
    al.customer_id = "TMP"
    al.save()
    bea.customer_id = "C00000999"
    bea.save()
    al.customer_id = "C00000001"
    al.save()
    relisted = client.get("/admin/customers/person/")
    assert [p.pk for p in relisted.context["cl"].result_list] == order
