"""A query hold is a search whose answer shows: the plan, the dashboard and every run
count what it holds. A records officer, who may not read card data (access/policy.py:
financial_card is hidden from the role), placing `{"id": 102, "card_last_four": "0000"}`
and then "9071" would read the digits off the counts, and a range lookup halves the
candidates with each hold. So every field a hold's lookups name must be one the officer
placing it reads in clear; an encrypted column, a blind index or a credential is refused
to everyone. A refused hold is not stored.

Expected outcomes are stated per role, in the policy's own terms, not derived from it."""

import datetime
import json
import re
from decimal import Decimal

import pytest

from audit.models import ChangeEntry
from orders import models as orders
from retention.models import LegalHold
from retention.services import DecisionRefused, place_legal_hold
from sorn.constants import Role
from tests.mailers.factories import MailerAccountFactory

from .conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

HOLDS_ADD = "/admin/retention/legalhold/add/"
RO, PO = Role.RECORDS_OFFICER, Role.PRIVACY_OFFICER
VISA = "4111111111111111"  # its last four: 1111


@pytest.fixture
def payment() -> orders.OfflinePayment:
    person = person_in(USPS_810)
    order = orders.OfflineOrder.objects.create(
        person=person, order_number="PF0000000102", placed_on=datetime.date(2019, 5, 1)
    )
    return orders.OfflinePayment.objects.create(
        person=person,
        order=order,
        method="card",
        amount=Decimal("27.20"),
        paid_on=datetime.date(2019, 5, 1),
        card_number=VISA,
        card_type="credit",
        card_expiry_month=12,
        card_expiry_year=2030,
        billing_name="Rita Retained",
        billing_address="1 Example Street, Springfield, IL 62701",
    )


@pytest.fixture
def bad_check(payment) -> orders.BadCheckEntry:
    return orders.BadCheckEntry.objects.create(
        person=payment.person,
        payment=payment,
        check_number="1042",
        amount=Decimal("27.20"),
        returned_on=datetime.date(2019, 6, 1),
    )


def post_query_hold(client, staff_user, role: Role, model_label: str, query: dict):
    client.force_login(staff_user(role))
    return client.post(
        HOLDS_ADD,
        {
            "scope": "query",
            "person_id": "",
            "system": "",
            "model_label": model_label,
            "record_id": "",
            "query": json.dumps(query),
            "reason": "Litigation hold, docket 24-101",
        },
    )


def query_errors(response) -> list[str]:
    assert response.status_code == 200, "the hold was placed"
    return response.context["adminform"].form.errors.get("query", [])


def assert_nothing_placed() -> None:
    assert LegalHold.objects.count() == 0
    assert not ChangeEntry.objects.filter(content_type__model="legalhold").exists()


# Card digits: hidden from records officers, masked for privacy officers -------------------


@pytest.mark.parametrize("guess", ["0000", "1111"], ids=["wrong digits", "right digits"])
def test_a_records_officer_cannot_hold_by_card_last_four(client, staff_user, payment, guess):
    """Refused whatever the guess, with the same words: the answer says nothing of the
    card."""
    response = post_query_hold(
        client,
        staff_user,
        RO,
        "orders.OfflinePayment",
        {"id": payment.pk, "card_last_four": guess},
    )
    assert query_errors(response) == [
        "card_last_four: the records officer role cannot search "
        "orders.OfflinePayment.card_last_four: it does not read it in clear"
    ]
    assert_nothing_placed()


@pytest.mark.parametrize("lookup", ["card_last_four__gte", "card_last_four__startswith"])
def test_a_range_or_prefix_on_card_digits_is_refused_too(client, staff_user, payment, lookup):
    response = post_query_hold(
        client, staff_user, RO, "orders.OfflinePayment", {"id": payment.pk, lookup: "5"}
    )
    assert query_errors(response) == [
        f"{lookup}: the records officer role cannot search "
        "orders.OfflinePayment.card_last_four: it does not read it in clear"
    ]
    assert_nothing_placed()


def test_a_privacy_officer_cannot_hold_by_a_field_shown_masked(client, staff_user, payment):
    """The privacy officer sees a check number as its last four (financial_bank: masked);
    reading the digits through a hold is reading them in clear. (The card's last four
    are `financial`, read in clear by the privacy officer: issue 10, finding 15.)"""
    response = post_query_hold(
        client, staff_user, PO, "orders.OfflinePayment", {"check_number": "1042"}
    )
    assert query_errors(response) == [
        "check_number: the privacy officer role cannot search "
        "orders.OfflinePayment.check_number: it reads it only masked"
    ]
    assert_nothing_placed()


