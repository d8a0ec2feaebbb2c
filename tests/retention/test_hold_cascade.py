"""A legal hold on a record keeps the record and everything that belongs to it: every row
that reaches it through a chain of CASCADE foreign keys (an order's items, payments,
shipments and claims; a meeting's sessions, their devices, its recordings). Deleting
the parent would delete them, so destroying them on their own schedule would destroy
part of what the hold keeps. The reverse does not hold: a hold on a child keeps its
parent waiting (the parent may not go while the child stays) but not its siblings.

Each hold scope does the same: a record or query hold on a parent, a person hold on the
person a parent is about, a system hold on a parent's system."""

import datetime
from decimal import Decimal

import pytest

from customers.models import Person
from marketing import models as marketing
from orders import models as orders
from retention.purge import purge_expired
from tests.marketing.factories import (
    MeetingRecordingFactory,
    ParticipantSessionFactory,
    WebMeetingFactory,
)

from .conftest import (
    AS_OF,
    USPS_810,
    USPS_820,
    USPS_890,
    all_rows,
    assert_plan_agrees,
    at,
    certified_labels,
    digest_of,
    number,
    person_in,
    person_rows,
    place_hold,
    release,
    retention_plan,
    row,
)

pytestmark = [
    pytest.mark.django_db(databases=["default", "keystore"]),
    pytest.mark.usefixtures("own_purge_lock"),
]

# USPS 810.300, retention: "Other records are retained up to 3 years after the customer
# relationship ends": ended here, every order record is due as of AS_OF.
ENDED_810 = datetime.date(2021, 1, 1)
# USPS 890.000, retention 4 and 6: meeting data and recordings, 24 months: due.
MET_AT = at(datetime.date(2022, 3, 1))

ORDER_RULE = "usps-810-300/other"


def purge(as_of: datetime.date = AS_OF) -> set[tuple[str, int]]:
    """Purge as of the date; returns the rows it destroyed (certified as such)."""
    before = all_rows()
    run, _ = purge_expired(as_of, triggered_by="test", batch_size=2)
    destroyed = before - all_rows()
    certified = {r for r in destroyed if r[0] in certified_labels()}
    assert run.certificate.total == len(certified)
    assert run.certificate.digest == digest_of(certified)
    return destroyed


def model_line(plan: dict, rule: str, model) -> dict:
    return plan["rules"][rule]["models"][model._meta.label]


# Orders ---------------------------------------------------------------------------------


def order_with_children(person: Person) -> tuple[orders.OfflineOrder, list]:
    """An offline order with two items, two payments, a shipment and a claim: every
    kind of record that CASCADEs from an order."""
    order = orders.OfflineOrder.objects.create(
        person=person,
        order_number=f"PF{number():010d}",
        placed_on=datetime.date(2019, 5, 1),
        channel="mail",
    )
    children = [
        orders.OfflineOrderItem.objects.create(
            person=person,
            order=order,
            product_service_id=f"68340{n}",
            quantity=1,
            unit_price=Decimal("13.60"),
            ordered_on=order.placed_on,
        )
        for n in range(2)
    ]
    children += [
        orders.OfflinePayment.objects.create(
            person=person,
            order=order,
            method="money_order",
            amount=Decimal("13.60"),
            paid_on=order.placed_on,
            money_order_number=f"{number():08d}",
        )
        for _ in range(2)
    ]
    children.append(
        orders.OfflineShipment.objects.create(
            person=person,
            order=order,
            product_service_id="683400",
            recipient_name="Carol Example",
            recipient_street="9 Elm Street",
            recipient_city="Dayton",
            recipient_state="OH",
            recipient_postal_code="45402",
            shipped_on=order.placed_on,
        )
    )
    children.append(
        orders.DefectiveMerchandiseClaim.objects.create(
            person=person,
            order=order,
            product_service_id="683400",
            submitted_on=order.placed_on,
            description="Torn sheet",
        )
    )
    return order, children


def rows_of(order: orders.OfflineOrder, children: list) -> set[tuple[str, int]]:
    return {row(order)} | {row(child) for child in children}


