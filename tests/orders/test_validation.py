"""Bad input gives a clear error on the field at fault, through full_clean(), and nothing
is saved."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from orders.models import (
    ACHRecord,
    BadCheckEntry,
    BrowsingEvent,
    DefectiveMerchandiseClaim,
    MintChatTranscript,
    MintOrder,
    MintPayment,
    MintPhoneCall,
    MintStaffUser,
    MintSystemAccess,
    OfflineOrder,
    OfflineOrderItem,
    OfflinePayment,
    OfflineShipment,
    Product,
    UndeliveredOrder,
)
from tests.orders.conftest import (
    ROUTING,
    VISA,
    at,
    card,
    make_customer,
    make_product,
    make_staff,
    offline_order,
)

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

DAY = datetime.date(2025, 5, 1)


@pytest.fixture
def alice():
    return make_customer("C00000301", "Alice", "Valid", systems=("usps-810-300", "mint-009"))


@pytest.fixture
def order(alice):
    return offline_order(alice, "PF0000003011", DAY)


@pytest.fixture
def mint_order(alice):
    return MintOrder.objects.create(
        person=alice,
        order_number="MO0000003011",
        internal_request_id="RQ0000003011",
        order_date=DAY,
        channel="online",
    )


def errors_of(record) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def card_payment(order, **overrides) -> OfflinePayment:
    values = {"person": order.person, "order": order, "method": "card", "amount": 10}
    return OfflinePayment(**{**values, **card(), **overrides})


# -- payment cards (USPS 810.300 payment information; Mint .009 (b) credit card) --------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"card_number": "4111111111111112"}, "card_number", "check digit"),
        ({"card_number": "4111-1111"}, "card_number", "12 to 19 digits"),
        ({"card_expiry_year": 2020}, "card_expiry_year", "expired"),
        ({"card_expiry_month": 13}, "card_expiry_month", "less than or equal to 12"),
        ({"card_brand": "amex"}, "card_brand", "not a number of this brand"),
        ({"card_expiry_month": None}, "card_expiry_month", "expiry month"),
        ({"check_number": "1001"}, "check_number", "does not use this field"),
    ],
)
def test_a_bad_card_payment_is_refused(order, overrides, field, message):
    payment = card_payment(order, **overrides)
    errors = errors_of(payment)
    assert message in " ".join(errors[field])
    assert OfflinePayment.objects.count() == 0


def test_a_card_number_is_kept_as_digits_with_its_last_four_and_brand(order):
    payment = card_payment(order, card_number="4111 1111-1111 1111")
    payment.full_clean()
    assert (payment.card_number, payment.card_last_four, payment.card_brand) == (
        VISA,
        "1111",
        "visa",
    )


def test_no_card_verification_code_can_be_given():
    # USPS and Treasury policy: the CVV is never accepted or stored; there is no field.
    for model in (OfflinePayment, MintPayment):
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"cvv", "cvc", "cvv2", "security_code", "card_verification_code"}
        with pytest.raises(TypeError):
            model(cvv="123")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"bank_routing_number": ""}, "bank_routing_number"),
        ({"bank_routing_number": "123456789"}, "bank_routing_number"),
        ({"bank_account_number": "12ab"}, "bank_account_number"),
        ({"check_number": ""}, "check_number"),
        ({"card_number": VISA}, "card_number"),
    ],
)
def test_a_bad_check_payment_is_refused(order, overrides, field):
    values = {
        "person": order.person,
        "order": order,
        "method": "check",
        "amount": 10,
        "check_number": "1001",
        "bank_routing_number": ROUTING,
        "bank_account_number": "12345678",
    }
    assert field in errors_of(OfflinePayment(**{**values, **overrides}))


def test_a_money_order_needs_its_number(order):
    payment = OfflinePayment(person=order.person, order=order, method="money_order", amount=5)
    assert "money_order_number" in errors_of(payment)


def test_a_payment_for_someone_elses_order_is_refused(order):
    bob = make_customer("C00000302", "Bob", "Else")
    assert "order" in errors_of(card_payment(order, person=bob))


def test_an_amount_must_be_positive(order):
    assert "amount" in errors_of(card_payment(order, amount=Decimal("0.00")))


# -- ACH, shipments, claims, bad checks (USPS 810.300) -----------------------------------


def test_an_ach_record_needs_a_valid_routing_number(alice):
    record = ACHRecord(
        person=alice,
        account_holder_name="Alice Valid",
        bank_routing_number="021000022",
        bank_account_number="12345678",
        account_type="checking",
        amount=10,
    )
    assert "bank_routing_number" in errors_of(record)
    assert ACHRecord.objects.count() == 0


def test_a_recipient_zip_code_must_be_valid(order):
    shipment = OfflineShipment(
        person=order.person,
        order=order,
        product_service_id="683404",
        recipient_name="Carol",
        recipient_street="1 Elm",
        recipient_city="Dayton",
        recipient_postal_code="4540",
    )
    assert "recipient_postal_code" in errors_of(shipment)


def test_an_order_item_needs_a_positive_quantity(order):
    item = OfflineOrderItem(
        person=order.person, order=order, product_service_id="683404", quantity=0, unit_price=1
    )
    assert "quantity" in errors_of(item)


def test_a_claim_cannot_be_resolved_before_it_was_submitted(order):
    claim = DefectiveMerchandiseClaim(
        person=order.person,
        order=order,
        product_service_id="683404",
        submitted_on=DAY,
        description="Torn.",
        status="refunded",
        resolved_on=DAY - datetime.timedelta(days=1),
    )
    assert "resolved_on" in errors_of(claim)


def test_the_database_refuses_a_claim_resolved_before_it_was_submitted(order):
    with pytest.raises(IntegrityError):
        DefectiveMerchandiseClaim.objects.create(
            person=order.person,
            order=order,
            product_service_id="683404",
            submitted_on=DAY,
            description="Torn.",
            status="refunded",
            resolved_on=DAY - datetime.timedelta(days=1),
        )


def test_a_bad_check_entry_must_name_a_check_payment(order):
    payment = card_payment(order)
    payment.save()
    entry = BadCheckEntry(
        person=order.person, payment=payment, check_number="1", amount=10, returned_on=DAY
    )
    assert "payment" in errors_of(entry)


def test_a_cleared_bad_check_needs_the_date_it_cleared(alice):
    entry = BadCheckEntry(
        person=alice, check_number="1", amount=10, returned_on=DAY, status="cleared"
    )
    assert "cleared_on" in errors_of(entry)


def test_an_order_number_is_stored_in_its_normal_form(alice):
    order = offline_order(alice, " pf-0000003099 ", DAY)
    assert OfflineOrder.objects.get(pk=order.pk).order_number == "PF0000003099"


# -- Mint .009 ---------------------------------------------------------------------------


def test_staff_access_cannot_be_revoked_before_it_was_granted():
    staff = MintStaffUser(
        name="Dana",
        user_id="CON0001",
        employer_type="contractor",
        access_granted_on=DAY,
        access_revoked_on=DAY - datetime.timedelta(days=1),
    )
    assert "access_revoked_on" in errors_of(staff)


def test_an_audit_entry_needs_access_on_that_date():
    staff = make_staff("CON0002", "Dana", access_revoked_on=datetime.date(2020, 1, 1))
    entry = MintSystemAccess(staff_user=staff, accessed_at=at(DAY), action="view_order")
    assert "accessed_at" in errors_of(entry)


def test_a_failed_logon_may_be_logged_after_access_is_revoked():
    staff = make_staff("CON0003", "Dana", access_revoked_on=datetime.date(2020, 1, 1))
    MintSystemAccess(staff_user=staff, accessed_at=at(DAY), action="failed_logon").full_clean()
    assert staff.access_records.count() == 0  # validated only, not saved


def test_a_flagged_order_needs_a_reason(alice):
    order = MintOrder(
        person=alice,
        order_number="MO1",
        internal_request_id="RQ1",
        order_date=DAY,
        channel="online",
        flagged=True,
    )
    assert "flag_reason" in errors_of(order)


def test_an_order_cannot_be_handled_by_staff_without_access_that_day(alice):
    staff = make_staff("CON0004", "Dana", access_granted_on=DAY + datetime.timedelta(days=1))
    order = MintOrder(
        person=alice,
        order_number="MO2",
        internal_request_id="RQ2",
        order_date=DAY,
        channel="phone",
        handled_by=staff,
    )
    assert "handled_by" in errors_of(order)


def test_sales_cannot_exceed_the_mintage_limit():
    product = make_product(mintage_limit=10, units_sold=10)
    product.units_sold = 11
    assert "units_sold" in errors_of(product)
    assert Product.objects.get(pk=product.pk).units_sold == 10


def test_the_database_refuses_sales_beyond_the_mintage_limit():
    product = make_product(mintage_limit=10)
    with pytest.raises(IntegrityError):
        Product.objects.filter(pk=product.pk).update(units_sold=11)


def test_a_mint_card_payment_is_checked_like_any_card(mint_order):
    payment = MintPayment(
        person=mint_order.person,
        order=mint_order,
        amount=10,
        **card(card_number="4111111111111121"),
    )
    assert "card_number" in errors_of(payment)


def test_a_chat_cannot_end_before_it_started(alice):
    chat = MintChatTranscript(
        person=alice,
        handled_by=make_staff("CON0005", "Dana"),
        started_at=at(DAY, 11),
        ended_at=at(DAY, 10),
        transcript="Hello",
    )
    assert "ended_at" in errors_of(chat)


def test_a_call_recording_uri_must_be_https_or_s3(alice):
    call = MintPhoneCall(
        person=alice,
        handled_by=make_staff("CON0006", "Dana"),
        called_at=at(DAY),
        recording_uri="ftp://recordings.example.net/x.wav",
    )
    assert "recording_uri" in errors_of(call)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"device_settings": json.dumps({"gpu": "x"})}, "device_settings", "Unknown device"),
        ({"device_settings": "{not json"}, "device_settings", "JSON object"),
        ({"device_settings": "[1, 2]"}, "device_settings", "JSON object"),
        ({"ip_address": "300.1.1.1"}, "ip_address", "IPv4 or IPv6"),
        ({"page_path": "products/b01"}, "page_path", "starting with /"),
        ({"event_type": "product_view"}, "product", "product viewed"),
    ],
)
def test_a_bad_browsing_event_is_refused(alice, overrides, field, message):
    values = {
        "person": alice,
        "occurred_at": at(DAY),
        "session_id": "abc",
        "event_type": "page_view",
        "page_path": "/",
        "ip_address": "192.0.2.1",
        "device_settings": json.dumps({"browser": "Firefox"}),
    }
    errors = errors_of(BrowsingEvent(**{**values, **overrides}))
    assert message in " ".join(errors[field])


def test_an_undelivered_order_resolved_needs_the_date(mint_order):
    report = UndeliveredOrder(
        person=mint_order.person,
        order=mint_order,
        reason="refused",
        research_notes="Refused at the door.",
        resolution="refunded",
        reported_on=DAY,
    )
    assert "resolved_on" in errors_of(report)