# Through a relation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "path", "words"),
    [
        # The records officer reads nothing of the bad-check list: not even its link.
        (RO, "payment__card_last_four", "the records officer role cannot search "
             "orders.BadCheckEntry.payment: it does not read it in clear"),
        (PO, "payment__check_number", "the privacy officer role cannot search "
             "orders.OfflinePayment.check_number: it reads it only masked"),
    ],
    ids=["records officer", "privacy officer"],
)  # fmt: skip
def test_a_path_through_a_relation_to_payment_digits_is_refused(
    client, staff_user, bad_check, role, path, words
):
    """A bad check's payment is a link every role that sees the bad-check list reads;
    the digits at its end are not, and the path is checked field by field, whichever
    model each field is on."""
    response = post_query_hold(client, staff_user, role, "orders.BadCheckEntry", {path: "1111"})
    errors = query_errors(response)
    assert f"{path}: {words}" in errors
    assert_nothing_placed()


# Fields read in clear ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "model_label", "field", "placed"),
    [
        # internal (row identity): every role reads it
        (RO, "orders.OfflinePayment", "id", True),
        (PO, "orders.OfflinePayment", "id", True),
        # order data: both officers read it
        (RO, "orders.OfflineOrder", "placed_on__lt", True),
        (PO, "orders.OfflineOrder", "placed_on__lt", True),
        # financial (a payment's date): the privacy officer reads it, the records officer not
        (RO, "orders.OfflinePayment", "paid_on__lt", False),
        (PO, "orders.OfflinePayment", "paid_on__lt", True),
    ],
)
def test_a_field_the_role_reads_in_clear_may_be_held_by(
    client, staff_user, payment, role, model_label, field, placed
):
    value = payment.pk if field == "id" else "2020-01-01"
    response = post_query_hold(client, staff_user, role, model_label, {field: value})
    if placed:
        assert response.status_code == 302, response.context["adminform"].form.errors
        hold = LegalHold.objects.get()
        assert (hold.model_label, hold.query) == (model_label, {field: value})
    else:
        role_words = {RO: "records officer", PO: "privacy officer"}[role]
        assert query_errors(response) == [
            f"{field}: the {role_words} role cannot search {model_label}.paid_on: "
            "it does not read it in clear"
        ]
        assert_nothing_placed()


# For everyone -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [RO, PO])
def test_a_credential_is_never_searched(client, staff_user, role):
    """USPS 820.100, category 2: a mailer's password only as a hash, set and checked,
    never read (credential: nobody, not even masked)."""
    MailerAccountFactory(password_hash="pbkdf2_sha256$1$salt$hash")
    response = post_query_hold(
        client,
        staff_user,
        role,
        "mailers.MailerAccount",
        {"password_hash__startswith": "pbkdf2"},
    )
    assert query_errors(response) == [
        "password_hash__startswith: password_hash is a credential; never searched"
    ]
    assert_nothing_placed()


@pytest.mark.parametrize("role", [RO, PO])
def test_encrypted_and_blind_index_columns_are_refused_to_every_role(client, staff_user, role):
    MailerAccountFactory()
    response = post_query_hold(
        client,
        staff_user,
        role,
        "mailers.MailerAccount",
        {"logon_id": "adamailer1", "logon_id_index": "x"},
    )
    assert query_errors(response) == [
        "logon_id: logon_id is encrypted; only fields stored in clear",
        "logon_id_index: logon_id_index is a blind index or key reference",
    ]
    assert_nothing_placed()


# The service, whoever calls it ------------------------------------------------------------


def test_the_service_refuses_a_query_the_officer_cannot_read(staff_user, payment):
    """No entry point skips the check: the service refuses what the form would."""
    officer = staff_user(RO)
    hold = LegalHold(
        scope="query",
        model_label="orders.OfflinePayment",
        query={"card_last_four": "1111"},
        reason="Docket 24-101",
    )
    with pytest.raises(DecisionRefused, match=re.escape("orders.OfflinePayment.card_last_four")):
        place_legal_hold(hold, by=officer)
    assert_nothing_placed()

    allowed = LegalHold(
        scope="query",
        model_label="orders.OfflinePayment",
        query={"id": payment.pk},
        reason="Docket 24-101",
    )
    assert place_legal_hold(allowed, by=officer).pk is not None
