"""Finding 15: the card summary kept in clear is shown in clear.

lib/payments.py keeps a card's brand, last four and expiry in clear "so staff recognise
the card without decrypting its number", and the policy's `financial` grant ("card
brands and expiry") lets customer service read them. But they are classified with the
number as `financial.card`, which customer service sees masked, every one of them as a
card number: the brand and expiry month come out as "•••", the expiry year as
"•••• 2028" and the last four as "•••• 1111"."""

import datetime
from decimal import Decimal

import pytest

from orders.models import OfflineOrder, OfflinePayment
from sorn.constants import Role

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_customer_service_reads_the_card_summary_in_clear(as_role):
    """Finding 15: customer_service reading Alma's offline order through the API sees
    her payment's card_brand "visa", card_last_four "1111", card_expiry_month 12 and
    card_expiry_year 2028 in clear, and the card number masked as "•••• 1111". Today
    they are "•••", "•••• 1111", "•••" and "•••• 2028"."""
    alma = person_in("C00000161", USPS_810, given_name="Alma")
    day = datetime.date(2025, 5, 1)
    order = OfflineOrder.objects.create(
        person=alma, order_number="PF0000016101", placed_on=day, channel="phone"
    )
    OfflinePayment.objects.create(
        person=alma, order=order, method="card", amount=Decimal("27.20"), paid_on=day,
        card_number="4111111111111111", card_expiry_month=12, card_expiry_year=2028,
        billing_name="Alma Example",
    )  # fmt: skip
    response = as_role(Role.CUSTOMER_SERVICE).get(f"/api/v1/orders/{order.pk}/")
    assert response.status_code == 200
    (payment,) = response.json()["payments"]
    summary = {
        name: payment.get(name)
        for name in (
            "card_number",
            "card_brand",
            "card_last_four",
            "card_expiry_month",
            "card_expiry_year",
        )
    }
    assert summary == {
        "card_number": "•••• 1111",
        "card_brand": "visa",
        "card_last_four": "1111",
        "card_expiry_month": 12,
        "card_expiry_year": 2028,
    }
