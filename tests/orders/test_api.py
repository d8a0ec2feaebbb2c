"""/api/v1/orders/ and /api/v1/mint-orders/ through the policy gate, with payments."""

import pytest

from sorn.constants import Role

from .conftest import VISA

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def api(client, staff_user):
    def as_role(role: Role):
        client.force_login(staff_user(role))
        return client

    return as_role


def test_an_order_is_found_by_its_number_however_it_is_typed(api, usps_world):
    client = api(Role.CUSTOMER_SERVICE)
    results = client.get("/api/v1/orders/", {"order_number": "pf-0000001011"}).json()["results"]
    assert [r["order_number"] for r in results] == ["PF0000001011"]
    assert client.get("/api/v1/orders/", {"order_number": "PF9"}).json()["results"] == []


def test_payments_come_with_their_order_card_numbers_masked(api, usps_world):
    client = api(Role.CUSTOMER_SERVICE)
    order = client.get(f"/api/v1/orders/{usps_world.order.pk}/").json()
    (payment,) = order["payments"]
    assert payment["card_number"] == f"•••• {VISA[-4:]}"
    assert VISA not in str(order)
    assert payment["amount"] == "27.20"
    # The billing name is a name: customer service reads it.
    assert payment["billing_name"] == "Alice Example"


def test_fulfillment_sees_no_payment_card_at_all(api, usps_world):
    order = api(Role.FULFILLMENT).get(f"/api/v1/orders/{usps_world.order.pk}/").json()
    assert "card_number" not in order["payments"][0]
    assert order["payments"][0]["amount"] == "27.20"


def test_fulfillment_updates_an_order_status(api, usps_world):
    response = api(Role.FULFILLMENT).patch(
        f"/api/v1/orders/{usps_world.order.pk}/",
        {"status": "shipped"},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 200, response.content
    usps_world.order.refresh_from_db()
    assert usps_world.order.status == "shipped"


def test_a_write_to_a_nested_payment_is_refused_whole(api, usps_world):
    response = api(Role.CUSTOMER_SERVICE).patch(
        f"/api/v1/orders/{usps_world.order.pk}/",
        {"status": "cancelled", "payments": [{"card_number": "4111111111111111"}]},
        content_type="application/json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 403
    assert "payments" in response.json()["detail"]
    usps_world.order.refresh_from_db()
    assert usps_world.order.status != "cancelled"


def test_roles_without_the_system_get_no_orders(api, usps_world):
    client = api(Role.MAILER_SERVICES)
    assert client.get("/api/v1/orders/").status_code == 403
    assert client.get(f"/api/v1/orders/{usps_world.order.pk}/").status_code == 403


def test_mint_orders_for_the_contractor_agent(api, mint_world):
    client = api(Role.CONTRACTOR_AGENT)
    body = client.get("/api/v1/mint-orders/").json()
    assert len(body["results"]) >= 1
    order = body["results"][0]
    assert "payments" in order and "order_number" in order
    # USPS 810.300 is outside the contractor agent's world.
    assert client.get("/api/v1/orders/").status_code == 403
