"""USPS 810.300 retrievability: "By customer name, customer ID(s), phone number, mail or
e-mail address, or order number" — through sorn.retrieval.find_records."""

import pytest

from sorn.retrieval import UnknownIdentifier, find_records
from tests.orders.conftest import make_customer

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

SLUG = "usps-810-300"


def ids(result, label: str) -> set[int]:
    return set(result.records[f"orders.{label}"].values_list("pk", flat=True))


@pytest.mark.parametrize(
    "identifiers",
    [
        {"name": "Alice Example"},
        {"name": "  ALICE   example "},  # the name's blind index folds case and spacing
        {"customer_id": "c00000101"},
        {"customer_id": "USPS-C00000101"},  # the system's own customer ID
        {"phone": "202.555.0101"},
        {"email": "Alice@Example.COM"},
        {"address": "1 Main Street, Springfield, IL, 62701"},
        {"name": "Alice Example", "email": "alice@example.com", "customer_id": "C00000101"},
    ],
)
def test_a_person_identifier_finds_all_their_records(usps_world, identifiers):
    result = find_records(SLUG, identifiers)
    w = usps_world
    assert ids(result, "OfflineOrder") == {w.order.pk, w.check_payment.order_id}
    assert ids(result, "OfflinePayment") == {w.payment.pk, w.check_payment.pk}
    assert ids(result, "ACHRecord") == {w.ach.pk}
    assert ids(result, "OfflineShipment") == {w.shipment.pk}
    assert ids(result, "OrderStatusInquiry") == {w.inquiry.pk}
    assert ids(result, "DefectiveMerchandiseClaim") == {w.claim.pk}
    assert ids(result, "BadCheckEntry") == {w.bad_check.pk}
    assert ids(result, "ReferralFeedback") == {w.referral.pk}
    assert ids(result, "OfflineOrderItem") == {w.item.pk}


@pytest.mark.parametrize("number", ["PF0000001011", "pf-0000001011", " PF 0000001011 "])
def test_the_order_number_finds_that_order_and_its_records(usps_world, number):
    result = find_records(SLUG, {"order_number": number})
    w = usps_world
    assert ids(result, "OfflineOrder") == {w.order.pk}
    assert ids(result, "OfflinePayment") == {w.payment.pk}  # not the other order's check
    assert ids(result, "ACHRecord") == {w.ach.pk}
    assert ids(result, "OfflineShipment") == {w.shipment.pk}
    assert ids(result, "BadCheckEntry") == set()


def test_a_bad_check_is_found_through_the_order_it_paid(usps_world):
    result = find_records(SLUG, {"order_number": "PF0000001012"})
    assert ids(result, "BadCheckEntry") == {usps_world.bad_check.pk}


@pytest.mark.parametrize(
    "identifiers",
    [
        {"name": "Alice Exampel"},
        {"customer_id": "C00000999"},
        {"phone": "(202) 555-0199"},
        {"phone": "not a phone"},
        {"email": "alice@example.net"},
        {"address": "2 Main Street, Springfield, IL, 62701"},
        {"order_number": "PF0000009999"},
        # every identifier must match: Bob's order is not Alice's
        {"name": "Alice Example", "order_number": "PF0000001021"},
    ],
)
def test_a_non_matching_identifier_finds_nothing(usps_world, identifiers):
    assert find_records(SLUG, identifiers).count() == 0


def test_someone_without_a_relationship_with_the_system_is_not_found(usps_world):
    make_customer("C00000103", "Carol", "Mint", systems=("mint-009",))
    assert find_records(SLUG, {"name": "Carol Mint"}).count() == 0


def test_identifiers_the_notice_does_not_list_are_refused(usps_world):
    with pytest.raises(UnknownIdentifier, match="shipment_tracking_number"):
        find_records(SLUG, {"shipment_tracking_number": "1Z999AA10123456784"})
