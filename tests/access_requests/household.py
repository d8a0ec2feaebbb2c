"""Two people of one household for the end-to-end tests (test_end_to_end.py): Wren
Halloway, with records in all four systems, and Robin Halloway, who shares Wren's family
name, home address and home phone and has records in three of the systems (not USPS
820.100), so a package that let anything of Robin's through would show it.

Every value is written here literally; WRENS_VALUES are values of Wren's records, looked
for in what Wren receives, and ROBINS_VALUES the strings only Robin's rows hold, which it
must not contain. Both people's relationships with every system
ended on ENDED, long enough ago that the notices' periods have passed: their records are
due for destruction unless a request freezes them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from audit.models import DisclosureAccounting
from customers.models import Person
from mailers.models import MailerAccount, MailerLogon
from marketing.models import EventRegistration
from orders.models import GiftRecipient, MintOrder, OfflineOrder, OrderStatusInquiry
from tests.marketing.factories import EventFactory
from tests.orders.conftest import make_customer

USPS_810 = "usps-810-300"
USPS_820 = "usps-820-100"
USPS_890 = "usps-890-000"
MINT = "mint-009"
# In the catalogue's order, as the request form keeps them.
ALL_FOUR = [MINT, USPS_810, USPS_820, USPS_890]

STARTED = datetime.date(2015, 1, 5)
ENDED = datetime.date(2019, 6, 28)
DAY = datetime.date(2019, 3, 4)
STREET = "12 Birch Lane"
PHONE = "(217) 555-0142"

WREN_EMAIL = "wren.halloway@example.org"
ROBIN_EMAIL = "robin.halloway@example.net"
# Strings of Wren's records (a value of each record seeded).
WRENS_VALUES = (
    WREN_EMAIL,
    "C20260001",
    "PF2026118101",
    "PF2026118102",
    "Wren asked when the stamps would arrive.",
    "whalloway",
    "192.0.2.41",
    "Wren H.",
    "MO2026119001",
    "RQ2026119001",
    "Juniper Halloway",
    "Happy birthday, Juniper!",
)
# Strings that only Robin's rows hold (Robin shares the family name, address and phone).
ROBINS_VALUES = (
    "Robin",
    ROBIN_EMAIL,
    "C20260002",
    "PF2026128101",
    "Robin asked about a missing booklet.",
    "MO2026129001",
    "RQ2026129001",
    "Robin H.",
    "Another Household Mailer Inc.",
)


@dataclass
class Household:
    wren: Person
    robin: Person


def _relationships_ended(person: Person) -> None:
    person.relationships.update(started_on=STARTED, ended_on=ENDED, status="ended")


def seed_wren() -> Person:
    """Wren: USPS 810.300 two orders and an inquiry; USPS 820.100 an account and a logon;
    USPS 890.000 an event registration; Mint .009 an order and its gift recipient; the
    person, a home address, a home phone and a relationship with each system."""
    wren = make_customer(
        "C20260001", "Wren", "Halloway", systems=tuple(ALL_FOUR), email=WREN_EMAIL,
        phone=PHONE, street=STREET,
    )  # fmt: skip
    first = OfflineOrder.objects.create(
        person=wren, order_number="PF2026118101", placed_on=DAY, channel="mail"
    )
    OfflineOrder.objects.create(
        person=wren, order_number="PF2026118102", placed_on=DAY, channel="phone"
    )
    OrderStatusInquiry.objects.create(
        person=wren, order=first, inquired_on=DAY, channel="phone",
        note="Wren asked when the stamps would arrive.",
    )  # fmt: skip
    account = MailerAccount.objects.create(
        person=wren, logon_id="whalloway", role="user", assigned_on=DAY
    )
    MailerLogon.objects.create(
        account=account, person=wren, logon_id="whalloway",
        logged_on_at=datetime.datetime(2019, 3, 5, 14, tzinfo=datetime.UTC),
        source_ip="192.0.2.41", outcome="succeeded",
    )  # fmt: skip
    EventRegistration.objects.create(
        person=wren, event=EventFactory(), registered_on=DAY, role="attendee",
        itinerary="Arrives Sunday", badge_name="Wren H.",
    )  # fmt: skip
    order = MintOrder.objects.create(
        person=wren, order_number="MO2026119001", internal_request_id="RQ2026119001",
        order_date=DAY, channel="phone",
    )  # fmt: skip
    GiftRecipient.objects.create(
        person=wren, order=order, recipient_name="Juniper Halloway",
        recipient_street="7 Oak Lane", recipient_city="Boulder", recipient_state="CO",
        recipient_postal_code="80302", gift_message="Happy birthday, Juniper!",
        recorded_on=DAY,
    )  # fmt: skip
    _relationships_ended(wren)
    return wren


def seed_robin() -> Person:
    """Robin: USPS 810.300 an order and an inquiry; USPS 890.000 an event registration;
    Mint .009 an order. Nothing in USPS 820.100."""
    robin = make_customer(
        "C20260002", "Robin", "Halloway", systems=(MINT, USPS_810, USPS_890),
        email=ROBIN_EMAIL, phone=PHONE, street=STREET,
    )  # fmt: skip
    order = OfflineOrder.objects.create(
        person=robin, order_number="PF2026128101", placed_on=DAY, channel="mail"
    )
    OrderStatusInquiry.objects.create(
        person=robin, order=order, inquired_on=DAY, channel="mail",
        note="Robin asked about a missing booklet.",
    )  # fmt: skip
    EventRegistration.objects.create(
        person=robin, event=EventFactory(), registered_on=DAY, role="attendee",
        itinerary="Arrives Monday", badge_name="Robin H.",
    )  # fmt: skip
    MintOrder.objects.create(
        person=robin, order_number="MO2026129001", internal_request_id="RQ2026129001",
        order_date=DAY, channel="online",
    )  # fmt: skip
    _relationships_ended(robin)
    return robin


def disclose(
    person: Person, system: str, recipient: str, on: datetime.date, **fields
) -> DisclosureAccounting:
    return DisclosureAccounting.objects.create(
        disclosed_at=datetime.datetime.combine(on, datetime.time(12), tzinfo=datetime.UTC),
        person_id=person.pk, system=system, recipient_name=recipient,
        recipient_address="1 Example Way, Springfield, IL 62701", records={},
        recorded_by="test", nature_and_purpose=fields.pop("purpose", "Order fulfilment"),
        routine_use=fields.pop("routine_use", "Routine use 1"), **fields,
    )  # fmt: skip


def build_household() -> Household:
    """Wren and Robin with their records, and the disclosures of their records: Wren's to
    a fulfilment contractor (USPS 810.300) and a shipper (Mint .009) under routine uses,
    and to the police under 552a(b)(7) (USPS 820.100); Robin's to another mailer."""
    household = Household(wren=seed_wren(), robin=seed_robin())
    disclose(household.wren, USPS_810, "Example Fulfilment Inc.", datetime.date(2019, 3, 6))
    disclose(household.wren, MINT, "Example Bullion Shipping LLC", datetime.date(2019, 3, 7))
    disclose(
        household.wren, USPS_820, "Springfield Police Department", datetime.date(2019, 3, 8),
        purpose="Criminal investigation", routine_use="5 U.S.C. 552a(b)(7)",
        law_enforcement=True,
    )  # fmt: skip
    disclose(household.robin, USPS_810, "Another Household Mailer Inc.", datetime.date(2019, 3, 9))
    return household
