"""Finding 4: a legal hold's query must not be an oracle on fields the officer cannot
read.

A query hold is counted in the retention plan and dashboard: a records officer who may
not see card data (no `financial.card` grant) could place holds querying
`card_last_four` and read, from what they hold, which payments were made with a card
ending in given digits. A query may name only fields the officer reads in clear."""

import datetime
import json
from decimal import Decimal

import pytest

from orders.models import OfflineOrder, OfflinePayment
from retention.models import LegalHold
from sorn.constants import Role

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_a_records_officer_cannot_hold_by_card_last_four(as_role):
    """Finding 4: records_officer posts a query hold on orders.OfflinePayment naming
    card_last_four: the form is re-shown with an error on the query (or 400), and no
    hold exists. Today the hold is placed (302)."""
    person = person_in("C00000051", USPS_810)
    order = OfflineOrder.objects.create(
        person=person, order_number="PF0000005101", placed_on=datetime.date(2025, 5, 1),
        channel="mail",
    )  # fmt: skip
    OfflinePayment.objects.create(
        person=person, order=order, method="card", amount=Decimal("27.20"),
        paid_on=datetime.date(2025, 5, 1), card_number="4111111111111111",
        card_expiry_month=12, card_expiry_year=2028,
    )  # fmt: skip
    response = as_role(Role.RECORDS_OFFICER).post(
        "/admin/retention/legalhold/add/",
        {
            "scope": "query",
            "person_id": "",
            "system": "",
            "model_label": "orders.OfflinePayment",
            "record_id": "",
            "query": json.dumps({"card_last_four": "1111"}),
            "reason": "Docket 26-cv-0042",
        },
    )
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 200:
        assert "query" in response.context["adminform"].form.errors
    assert LegalHold.objects.count() == 0
