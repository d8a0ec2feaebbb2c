"""Small builders for the order records of USPS 810.300 and Treasury/Mint .009: a
customer known to a system, and a full set of each system's records about one customer
(and a few about someone else, so a search must tell them apart)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest

from customers.models import Address, Person, PhoneNumber, SystemRelationship
from orders.models import (
    ACHRecord,
    BadCheckEntry,
    BrowsingEvent,
    DefectiveMerchandiseClaim,
    GiftRecipient,
    MarketSegmentMembership,
    MintChatTranscript,
    MintOrder,
    MintOrderLine,
    MintPayment,
    MintPhoneCall,
    MintShipment,
    MintStaffUser,
    MintSystemAccess,
    OfflineOrder,
    OfflineOrderItem,
    OfflinePayment,
    OfflineShipment,
    OrderStatusInquiry,
    Product,
    ProductPreference,
    ReferralFeedback,
    UndeliveredOrder,
)

TODAY = datetime.date(2026, 3, 2)
VISA = "4111111111111111"  # the well-known Luhn-valid test number
ROUTING = "021000021"


def make_customer(
    customer_id: str,
    given: str,
    family: str,
    *,
    systems: tuple[str, ...] = ("usps-810-300",),
    email: str = "",
    phone: str = "",
    street: str = "",
) -> Person:
    person = Person.objects.create(
        customer_id=customer_id, given_name=given, family_name=family, email=email
    )
    if phone:
        PhoneNumber.objects.create(person=person, kind="home", number=phone)
    if street:
        Address.objects.create(
            person=person,
            kind="home",
            line1=street,
            city="Springfield",
            state="IL",
            postal_code="62701",
        )
    for system in systems:
        SystemRelationship.objects.create(
            person=person,
            system=system,
            system_customer_id=f"{system[:4].upper()}-{customer_id}",
            started_on=datetime.date(2020, 1, 1),
        )
    return person


def card(**overrides) -> dict:
    return {
        "card_number": VISA,
        "card_type": "credit",
        "card_expiry_month": 12,
        "card_expiry_year": TODAY.year + 2,
        **overrides,
    }


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


@dataclass
class UspsWorld:
    alice: Person
    bob: Person
    order: OfflineOrder
    item: OfflineOrderItem
    payment: OfflinePayment
    check_payment: OfflinePayment
    ach: ACHRecord
    shipment: OfflineShipment
    inquiry: OrderStatusInquiry
    claim: DefectiveMerchandiseClaim
    bad_check: BadCheckEntry
    referral: ReferralFeedback
    bobs_order: OfflineOrder


def offline_order(person: Person, number: str, placed: datetime.date) -> OfflineOrder:
    return OfflineOrder.objects.create(
        person=person, order_number=number, placed_on=placed, channel="mail"
    )


@pytest.fixture
def usps_world(db) -> UspsWorld:
    alice = make_customer(
        "C00000101",
        "Alice",
        "Example",
        email="alice@example.com",
        phone="(202) 555-0101",
        street="1 Main Street",
    )
    bob = make_customer("C00000102", "Bob", "Other", email="bob@example.org")
    day = datetime.date(2025, 5, 1)
    order = offline_order(alice, "PF0000001011", day)
    second = offline_order(alice, "PF0000001012", day)
    item = OfflineOrderItem.objects.create(
        person=alice,
        order=order,
        product_service_id="683404",
        quantity=2,
        unit_price=Decimal("13.60"),
        ordered_on=day,
    )
    payment = OfflinePayment.objects.create(
        person=alice,
        order=order,
        method="card",
        amount=Decimal("27.20"),
        paid_on=day,
        card_brand="visa",
        billing_name="Alice Example",
        billing_address="1 Main Street, Springfield, IL 62701",
        **card(),
    )
    check_payment = OfflinePayment.objects.create(
        person=alice,
        order=second,
        method="check",
        amount=Decimal("68.00"),
        paid_on=day,
        check_number="1042",
        bank_routing_number=ROUTING,
        bank_account_number="123456789012",
    )
    bobs_order = offline_order(bob, "PF0000001021", day)
    OfflinePayment.objects.create(
        person=bob, order=bobs_order, method="money_order", amount=5, money_order_number="1234"
    )
    return UspsWorld(
        alice=alice,
        bob=bob,
        order=order,
        item=item,
        payment=payment,
        check_payment=check_payment,
        ach=ACHRecord.objects.create(
            person=alice,
            order=order,
            account_holder_name="Alice Example",
            bank_routing_number=ROUTING,
            bank_account_number="99887766",
            account_type="checking",
            amount=Decimal("27.20"),
            debit_date=day,
            status="settled",
        ),
        shipment=OfflineShipment.objects.create(
            person=alice,
            order=order,
            product_service_id="683404",
            recipient_name="Carol Example",
            recipient_street="9 Elm Street",
            recipient_city="Dayton",
            recipient_state="OH",
            recipient_postal_code="45402",
            shipped_on=day,
        ),
        inquiry=OrderStatusInquiry.objects.create(
            person=alice,
            order=order,
            inquired_on=day,
            channel="phone",
            note="Asked when the stamps would arrive.",
        ),
        claim=DefectiveMerchandiseClaim.objects.create(
            person=alice,
            order=order,
            product_service_id="683404",
            submitted_on=day,
            description="Booklet arrived torn.",
        ),
        bad_check=BadCheckEntry.objects.create(
            person=alice,
            payment=check_payment,
            check_number="1042",
            amount=Decimal("68.00"),
            returned_on=day,
        ),
        referral=ReferralFeedback.objects.create(
            person=alice, order=order, method="post_office", recorded_on=day
        ),
        bobs_order=bobs_order,
    )


@dataclass
class MintWorld:
    alice: Person
    bob: Person
    agent: MintStaffUser
    other_agent: MintStaffUser
    access: MintSystemAccess
    product: Product
    order: MintOrder
    line: MintOrderLine
    payment: MintPayment
    gift: GiftRecipient
    shipment: MintShipment
    undelivered: UndeliveredOrder
    chat: MintChatTranscript
    call: MintPhoneCall
    event: BrowsingEvent
    segment: MarketSegmentMembership
    preference: ProductPreference
    bobs_order: MintOrder
    bobs_event: BrowsingEvent


def make_product(code: str = "B01", **overrides) -> Product:
    values = {
        "product_code": code,
        "name": "American Eagle One Ounce Silver Proof",
        "category": "bullion",
        "price": Decimal("90.00"),
        "inventory_on_hand": 1000,
        "mintage_limit": 500,
        "released_on": datetime.date(2015, 1, 1),
    }
    return Product.objects.create(**{**values, **overrides})


def make_staff(user_id: str, name: str, **overrides) -> MintStaffUser:
    values = {
        "name": name,
        "user_id": user_id,
        "employer_type": "contractor",
        "access_granted_on": datetime.date(2019, 1, 1),
    }
    return MintStaffUser.objects.create(**{**values, **overrides})


def browsing_event(person: Person, product: Product | None, page: str) -> BrowsingEvent:
    return BrowsingEvent.objects.create(
        person=person,
        occurred_at=at(datetime.date(2025, 4, 30)),
        session_id="a1b2c3d4e5f60718",
        event_type="product_view" if product else "page_view",
        product=product,
        page_path=page,
        ip_address="198.51.100.7",
        device_settings=json.dumps({"browser": "Firefox", "language": "en-US"}),
    )


@pytest.fixture
def mint_world(db) -> MintWorld:
    alice = make_customer(
        "C00000201",
        "Alice",
        "Numis",
        systems=("mint-009",),
        email="alice.numis@example.com",
        phone="(303) 555-0122",
        street="5 Mint Road",
    )
    bob = make_customer("C00000202", "Bob", "Other", systems=("mint-009",))
    agent = make_staff("CON0007", "Dana Agent")
    other_agent = make_staff("SUB0025", "Eli Helper", employer_type="subcontractor")
    product = make_product()
    gold = make_product("B02", name="Gold Proof", price=Decimal("3200.00"), mintage_limit=None)
    day = datetime.date(2025, 5, 1)
    order = MintOrder.objects.create(
        person=alice,
        order_number="MO0000002011",
        internal_request_id="RQ0000002011",
        order_date=day,
        channel="phone",
        flagged=True,
        flag_reason="verification_required",
        handled_by=agent,
    )
    bobs_order = MintOrder.objects.create(
        person=bob,
        order_number="MO0000002021",
        internal_request_id="RQ0000002021",
        order_date=datetime.date(2025, 6, 1),
        channel="online",
        handled_by=other_agent,
    )
    gift = GiftRecipient.objects.create(
        person=alice,
        order=order,
        recipient_name="Frank Grandson",
        recipient_street="7 Oak Lane",
        recipient_city="Boulder",
        recipient_state="CO",
        recipient_postal_code="80302",
        delivery_instructions="Signature required",
        gift_message="Happy birthday, Frank!",
        recorded_on=day,
    )
    shipment = MintShipment.objects.create(
        person=alice,
        order=order,
        gift_recipient=gift,
        carrier="ups",
        tracking_number="1Z999AA10123456784",
        shipped_on=day,
    )
    return MintWorld(
        alice=alice,
        bob=bob,
        agent=agent,
        other_agent=other_agent,
        access=MintSystemAccess.objects.create(
            staff_user=agent, accessed_at=at(day), action="view_order"
        ),
        product=product,
        order=order,
        line=MintOrderLine.objects.create(
            person=alice,
            order=order,
            product=product,
            quantity=1,
            unit_price=product.price,
            ordered_on=day,
        ),
        payment=MintPayment.objects.create(
            person=alice,
            order=order,
            amount=Decimal("90.00"),
            paid_on=day,
            cardholder_name="Alice Numis",
            **card(),
        ),
        gift=gift,
        shipment=shipment,
        undelivered=UndeliveredOrder.objects.create(
            person=alice,
            order=order,
            shipment=shipment,
            internal_request_id="UD0000002011",
            reported_on=day,
            reason="address_unknown",
            research_notes="Carrier could not find the house number.",
        ),
        chat=MintChatTranscript.objects.create(
            person=alice,
            internal_request_id="CH0000002011",
            handled_by=agent,
            started_at=at(day),
            ended_at=at(day, 11),
            transcript="Customer: Where is my silver eagle?\nAgent: Checking now.",
            notes="Customer asked about delivery.",
        ),
        call=MintPhoneCall.objects.create(
            person=alice,
            order=order,
            internal_request_id="CL0000002011",
            handled_by=agent,
            called_at=at(day),
            duration_seconds=300,
            notes="Placed an order by phone.",
            transcript="Agent: Thank you for calling the United States Mint.",
            recording_uri="https://recordings.example.net/calls/CL0000002011.wav",
        ),
        event=browsing_event(alice, product, "/products/b01"),
        segment=MarketSegmentMembership.objects.create(
            person=alice, segment="bullion_investor", assigned_on=day
        ),
        preference=ProductPreference.objects.create(
            person=alice,
            product_category="proof_sets",
            preference="very_interested",
            source="declared",
            recorded_on=day,
        ),
        bobs_order=bobs_order,
        bobs_event=browsing_event(bob, gold, "/coins/commemoratives"),
    )