HOLD_ON_ORDER = {
    "record": lambda order: {
        "scope": "record",
        "model_label": "orders.OfflineOrder",
        "record_id": order.pk,
    },
    "query": lambda order: {
        "scope": "query",
        "model_label": "orders.OfflineOrder",
        "query": {"order_number": order.order_number},
    },
}


@pytest.mark.parametrize("scope", sorted(HOLD_ON_ORDER))
def test_an_order_on_hold_keeps_its_items_and_payments_until_released(scope, records_officer):
    """The order's items, payments, shipment and claim are due by their own rule (USPS
    810.300, other records, 3 years after the relationship ends), but they belong to an
    order under a legal hold: none is destroyed, and the plan counts each as held.
    Another order of the same customer, and an inquiry about no order, are not held."""
    person = person_in(USPS_810, ended_on=ENDED_810)
    held_order, held_children = order_with_children(person)
    free_order, free_children = order_with_children(person)
    inquiry = orders.OrderStatusInquiry.objects.create(
        person=person, order=None, inquired_on=datetime.date(2019, 6, 1), channel="phone"
    )
    hold = place_hold(records_officer, **HOLD_ON_ORDER[scope](held_order))

    plan = retention_plan(AS_OF)
    destroyed = purge()

    assert destroyed == rows_of(free_order, free_children) | {row(inquiry)}
    assert_plan_agrees(plan, destroyed)
    # Literal counts per model: the held order's rows are held, the other order's due.
    expected = {
        orders.OfflineOrder: (1, 1),
        orders.OfflineOrderItem: (2, 2),
        orders.OfflinePayment: (2, 2),
        orders.OfflineShipment: (1, 1),
        orders.DefectiveMerchandiseClaim: (1, 1),
    }
    for model, (held, due) in expected.items():
        line = model_line(plan, ORDER_RULE, model)
        assert (line["held"], line["due"]) == (held, due), model
    assert plan["rules"][ORDER_RULE]["held"] == 7
    # The customer waits for the order it still has.
    assert Person.objects.filter(pk=person.pk).exists()

    # Still held: the next run destroys nothing.
    assert purge() == set()

    release(hold, records_officer)
    expected = rows_of(held_order, held_children) | person_rows(person)
    plan = retention_plan(AS_OF)
    destroyed = purge()

    assert destroyed == expected
    assert_plan_agrees(plan, destroyed)
    assert plan["rules"][ORDER_RULE]["held"] == 0


def test_a_hold_on_one_order_keeps_nothing_of_another_customers_order(records_officer):
    alice = person_in(USPS_810, ended_on=ENDED_810)
    bob = person_in(USPS_810, ended_on=ENDED_810)
    alices_order, alices_children = order_with_children(alice)
    bobs_order, bobs_children = order_with_children(bob)
    place_hold(
        records_officer,
        scope="record",
        model_label="orders.OfflineOrder",
        record_id=alices_order.pk,
    )
    expected = rows_of(bobs_order, bobs_children) | person_rows(bob)

    destroyed = purge()

    assert destroyed == expected
    assert rows_of(alices_order, alices_children) <= all_rows()


def test_a_hold_on_one_item_keeps_its_order_waiting_but_not_its_siblings(records_officer):
    """The reverse of the cascade: an item under a hold keeps its order (which may not
    go while the item stays: waiting, not held), but the order's other item and its
    payments are not part of the item and go on their schedule."""
    person = person_in(USPS_810, ended_on=ENDED_810)
    order, children = order_with_children(person)
    held_item, sibling = children[0], children[1]
    place_hold(
        records_officer,
        scope="record",
        model_label="orders.OfflineOrderItem",
        record_id=held_item.pk,
    )

    plan = retention_plan(AS_OF)
    destroyed = purge()

    assert destroyed == {row(child) for child in children if child is not held_item}
    assert row(sibling) in destroyed
    assert {row(order), row(held_item)} <= all_rows()
    assert_plan_agrees(plan, destroyed)
    item_line = model_line(plan, ORDER_RULE, orders.OfflineOrderItem)
    assert (item_line["held"], item_line["due"]) == (1, 1)
    order_line = model_line(plan, ORDER_RULE, orders.OfflineOrder)
    assert (order_line["held"], order_line["waiting_on_other_records"]) == (0, 1)


