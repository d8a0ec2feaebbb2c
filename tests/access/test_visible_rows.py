"""The rows a user may see at all, told two ways: `restrict_queryset` in SQL (the lists,
the details' 404) and `Gate.visible` in Python (the nested rows of a record, fetched
unrestricted by the API's prefetch). They must keep exactly the same rows for every
role and every record model, or a nested list would show a row its own list hides."""

from __future__ import annotations

import pytest

from access.gate import Gate
from access.policy import restrict_queryset
from audit.constants import AccessChannel
from customers.models import Address, PhoneNumber
from sorn.classification import record_models, registry
from sorn.constants import Role
from tests.access.conftest import MINT, USPS_820, USPS_890, person_in
from tests.orders.conftest import mint_world, usps_world  # noqa: F401

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def world(usps_world, mint_world):  # noqa: F811
    # People of one system each, and one of none, each with an address and a phone.
    for number, systems in (("C00000901", (USPS_820,)), ("C00000902", (USPS_890,)),
                            ("C00000903", (MINT,)), ("C00000904", ())):  # fmt: skip
        person = person_in(number, *systems, given_name="Row", family_name=number)
        Address.objects.create(person=person, line1=f"{number} Way", city="Town")
        PhoneNumber.objects.create(person=person, number=f"(202) 555-{number[-4:]}")


@pytest.mark.parametrize("role", list(Role))
def test_the_gate_keeps_the_rows_the_restricted_query_keeps(world, staff_user, role):
    user = staff_user(role)
    compared = 0
    for model in record_models():
        if registry.get(model) is None:
            continue
        everything = list(model._base_manager.order_by("pk"))
        restricted = set(
            restrict_queryset(user, model._base_manager.all()).values_list("pk", flat=True)
        )
        visible = {
            row.pk for row in Gate(user, AccessChannel.API_DETAIL).visible(model, everything)
        }
        assert visible == restricted, model._meta.label
        compared += len(everything)
    assert compared > 40  # the world has rows in many models, not an empty comparison
