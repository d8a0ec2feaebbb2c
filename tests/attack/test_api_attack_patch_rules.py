"""Attacks on the API's PATCH with bodies that are well-formed JSON but break a rule of
the record.

Hole: REST framework's model serializer checks each field and the unique constraints,
never the model's check constraints (the admin's form does, through full_clean). A Mint
order that is flagged must give the reason, and one that is not must give none
(`orders_mint_order_flag_has_reason`); customer service, which writes both fields,
PATCHes one of them alone and the database refuses the row: an IntegrityError, a 500,
for any caller who may write an order (found by hand: the fuzzer's orders are never
flagged).

Held: wrong types (a list or an object for a string or a date, a number for a boolean),
a duplicate key (the last one wins, as json.loads reads it, and is checked like any
other), a body that is no object, an over-long value: each a 400 naming the field, and
nothing saved.
"""

from __future__ import annotations

import pytest
from django.test import Client

from orders.models import MintOrder, OfflineOrder
from sorn.constants import Role
from tests.orders.conftest import mint_world, usps_world  # noqa: F401

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def clerk(staff_user) -> Client:
    client = Client()
    client.force_login(staff_user(Role.CUSTOMER_SERVICE))
    client.raise_request_exception = False
    return client


def patch(client: Client, url: str, body: str):
    return client.generic("PATCH", url, body, content_type="application/json", HTTP_IF_MATCH="*")


# The seeded order is flagged, "verification_required" (tests/orders/conftest.py).
BREAKING = [
    ('{"flagged": false}', "unflagged, its reason kept"),
    ('{"flag_reason": ""}', "flagged, its reason taken away"),
]


@pytest.mark.parametrize(("body", "what"), BREAKING)
def test_a_patch_breaking_a_check_constraint_is_a_400(clerk, mint_world, body, what):  # noqa: F811
    order = mint_world.order
    assert (order.flagged, order.flag_reason) == (True, "verification_required")
    answer = patch(clerk, f"/api/v1/mint-orders/{order.pk}/", body)
    assert answer.status_code == 400, (what, answer.content[:200])
    assert answer.json()["error"] == "invalid"
    order.refresh_from_db()
    assert (order.flagged, order.flag_reason) == (True, "verification_required")


def test_both_fields_together_are_accepted(clerk, mint_world):  # noqa: F811
    order = mint_world.order
    body = '{"flagged": false, "flag_reason": ""}'
    answer = patch(clerk, f"/api/v1/mint-orders/{order.pk}/", body)
    assert answer.status_code == 200
    assert MintOrder.objects.filter(pk=order.pk, flagged=False, flag_reason="").exists()


# Held: malformed values, each named, nothing saved -----------------------------------

MALFORMED = [
    # (resource, body, the field named or "" for the body as a whole)
    ("orders", '{"placed_on": {"year": 2020}}', "placed_on"),
    ("orders", '{"placed_on": ["2020-01-01"]}', "placed_on"),
    ("orders", '{"status": ["shipped"]}', "status"),
    ("orders", '{"recurring": 2}', "recurring"),
    ("orders", '{"status": "shipped", "status": "nonsense"}', "status"),
    ("orders", "[]", ""),
    ("orders", '"shipped"', ""),
    ("customers", '{"given_name": {"text": "Eve"}}', "given_name"),
    ("customers", '{"email": ["eve@example.com"]}', "email"),
    ("customers", '{"given_name": "' + "x" * 101 + '"}', "given_name"),
    ("customers", '{"url": "javascript:alert(1)"}', "url"),
]


@pytest.mark.parametrize(("resource", "body", "field"), MALFORMED)
def test_a_malformed_value_is_a_400_naming_it(clerk, usps_world, resource, body, field):  # noqa: F811
    pk = usps_world.order.pk if resource == "orders" else usps_world.alice.pk
    before = OfflineOrder.objects.values_list("placed_on", "status", "recurring").get(
        pk=usps_world.order.pk
    )
    answer = patch(clerk, f"/api/v1/{resource}/{pk}/", body)
    assert answer.status_code == 400, answer.content[:200]
    error = answer.json()
    if field:
        assert list(error["fields"]) == [field]
    else:
        assert error["fields"] == {}
    after = OfflineOrder.objects.values_list("placed_on", "status", "recurring").get(
        pk=usps_world.order.pk
    )
    assert after == before
    usps_world.alice.refresh_from_db()
    assert (usps_world.alice.given_name, usps_world.alice.email) == ("Alice", "alice@example.com")