def test_a_hold_on_the_person_row_keeps_every_record_about_them(records_officer):
    """Every record of a customer CASCADEs from the person row: a record hold naming the
    row keeps what a person hold keeps."""
    person = person_in(USPS_810, ended_on=ENDED_810)
    order, children = order_with_children(person)
    other = person_in(USPS_810, ended_on=ENDED_810)
    others_order, others_children = order_with_children(other)
    place_hold(records_officer, scope="record", model_label="customers.Person", record_id=person.pk)
    expected = rows_of(others_order, others_children) | person_rows(other)

    destroyed = purge()

    assert destroyed == expected
    assert rows_of(order, children) | person_rows(person) <= all_rows()


def test_a_system_hold_keeps_the_customer_but_not_their_records_in_other_systems(
    records_officer,
):
    """A system hold keeps the system's records and the customer rows they need; a
    customer is shared by every system, so the hold does not reach through the person
    into another system's records."""
    person = person_in(USPS_810, USPS_820, ended_on=ENDED_810)
    order, children = order_with_children(person)
    place_hold(records_officer, scope="system", system=USPS_820)

    destroyed = purge()

    assert destroyed == rows_of(order, children)
    assert Person.objects.filter(pk=person.pk).exists()


# Meetings -------------------------------------------------------------------------------


def meeting_with_children(participants: list[Person]) -> dict[str, list]:
    """A web meeting with a session and a device per participant and a recording."""
    meeting = WebMeetingFactory(started_at=MET_AT)
    sessions = [
        ParticipantSessionFactory(
            meeting=meeting,
            person=person,
            joined_at=MET_AT,
            left_at=MET_AT + datetime.timedelta(minutes=40),
        )
        for person in participants
    ]
    devices = [
        marketing.MeetingDevice.objects.create(
            session=session,
            recorded_at=MET_AT,
            device_type="desktop",
            operating_system="Windows",
            ip_address="203.0.113.7",
            mac_address="00:1a:2b:3c:4d:5e",
        )
        for session in sessions
    ]
    recording = MeetingRecordingFactory(meeting=meeting, created_at=MET_AT)
    return {
        "meeting": [meeting],
        "sessions": sessions,
        "devices": devices,
        "recordings": [recording],
    }


def all_of(*groups: list) -> set[tuple[str, int]]:
    return {row(r) for group in groups for r in group}


def test_a_meeting_on_hold_keeps_its_sessions_their_devices_and_its_recording(
    records_officer,
):
    """USPS 890.000, retention 4 and 6: 24 months. A device belongs to a session that
    belongs to the meeting: the grandchild is kept as well as the child."""
    alice, bob = person_in(USPS_890), person_in(USPS_890)
    held = meeting_with_children([alice, bob])
    free = meeting_with_children([alice])
    place_hold(
        records_officer,
        scope="record",
        model_label="marketing.WebMeeting",
        record_id=held["meeting"][0].pk,
    )

    plan = retention_plan(AS_OF)
    destroyed = purge()

    assert destroyed == all_of(*free.values())
    assert all_of(*held.values()) <= all_rows()
    assert_plan_agrees(plan, destroyed)
    held_counts = {
        label: line["held"]
        for rule in plan["rules"].values()
        for label, line in rule["models"].items()
        if line["held"]
    }
    assert held_counts == {
        "marketing.WebMeeting": 1,
        "marketing.ParticipantSession": 2,
        "marketing.MeetingDevice": 2,
        "marketing.MeetingRecording": 1,
    }


def test_a_person_hold_keeps_a_device_reached_only_through_its_session(records_officer):
    """A meeting device names no person: it is about the participant of its session. A
    hold on that participant keeps the session and its device; another participant's
    session and device in the same meeting go, and the meeting waits for the kept one."""
    alice, bob = person_in(USPS_890), person_in(USPS_890)
    meeting = meeting_with_children([alice, bob])
    place_hold(records_officer, scope="person", person_id=alice.pk)

    destroyed = purge()

    alices = {row(meeting["sessions"][0]), row(meeting["devices"][0])}
    bobs = {row(meeting["sessions"][1]), row(meeting["devices"][1])}
    assert destroyed == bobs | all_of(meeting["recordings"])
    assert alices | all_of(meeting["meeting"]) <= all_rows()
