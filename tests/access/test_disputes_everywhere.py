"""A statement of disagreement goes wherever its record goes (5 U.S.C. 552a(d)(4)): the
admin's change form, the person view, the API (an external recipient's read included: a
later disclosure carries it) and CSV exports. Its words go only to a role that reads the
disputed field in clear; others see that a statement is on file, never its words (they
would tell a value masked for them). Reading the words is audited."""

import csv
import io

import pytest
from django.test import Client

from audit.disagreements import file_statement
from audit.models import (
    AccessEvent,
    DisagreementStatement,
    DisclosureAccounting,
    ExternalRecipient,
)
from sorn.constants import Role
from tests.retention.conftest import person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS_810 = "usps-810-300"
WORDS = "My family name is Wrenfield, as on my passport."
NOTED = "its words are not shown to your role"

# Role → what the change form and the person view show of the statement on a person's
# family name (USPS 810.300), written down from the policy's NAME grant: "words" where
# the role reads names in clear, "noted" where it reads them masked.
PAGES = {
    Role.PRIVACY_OFFICER: "words",
    Role.CUSTOMER_SERVICE: "words",
    Role.FULFILLMENT: "words",
    Role.RECORDS_OFFICER: "noted",
    Role.AUDITOR: "noted",
}


@pytest.fixture
def disputed():
    person = person_in(USPS_810)
    file_statement(
        person,
        "family_name",
        WORDS,
        system=USPS_810,
        request_number="PA-0000000001",
        recorded_by="the requester",
    )
    return person


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("role", "shown"), PAGES.items())
def test_the_change_form_notes_the_statement(staff_user, disputed, role, shown):
    page = client_of(staff_user(role)).get(f"/admin/customers/person/{disputed.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Statement of disagreement on file" in text
    assert (WORDS in text, NOTED in text) == (shown == "words", shown == "noted")


@pytest.mark.parametrize(("role", "shown"), PAGES.items())
def test_the_person_view_notes_the_statement(staff_user, disputed, role, shown):
    page = client_of(staff_user(role)).get(f"/staff/people/{disputed.pk}/records/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Statement of disagreement on file" in text
    assert (WORDS in text, NOTED in text) == (shown == "words", shown == "noted")


def test_a_record_without_a_statement_notes_none(staff_user):
    person = person_in(USPS_810)
    page = client_of(staff_user(Role.PRIVACY_OFFICER)).get(
        f"/admin/customers/person/{person.pk}/change/"
    )
    assert "Statement of disagreement" not in page.content.decode()


def test_the_api_gives_the_statement_with_the_record_and_audits_its_reading(staff_user, disputed):
    clerk = staff_user(Role.CUSTOMER_SERVICE)
    detail = client_of(clerk).get(f"/api/v1/customers/{disputed.pk}/").json()
    filed = DisagreementStatement.objects.get().filed_at.date().isoformat()
    assert detail["statements_of_disagreement"] == [
        {"field": "family_name", "filed_on": filed, "statement": WORDS}
    ]
    listed = client_of(clerk).get("/api/v1/customers/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    [row] = [r for r in rows if r["id"] == disputed.pk]
    assert row["statements_of_disagreement"][0]["statement"] == WORDS
    read = [
        e.record_ids
        for e in AccessEvent.objects.filter(channel="api_detail", model="customers.Person")
        if "statement_of_disagreement" in e.fields
    ]
    assert read == [[disputed.pk]]


def test_a_later_disclosure_carries_the_statement(staff_user, disputed):
    account = staff_user(Role.SERVICE_ORDERS, username="partner-api")
    ExternalRecipient.objects.create(
        user=account,
        name="Example Fulfillment Partner",
        address="1 Partner Plaza, Dover, DE 19901",
        routine_use="USPS standard routine use 1",
        purpose="Fulfilment of offline orders",
    )
    detail = client_of(account).get(f"/api/v1/customers/{disputed.pk}/").json()
    assert detail["statements_of_disagreement"][0]["statement"] == WORDS
    entry = DisclosureAccounting.objects.get(person_id=disputed.pk)
    assert entry.recipient_name == "Example Fulfillment Partner"


def test_a_csv_export_carries_the_statement(staff_user, disputed):
    other = person_in(USPS_810)
    response = client_of(staff_user(Role.CUSTOMER_SERVICE)).post(
        "/admin/customers/person/",
        {"action": "export_csv", "_selected_action": [disputed.pk, other.pk]},
    )
    header, *rows = csv.reader(io.StringIO(response.content.decode()))
    assert header[-1] == "statements_of_disagreement"
    by_id = {row[header.index("id")]: row for row in rows}
    filed = DisagreementStatement.objects.get().filed_at.date().isoformat()
    assert by_id[str(disputed.pk)][-1] == f"family_name, filed {filed}: {WORDS}"
    assert by_id[str(other.pk)][-1] == ""
