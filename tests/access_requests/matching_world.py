"""A person with records in all four systems, and a namesake with records in all four
too (same name, another e-mail address, other numbers), for the search across systems
(access_requests.matching) and the freeze of confirmed matches."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from access_requests.models import PrivacyActRequest, RequestStatus
from customers.models import Person
from orders.models import MintOrder, OfflineOrder
from tests.mailers.factories import MailerAccountFactory, MailerLogonFactory
from tests.marketing.factories import CampaignResponseFactory, PublicationRequestFactory
from tests.orders.conftest import make_customer

USPS_810 = "usps-810-300"
USPS_820 = "usps-820-100"
USPS_890 = "usps-890-000"
MINT = "mint-009"
ALL_FOUR = (USPS_810, USPS_820, USPS_890, MINT)
DAY = datetime.date(2025, 5, 1)


@dataclass
class World:
    ada: Person
    namesake: Person


def records_in_all_four(person: Person, n: int) -> None:
    """Two USPS 810.300 orders, a USPS 820.100 account with one logon, a USPS 890.000
    publication request and campaign response, one Mint order."""
    for k in (1, 2):
        OfflineOrder.objects.create(
            person=person, order_number=f"PF00000{n}810{k}", placed_on=DAY, channel="mail"
        )
    account = MailerAccountFactory(person=person, logon_id=f"lovelace{n}")
    MailerLogonFactory(account=account)
    PublicationRequestFactory(person=person)
    CampaignResponseFactory(person=person)
    MintOrder.objects.create(
        person=person,
        order_number=f"MO00000{n}9001",
        internal_request_id=f"RQ00000{n}9001",
        order_date=DAY,
        channel="phone",
    )


def build_world() -> World:
    ada = make_customer("C00000701", "Ada", "Lovelace", systems=ALL_FOUR, email="ada@example.org")
    records_in_all_four(ada, 1)
    namesake = make_customer(
        "C00000702", "Ada", "Lovelace", systems=ALL_FOUR, email="other.ada@example.net"
    )
    records_in_all_four(namesake, 2)
    return World(ada=ada, namesake=namesake)


def open_request(
    identifiers: dict[str, str],
    systems=ALL_FOUR,
    status: str = RequestStatus.RECEIVED,
) -> PrivacyActRequest:
    request = PrivacyActRequest(kind="access", systems=list(systems), status=status)
    request.identifiers = json.dumps(identifiers, sort_keys=True)
    request.save()
    return request
