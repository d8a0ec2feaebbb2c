"""Issue 12, item 5: amendments. A correction is proposed for one field of one record of a
person confirmed as the requester, only in a field the system's notice publishes; granted,
it is made through the access layer (the change entry names the officer and the request)
and every prior recipient of that record is listed for a notice of correction; denied, it
carries reasons; a refusal upheld on appeal lets the person file a statement of
disagreement, which is attached to the record and travels into every later package."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from access_requests import amendments, letters, packages, workflow
from access_requests.amendments import AmendmentRefused
from access_requests.constants import MatchState
from access_requests.documents import read_document
from access_requests.models import (
    PriorRecipientNotice,
    PrivacyActRequest,
    RequestMatch,
    RequestStatus,
)
from audit.changes import readable_changes
from audit.models import ChangeEntry, DisagreementStatement, DisclosureAccounting
from customers.models import Person
from customers.services import find_people
from orders import models as orders
from sorn.constants import Role
from tests.retention.conftest import _order_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS_810 = "usps-810-300"
MINT = "mint-009"
VISA = "4111111111111111"


def amendment_request(officer, person, systems=(USPS_810,)) -> PrivacyActRequest:
    """An amendment request worked as far as deciding: started, identity accepted, the
    person confirmed as the requester in each system."""
    request = PrivacyActRequest.objects.create(
        kind="amendment", systems=list(systems), status=RequestStatus.RECEIVED
    )
    workflow.make(request, "start", actor=officer)
    workflow.make(request, "accept_identity", actor=officer, method="documents")
    for system in systems:
        RequestMatch.objects.create(
            request=request,
            system=system,
            person=person,
            state=MatchState.CONFIRMED,
            decided_at=timezone.now(),
        )
    return request


def propose(request, officer, record, field="family_name", requested="Corrected", **kw):
    return amendments.propose(
        request,
        actor=officer,
        system=kw.get("system", USPS_810),
        record_model=record._meta.label,
        record_pk=record.pk,
        field=field,
        requested=requested,
    )


def disclosure(person, records, recipient="Example Fulfilment Inc.", **kw):
    return DisclosureAccounting.objects.create(
        person_id=person.pk,
        system=kw.get("system", USPS_810),
        nature_and_purpose="Fulfilment of an order",
        routine_use="Routine use 1",
        recipient_name=recipient,
        recipient_address="1 Example Way, Springfield, IL 62701",
        records=records,
        recorded_by="test",
    )


# Proposing: what an amendment may name ---------------------------------------------------


def test_an_amendment_names_a_published_field_of_the_requesters_own_record(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    assert amendment.decision == "pending"
    assert amendments.requested_value(amendment) == "Wrenfield"
    # Sealed, never in clear in the database.
    assert b"Wrenfield" not in bytes(amendment.sealed_requested)
    assert request.events.last().what == (
        f"Amendment #{amendment.pk} recorded: family name of person #{person.pk} in USPS 810.300"
    )


@pytest.mark.parametrize(
    "field",
    ["id", "data_key_id", "customer_id", "email_index", "created_at", "no_such_field"],
)
def test_an_amendment_naming_a_field_the_notice_does_not_publish_is_refused(officer, field):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, person, field=field)
    assert refused.value.code == "field"
    assert refused.value.messages[0] == (
        f"An amendment cannot correct {field!r} of persons in USPS 810.300: only a field its "
        "notice publishes that says something about the person (business information, "
        "contact details, demographic, name, postal address, preference or consent) is "
        "corrected here."
    )
    assert not request.amendments.exists()


def test_a_record_of_someone_else_is_refused(officer):
    person, stranger = person_in(USPS_810), person_in(USPS_810)
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, stranger)
    assert refused.value.code == "record"
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, _order_810(stranger, None), field="order_number")
    assert refused.value.code in ("record", "field")
    assert not request.amendments.exists()


def test_a_system_the_request_does_not_ask_about_is_refused(officer):
    person = person_in(USPS_810, MINT)
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, person, system=MINT)
    assert refused.value.code == "system"


def test_a_value_the_field_cannot_hold_is_refused_with_the_fields_message(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, person, field="email", requested="not an address")
    assert refused.value.code == "value"
    assert refused.value.messages[0].startswith("E-mail: ")


def test_only_an_amendment_request_takes_amendments(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    PrivacyActRequest.objects.filter(pk=request.pk).update(kind="access")
    request.refresh_from_db()
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, person)
    assert refused.value.code == "kind"


def test_a_role_other_than_privacy_officer_cannot_propose_or_decide(officer, staff_user):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person)
    clerk = staff_user(Role.CUSTOMER_SERVICE)
    for attempt in (
        lambda: propose(request, clerk, person, field="given_name"),
        lambda: amendments.grant(amendment, actor=clerk),
        lambda: amendments.deny(amendment, actor=clerk, reasons="No."),
    ):
        with pytest.raises(AmendmentRefused) as refused:
            attempt()
        assert refused.value.code == "role"
    amendment.refresh_from_db()
    assert amendment.decision == "pending"


# Granting --------------------------------------------------------------------------------


def test_a_grant_corrects_the_record_through_the_access_layer(officer):
    person = person_in(USPS_810)
    old_name = person.family_name
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    amendments.grant(amendment, actor=officer)

    person = Person.objects.get(pk=person.pk)
    assert person.family_name == "Wrenfield"
    # Found by the new name through its blind index, no longer by the old.
    assert list(find_people({"name": "Rita Wrenfield"})) == [person]
    assert not find_people({"name": f"Rita {old_name}"}).exists()
    entry = ChangeEntry.objects.filter(object_pk=str(person.pk)).latest("pk")
    assert entry.actor == officer
    assert entry.additional_data["purpose"] == f"Privacy Act request {request.tracking_number}"
    assert readable_changes(entry)["family_name"] == [old_name, "Wrenfield"]
    amendment.refresh_from_db()
    assert (amendment.decision, amendment.decided_by) == ("granted", officer)


def test_a_grant_lists_every_prior_recipient_of_that_record_and_no_other(officer):
    person = person_in(USPS_810)
    order = _order_810(person, None)
    request = amendment_request(officer, person)
    told = disclosure(person, {"customers.Person": [person.pk]}, "Fulfilment A")
    disclosure(person, {"orders.OfflineOrder": [order.pk]}, "Only the order")
    disclosure(person, {"customers.Person": [person.pk + 1000]}, "Someone else's record")
    amendment = propose(request, officer, person)
    amendments.grant(amendment, actor=officer)
    notices = list(PriorRecipientNotice.objects.filter(amendment=amendment))
    assert [(n.kind, n.recipient_name, n.disclosure_id) for n in notices] == [
        ("correction", "Fulfilment A", told.pk)
    ]
    # USPS: within 30 days (39 CFR 266.3(c)).
    assert notices[0].due_on == timezone.localdate() + datetime.timedelta(days=30)
    assert request.events.last().what.endswith("1 prior recipient to tell")
    amendments.mark_notice_sent(notices[0], actor=officer)
    with pytest.raises(AmendmentRefused):
        amendments.mark_notice_sent(notices[0], actor=officer)


def test_no_grant_before_identity_is_accepted(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    PrivacyActRequest.objects.filter(pk=request.pk).update(identity_accepted_at=None)
    with pytest.raises(workflow.MoveRefused):
        amendments.grant(amendment, actor=officer)
    assert Person.objects.get(pk=person.pk).family_name != "Wrenfield"


def test_a_field_the_officer_reads_only_masked_cannot_be_amended(officer):
    """A privacy officer reads card numbers masked: they cannot check a correction of one,
    so it is refused when recorded (and the review page never shows the number asked
    for), even where the notice publishes the field."""
    person = person_in(USPS_810)
    order = _order_810(person, None)
    payment = orders.OfflinePayment.objects.create(
        person=person, order=order, method="card", amount=Decimal("27.20"),
        paid_on=datetime.date(2019, 5, 1), card_number=VISA, card_type="credit",
        card_expiry_month=12, card_expiry_year=2030,
    )  # fmt: skip
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, payment, field="card_number", requested="4000056655665556")
    assert refused.value.code == "field"
    assert refused.value.messages[0].startswith(
        "An amendment cannot correct 'card_number' of offline payments in USPS 810.300"
    )
    assert not request.amendments.exists()
    assert orders.OfflinePayment.objects.get(pk=payment.pk).card_number == VISA


def test_the_answer_waits_for_every_amendment_to_be_decided(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person)
    with pytest.raises(workflow.MoveRefused) as refused:
        workflow.make(request, "answer", actor=officer)
    assert refused.value.code == "amendments"
    amendments.deny(amendment, actor=officer, reasons="The record is accurate as kept.")
    workflow.make(request, "answer", actor=officer)
    request.refresh_from_db()
    assert request.status == "answered"


# Denial, appeal, statement of disagreement -----------------------------------------------


def test_a_denial_needs_reasons_and_keeps_them_sealed(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        amendments.deny(amendment, actor=officer, reasons=" \u200b ")
    assert refused.value.code == "reasons"
    amendments.deny(amendment, actor=officer, reasons="The name matches the signed application.")
    amendment.refresh_from_db()
    assert amendments.reasons(amendment) == "The name matches the signed application."
    assert b"signed application" not in bytes(amendment.sealed_reasons)


def deny_and_uphold(officer, person, field="family_name"):
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, field=field, requested="Wrenfield")
    amendments.deny(amendment, actor=officer, reasons="The name matches the application.")
    workflow.make(request, "answer", actor=officer)
    workflow.make(request, "appeal", actor=officer)
    return request, amendment


def test_no_statement_before_the_refusal_is_upheld_on_appeal(officer):
    person = person_in(USPS_810)
    request, _ = deny_and_uphold(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        amendments.file_disagreement(request, "I disagree.")
    assert refused.value.code == "not_upheld"
    assert not DisagreementStatement.objects.exists()


def test_an_appeal_granted_in_full_must_first_correct_the_records(officer):
    person = person_in(USPS_810)
    request, amendment = deny_and_uphold(officer, person)
    with pytest.raises(workflow.MoveRefused) as refused:
        workflow.make(request, "decide_appeal", actor=officer, outcome="granted", reason="Agreed.")
    assert refused.value.code == "amendments"
    amendments.grant(amendment, actor=officer)  # the reviewing official reverses
    workflow.make(request, "decide_appeal", actor=officer, outcome="granted", reason="Agreed.")
    assert Person.objects.get(pk=person.pk).family_name == "Wrenfield"
    request.refresh_from_db()
    assert request.status == "closed"


def test_a_statement_of_disagreement_travels_into_every_later_package(officer):
    person = person_in(USPS_810)
    order = _order_810(person, None)
    told = disclosure(person, {"customers.Person": [person.pk]}, "Fulfilment A")
    request, _ = deny_and_uphold(officer, person)
    workflow.make(request, "decide_appeal", actor=officer, outcome="denied", reason="Upheld.")
    statements = amendments.file_disagreement(
        request, "My family name is Wrenfield, as on my passport."
    )
    assert [(s.record_model, s.record_pk, s.field) for s in statements] == [
        ("customers.Person", person.pk, "family_name")
    ]
    assert "Wrenfield" not in statements[0].sealed_statement
    notices = PriorRecipientNotice.objects.filter(kind="disagreement")
    assert [(n.recipient_name, n.disclosure_id) for n in notices] == [("Fulfilment A", told.pk)]
    with pytest.raises(AmendmentRefused):
        amendments.file_disagreement(request, "Again.")

    # A later access request by the same person: the package carries the statement.
    later = PrivacyActRequest.objects.create(
        kind="access", systems=[USPS_810], status=RequestStatus.RECEIVED
    )
    workflow.make(later, "start", actor=officer)
    workflow.make(later, "accept_identity", actor=officer, method="documents")
    documents = packages.prepare(later, officer, {USPS_810: [person.pk]})
    document = json.loads(read_document(documents[1]).content)
    people = document["systems"][0]["records"]["Persons"]
    assert people[0]["statements_of_disagreement"][0]["statement"] == (
        "My family name is Wrenfield, as on my passport."
    )
    assert people[0]["statements_of_disagreement"][0]["field"] == "family_name"
    orders_ = document["systems"][0]["records"]["Offline orders"]
    assert [o["order_number"] for o in orders_] == [order.order_number]
    assert "statements_of_disagreement" not in orders_[0]
    html = read_document(documents[0]).content.decode()
    assert "My family name is Wrenfield, as on my passport." in html
    assert "Statements of disagreement" in html


def test_the_letters_state_each_correction_and_each_refusal_with_its_reasons(officer):
    person = person_in(USPS_810)
    order = _order_810(person, None)
    request = amendment_request(officer, person)
    granted = propose(request, officer, person, requested="Wrenfield")
    denied = propose(request, officer, person, field="given_name", requested="Wren")
    amendments.grant(granted, actor=officer)
    amendments.deny(denied, actor=officer, reasons="The given name matches the application.")
    official = {"official_name": "Pat Officer", "official_title": "Privacy Officer"}

    denial = letters.draft(request, "denial", **official)
    assert (
        f"- Given name of person #{person.pk} (USPS 810.300): The given name matches the "
        "application." in denial.body
    )
    assert letters.check(denial) == []
    determination = letters.draft(request, "determination", **official)
    assert (
        f"- Family name of person #{person.pk} (USPS 810.300): corrected as you asked."
        in determination.body
    )
    assert "Given name" not in determination.body
    assert str(order.order_number) not in denial.body + determination.body
