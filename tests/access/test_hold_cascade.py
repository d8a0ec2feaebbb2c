"""Finding 11: a legal hold on a record keeps the records that belong to it.

A hold on an order is meant to keep the order as it was: its items and payments are
part of it. The purge destroys children before parents and asks each child's own
holds only, so the held order survives stripped of everything in it."""

import datetime
from decimal import Decimal

import pytest

from orders.models import OfflineOrder, OfflineOrderItem, OfflinePayment
from retention.models import LegalHold
from retention.purge import purge_expired
from retention.services import place_legal_hold
from sorn.constants import Role

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

# USPS 810.300: "retained up to 3 years after the customer relationship ends". The
# relationship ended on 1 January 2022, so as of 15 June 2026 every record of it is due.
ENDED = datetime.date(2022, 1, 1)
AS_OF = datetime.date(2026, 6, 15)
PLACED = datetime.date(2021, 6, 1)


@pytest.fixture
def own_purge_lock(settings, tmp_path):
    """The purge's file lock (SQLite) in this test's own directory."""
    settings.DATA_DIR = tmp_path


def order_with_parts(person, number: str) -> tuple[OfflineOrder, OfflineOrderItem, OfflinePayment]:
    order = OfflineOrder.objects.create(
        person=person, order_number=number, placed_on=PLACED, channel="mail"
    )
    item = OfflineOrderItem.objects.create(
        person=person, order=order, product_service_id="683404", quantity=2,
        unit_price=Decimal("13.60"), ordered_on=PLACED,
    )  # fmt: skip
    payment = OfflinePayment.objects.create(
        person=person, order=order, method="card", amount=Decimal("27.20"), paid_on=PLACED,
        card_number="4111111111111111", card_expiry_month=12, card_expiry_year=2023,
    )  # fmt: skip
    return order, item, payment


@pytest.mark.usefixtures("own_purge_lock")
def test_a_held_order_keeps_its_items_and_payments(staff_user):
    """Finding 11: Hugo's relationship with USPS 810.300 ended on 1 January 2022; both
    his orders, their items and payments are due as of 15 June 2026. Order
    PF0000011101 is under a record legal hold: it keeps its item and its payment, while
    the order not held goes whole. Today the held order survives without its item and
    payment."""
    hugo = person_in("C00000121", USPS_810, given_name="Hugo")
    hugo.relationships.update(ended_on=ENDED, status="ended")
    held, held_item, held_payment = order_with_parts(hugo, "PF0000011101")
    free, _, _ = order_with_parts(hugo, "PF0000011102")
    place_legal_hold(
        LegalHold(
            scope="record",
            model_label="orders.OfflineOrder",
            record_id=held.pk,
            reason="Docket 26-cv-0042: the order as billed",
        ),
        by=staff_user(Role.RECORDS_OFFICER),
    )

    purge_expired(AS_OF, triggered_by="test", batch_size=50)

    assert list(OfflineOrder.objects.values_list("order_number", flat=True)) == ["PF0000011101"]
    assert list(OfflineOrderItem.objects.values_list("pk", flat=True)) == [held_item.pk]
    assert list(OfflinePayment.objects.values_list("pk", flat=True)) == [held_payment.pk]
    assert not OfflineOrder.objects.filter(pk=free.pk).exists()
