"""Treasury/Mint .009 retrievability, identifier by identifier: "Name, address, phone
number, email address, customer number or order number, order date, whether or not the
account is flagged ..., product preferences, market segmentation categories, bureau online
catalog browsing behavioral information, shipment tracking number, any internal
identification number that may be assigned to the request, employee, government
contractor and subcontractor employee user identification"."""

import pytest

from sorn.retrieval import find_records, identifiers_of

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

SLUG = "mint-009"
PERSON_RECORDS = (
    "MintOrder",
    "MintOrderLine",
    "MintPayment",
    "GiftRecipient",
    "MintShipment",
    "UndeliveredOrder",
    "MintChatTranscript",
    "MintPhoneCall",
    "BrowsingEvent",
    "MarketSegmentMembership",
    "ProductPreference",
)
ORDER_RECORDS = (
    "MintOrder",
    "MintOrderLine",
    "MintPayment",
    "GiftRecipient",
    "MintShipment",
    "UndeliveredOrder",
    "MintPhoneCall",
)


def ids(result, label: str) -> set[int]:
    return set(result.records[f"orders.{label}"].values_list("pk", flat=True))


def alices(world, label: str) -> set[int]:
    attribute = {
        "MintOrder": "order",
        "MintOrderLine": "line",
        "MintPayment": "payment",
        "GiftRecipient": "gift",
        "MintShipment": "shipment",
        "UndeliveredOrder": "undelivered",
        "MintChatTranscript": "chat",
        "MintPhoneCall": "call",
        "BrowsingEvent": "event",
        "MarketSegmentMembership": "segment",
        "ProductPreference": "preference",
    }[label]
    return {getattr(world, attribute).pk}


PERSON_LEVEL = {
    "name": {"name": "alice numis"},
    "address": {"address": "5 Mint Road, Springfield, IL 62701"},
    "phone": {"phone": "+1 303 555 0122"},
    "email": {"email": "ALICE.NUMIS@example.com"},
    "customer_number": {"customer_number": "C00000201"},
    "product_preferences": {"product_preferences": "proof_sets"},
    "market_segment": {"market_segment": "bullion_investor"},
    "browsing_behavior": {"browsing_behavior": "b01"},  # a product code viewed
}


@pytest.mark.parametrize("identifiers", PERSON_LEVEL.values(), ids=PERSON_LEVEL.keys())
def test_a_person_identifier_finds_all_their_records(mint_world, identifiers):
    result = find_records(SLUG, identifiers)
    for label in PERSON_RECORDS:
        assert ids(result, label) == alices(mint_world, label), label


def test_browsing_behaviour_finds_by_the_page_viewed_through_its_blind_index(mint_world):
    result = find_records(SLUG, {"browsing_behavior": "/Products/B01"})
    assert ids(result, "BrowsingEvent") == {mint_world.event.pk}


ORDER_LEVEL = {
    "order_number": {"order_number": "mo-0000002011"},
    "order_date": {"order_date": "2025-05-01"},
    "flagged": {"flagged": "yes"},
    "shipment_tracking_number": {"shipment_tracking_number": "1z999aa1 0123456784"},
}


@pytest.mark.parametrize("identifiers", ORDER_LEVEL.values(), ids=ORDER_LEVEL.keys())
def test_an_order_identifier_finds_the_order_and_its_records(mint_world, identifiers):
    result = find_records(SLUG, identifiers)
    for label in ORDER_RECORDS:
        assert ids(result, label) == alices(mint_world, label), label
    # Records that belong to no order are not retrieved by an order's identifiers.
    assert ids(result, "BrowsingEvent") == set()
    assert ids(result, "MintChatTranscript") == set()


def test_flagged_false_finds_the_unflagged_orders(mint_world):
    result = find_records(SLUG, {"flagged": "false"})
    assert ids(result, "MintOrder") == {mint_world.bobs_order.pk}


def test_the_internal_request_id_of_an_order_finds_its_records(mint_world):
    result = find_records(SLUG, {"internal_request_id": "RQ0000002011"})
    assert ids(result, "MintOrder") == {mint_world.order.pk}
    assert ids(result, "MintShipment") == {mint_world.shipment.pk}


@pytest.mark.parametrize(
    ("request_id", "label", "attribute"),
    [
        ("CH0000002011", "MintChatTranscript", "chat"),
        ("cl-0000002011", "MintPhoneCall", "call"),
        ("UD0000002011", "UndeliveredOrder", "undelivered"),
    ],
)
def test_the_internal_request_id_of_a_contact_finds_it(mint_world, request_id, label, attribute):
    result = find_records(SLUG, {"internal_request_id": request_id})
    assert ids(result, label) == {getattr(mint_world, attribute).pk}
    assert ids(result, "MintOrder") == set()


def test_a_staff_user_id_finds_the_account_its_audit_log_and_what_it_handled(mint_world):
    result = find_records(SLUG, {"staff_user_id": "con0007"})
    w = mint_world
    assert ids(result, "MintStaffUser") == {w.agent.pk}
    assert ids(result, "MintSystemAccess") == {w.access.pk}
    assert ids(result, "MintOrder") == {w.order.pk}
    assert ids(result, "MintChatTranscript") == {w.chat.pk}
    assert ids(result, "MintPhoneCall") == {w.call.pk}
    assert ids(result, "BrowsingEvent") == set()


def test_a_staff_members_name_finds_their_account_through_its_blind_index(mint_world):
    result = find_records(SLUG, {"name": "DANA agent"})
    assert ids(result, "MintStaffUser") == {mint_world.agent.pk}
    assert ids(result, "MintSystemAccess") == {mint_world.access.pk}
    assert ids(result, "MintOrder") == set()


@pytest.mark.parametrize(
    "identifiers",
    [
        {"name": "Alice Numismatist"},
        {"address": "6 Mint Road, Springfield, IL 62701"},
        {"phone": "(303) 555-0123"},
        {"email": "alice@example.com"},
        {"customer_number": "C00000299"},
        {"order_number": "MO0000009999"},
        {"order_date": "2024-05-01"},
        {"order_date": "not a date"},
        {"flagged": "maybe"},
        {"product_preferences": "medals"},
        {"market_segment": "lapsed"},
        {"browsing_behavior": "/coins/proof-sets"},
        {"shipment_tracking_number": "9400000000000000"},
        {"internal_request_id": "RQ0000009999"},
        {"staff_user_id": "FED9999"},
        # every identifier must match: Bob's order number is not Alice's
        {"name": "Alice Numis", "order_number": "MO0000002021"},
        {"customer_number": "C00000201", "market_segment": "lapsed"},
    ],
)
def test_a_non_matching_identifier_finds_nothing(mint_world, identifiers):
    assert find_records(SLUG, identifiers).count() == 0


def test_identifiers_combine(mint_world):
    result = find_records(
        SLUG, {"customer_number": "C00000201", "order_number": "MO0000002011", "flagged": "1"}
    )
    assert ids(result, "MintOrder") == {mint_world.order.pk}


def test_every_identifier_of_the_notice_has_a_test():
    tested = set(PERSON_LEVEL) | set(ORDER_LEVEL) | {"internal_request_id", "staff_user_id"}
    tested |= {key for case in PERSON_LEVEL.values() for key in case}
    assert identifiers_of(SLUG) <= tested
