"""The search across systems (access_requests.matching) against the finders run one by one
the plain way, over a seeded world and many random identifier sets: any divergence fails.

The reference below is the module docstring of access_requests.matching written out as
directly as it reads: for each system, its finder (sorn.retrieval.find_records) run with
all the identifiers its notice lists together and with each alone, each run's records
grouped by the person they are about in Python (the classification registry's person
path), the people a system holds found by the person-level identifiers alone
(customers.services.find_people), and the candidates chosen by its rules. The search
itself compiles each finder's queries once per shape and runs a system's runs in one
query; whatever it does, it must give exactly these candidates, why, complete flags and
record counts.

The world: demo people with records in each system as the demo seeds them (two chunks),
namesakes (same name, their own records), households (a shared home address and phone),
people with a relationship and no records, a Mint staff member named like a customer,
and meeting and insight rows naming a customer by name and e-mail address.
"""

from __future__ import annotations

import datetime
import json
import random

import pytest
from django.db import transaction

from access_requests import matching
from access_requests.matching import (
    PERSON_LEVEL,
    SHARED_IDENTIFIERS,
    Candidate,
    identifiers_for,
    search,
    search_system,
)
from access_requests.models import PrivacyActRequest
from customers import demo as customers_demo
from customers.models import Address, Person, PhoneNumber, SystemRelationship
from customers.services import find_people
from lib.demo import DemoContext
from mailers import demo as mailers_demo
from mailers.models import MailerAccount, MailerLogon
from marketing import demo as marketing_demo
from marketing.models import (
    BusinessProfile,
    ChatChannel,
    InsightShare,
    ParticipantSession,
    WebMeeting,
)
from orders import demo as orders_demo
from orders.models import (
    BrowsingEvent,
    MarketSegmentMembership,
    MintOrder,
    MintShipment,
    MintStaffUser,
    OfflineOrder,
    ProductPreference,
)
from sorn import retrieval
from sorn.classification import registry
from tests.orders.conftest import make_customer

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

SYSTEMS = ("mint-009", "usps-810-300", "usps-820-100", "usps-890-000")
TODAY = datetime.date(2026, 1, 15)
# Values nobody holds, one per identifier the notices list.
NOBODYS = {
    "name": "Nobody Knownperson",
    "email": "nobody.known@example.invalid",
    "customer_id": "C99999998",
    "customer_number": "MINT-C99999997",
    "phone": "(989) 555-0199",
    "address": "1 Nowhere Road, Springfield, IL 62701",
    "logon_id": "nobodyknown1",
    "order_number": "PF9999999999",
    "order_date": "not a date",
    "flagged": "perhaps",
    "internal_request_id": "RQ9999999999",
    "shipment_tracking_number": "9400999999999999",
    "product_preferences": "nothing",
    "market_segment": "nobody",
    "browsing_behavior": "/nowhere",
    "staff_user_id": "nobody",
    "sic": "0000",
    "naics": "000000",
    "company_name": "No Such Firm",
    "meeting_id": "000 0000 0000",
    "host_name": "Nobody Host",
    "host_email": "host@example.invalid",
    "organizer_name": "Nobody Organizer",
}


# The reference: the finders run one by one, the plain way ---------------------------


def reference_run(system: str, names: dict[str, str]) -> dict[int, dict[str, int]]:
    """Person id → model label → records of them the finder finds with `names`, and the
    people the system holds whom the person-level identifiers among them name."""
    found: dict[int, dict[str, int]] = {}
    for label, queryset in retrieval.find_records(system, names).records.items():
        path = registry.facts(queryset.model).person_id_path
        if path is None:
            continue
        records: dict[int, set[int]] = {}
        for person_id, pk in queryset.values_list(path, "pk"):
            if person_id is not None:
                records.setdefault(person_id, set()).add(pk)
        for person_id, pks in records.items():
            found.setdefault(person_id, {})[label] = len(pks)
    if set(names) <= set(PERSON_LEVEL):
        named = {PERSON_LEVEL[name]: value for name, value in names.items()}
        for person_id in find_people(named, system=system).values_list("pk", flat=True):
            found.setdefault(person_id, {})
    return found


def reference_search_system(system: str, given: dict[str, str]) -> list[Candidate]:
    used = identifiers_for(system, given)
    if not used:
        return []
    complete = reference_run(system, used)
    alone = {name: reference_run(system, {name: used[name]}) for name in used}
    candidates = []
    for person_id in sorted(set(complete).union(*alone.values())):
        why = tuple(name for name in used if person_id in alone[name])
        is_complete = person_id in complete
        if not is_complete and len(why) < 2 and set(why) <= SHARED_IDENTIFIERS:
            continue
        if is_complete:
            records = complete[person_id]
        else:
            records = reference_run(system, {name: used[name] for name in why}).get(person_id)
        if records is None:
            records = {}
            for name in why:
                for label, count in alone[name][person_id].items():
                    records[label] = max(records.get(label, 0), count)
        candidates.append(
            Candidate(system, person_id, why, is_complete, dict(sorted(records.items())))
        )
    candidates.sort(key=lambda c: (not c.complete, -len(c.why), c.person_id))
    return candidates


# The world --------------------------------------------------------------------------


def _chunk(count: int, start: int, seed: int) -> DemoContext:
    ctx = DemoContext.create(today=TODAY, seed=seed)
    customers_demo.seed(ctx, count, start_number=start)
    for module in (orders_demo, mailers_demo, marketing_demo):
        module.seed(ctx)
    return ctx


def _build_world() -> None:
    _chunk(30, 1, seed=11)
    second = _chunk(14, 31, seed=12)
    first = list(Person.objects.filter(customer_id__lte="C00000030").order_by("pk"))
    # Namesakes: six of the second chunk take the names of six of the first.
    for namesake, person in zip(second.people[:6], first[:6], strict=True):
        namesake.given_name, namesake.family_name = person.given_name, person.family_name
        namesake.save()
    # Households: a shared home address and phone.
    for a, b in ((first[6], first[7]), (first[8], second.people[6])):
        for address in Address.objects.filter(person=a)[:1]:
            Address.objects.create(
                person=b, kind="home", line1=address.line1, line2=address.line2,
                city=address.city, state=address.state, postal_code=address.postal_code,
            )  # fmt: skip
        for phone in PhoneNumber.objects.filter(person=a)[:1]:
            PhoneNumber.objects.create(person=b, kind="home", number=phone.number)
    # Relationships and no records: one namesake of a seeded person, one of nobody.
    make_customer(
        "C00000901", first[9].given_name, first[9].family_name, systems=SYSTEMS,
        email="known.only@example.org", phone="(217) 555-0111", street="9 Elm Street",
    )  # fmt: skip
    make_customer("C00000902", "Grace", "Hopper", systems=("usps-820-100", "mint-009"))
    # A Mint staff member who shares a customer's name (a name alone finds both).
    MintStaffUser.objects.create(
        name=first[10].full_name, user_id="staff-namesake", employer_type="federal"
    )
    # Meeting and insight rows naming customers by name and e-mail address (USPS 890.000
    # retrieval 7), about them and about nobody stored.
    meeting = WebMeeting.objects.order_by("pk").first()
    if meeting is not None:
        for person in (first[11], first[12]):
            ParticipantSession.objects.create(
                meeting=meeting, person=person if person is first[11] else None,
                participant_name=person.full_name, participant_email=person.email,
                role="attendee",
                joined_at=datetime.datetime(2025, 5, 1, 14, tzinfo=datetime.UTC),
                left_at=datetime.datetime(2025, 5, 1, 15, tzinfo=datetime.UTC),
            )  # fmt: skip


def _values(person: Person, rng: random.Random) -> dict[str, str]:
    """What this person could give: each identifier a notice lists, from their records."""

    def first(queryset):
        return queryset.order_by("pk").first()

    values = {"name": person.full_name, "email": person.email, "customer_id": person.customer_id}
    relationship = first(SystemRelationship.objects.filter(person=person))
    values["customer_number"] = (
        relationship.system_customer_id if relationship else person.customer_id
    )
    if phone := first(PhoneNumber.objects.filter(person=person)):
        values["phone"] = phone.number
    if address := first(Address.objects.filter(person=person)):
        values["address"] = address.one_line
    if account := first(MailerAccount.objects.filter(person=person)):
        values["logon_id"] = account.logon_id
    elif logon := first(MailerLogon.objects.filter(person=person)):
        values["logon_id"] = logon.logon_id
    offline = first(OfflineOrder.objects.filter(person=person))
    mint = first(MintOrder.objects.filter(person=person))
    numbers = [order.order_number for order in (offline, mint) if order]
    if numbers:
        values["order_number"] = rng.choice(numbers)
    if mint:
        values["order_date"] = mint.order_date.isoformat()
        values["flagged"] = rng.choice(["yes", "no", "flagged", "false"])
        values["internal_request_id"] = mint.internal_request_id
        if shipment := first(MintShipment.objects.filter(order=mint)):
            values["shipment_tracking_number"] = shipment.tracking_number
        if mint.handled_by_id:
            values["staff_user_id"] = mint.handled_by.user_id.upper()
    if preference := first(ProductPreference.objects.filter(person=person)):
        values["product_preferences"] = preference.product_category
    if segment := first(MarketSegmentMembership.objects.filter(person=person)):
        values["market_segment"] = segment.segment
    if event := first(BrowsingEvent.objects.filter(person=person)):
        values["browsing_behavior"] = (
            event.product.product_code.lower() if event.product_id else event.page_path
        )
    if profile := first(BusinessProfile.objects.filter(person=person)):
        values.update(
            sic=profile.sic_code, naics=profile.naics_code, company_name=profile.firm_name
        )
    return values


def _other_values() -> list[dict[str, str]]:
    """Identifiers of meetings, channels and staff members: no customer's own."""
    others = [
        {"meeting_id": m.meeting_id, "host_name": m.host_name, "host_email": m.host_email}
        for m in WebMeeting.objects.order_by("pk")[:6]
    ]
    others += [{"organizer_name": c.organizer_name} for c in ChatChannel.objects.order_by("pk")[:4]]
    others += [
        {"staff_user_id": s.user_id, "name": s.name}
        for s in MintStaffUser.objects.order_by("pk")[:4]
    ]
    others += [
        {"name": s.shared_to_name, "email": s.shared_to_email}
        for s in InsightShare.objects.order_by("pk")[:3]
    ]
    return others


def draw(rng: random.Random, people: list[dict], others: list[dict], names: list[str]) -> dict:
    """A random identifier set: a subset of one person's (or thing's) values, some swapped
    for another person's or for a value nobody has."""
    base = rng.choice(people + others)
    have = [name for name in names if base.get(name)]
    if not have:
        return {}
    given = {}
    for name in rng.sample(have, rng.randint(1, min(5, len(have)))):
        roll = rng.random()
        if roll < 0.1:
            given[name] = NOBODYS[name]
        elif roll < 0.3:
            given[name] = rng.choice(people).get(name) or base[name]
        else:
            given[name] = base[name]
    return given


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The seeded world and the identifiers of its people, rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic, atomic_keys = transaction.atomic(), transaction.atomic(using="keystore")
        atomic.__enter__()
        atomic_keys.__enter__()
        try:
            _build_world()
            rng = random.Random(2026)
            people = [_values(p, rng) for p in Person.objects.order_by("pk")]
            yield people, _other_values()
        finally:
            transaction.set_rollback(True)
            transaction.set_rollback(True, using="keystore")
            atomic_keys.__exit__(None, None, None)
            atomic.__exit__(None, None, None)


@pytest.mark.parametrize("system", SYSTEMS)
def test_each_system_finds_what_the_finders_run_one_by_one_find(world, system):
    people, others = world
    rng = random.Random(system)
    names = sorted(retrieval.identifiers_of(system) | {"customer_id", "logon_id", "email"})
    compared = found = 0
    for _ in range(40):
        given = draw(rng, people, others, names)
        expected = reference_search_system(system, given)
        assert search_system(system, given) == expected, given
        compared += 1
        found += bool(expected)
    # The sets drew real values: some find someone (fewer where the notice lists
    # identifiers few people have, as USPS 820.100's logon IDs).
    assert compared == 40 and found >= 8


def test_a_search_across_the_four_systems_is_the_systems_searched_one_by_one(world, monkeypatch):
    # As outside the tests: each search reuses the statements earlier searches of the
    # same shapes assembled (the tests otherwise compile and check every query afresh).
    monkeypatch.setattr(matching, "CHECK_COMPILED", False)
    people, others = world
    rng = random.Random(4)
    names = sorted(set().union(*(retrieval.identifiers_of(s) for s in SYSTEMS)))
    for _ in range(16):
        given = draw(rng, people, others, names)
        request = PrivacyActRequest(kind="access", systems=list(SYSTEMS))
        request.identifiers = json.dumps(given)
        expected = [c for system in SYSTEMS for c in reference_search_system(system, given)]
        assert search(request) == expected, given
