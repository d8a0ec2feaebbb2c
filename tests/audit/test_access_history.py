"""Each person's "who has seen this": the privacy officer and the auditor see every read
of the person's records, and the disclosures; nobody else does."""

import datetime

import pytest

from audit.models import AccessEvent
from audit.services import access_history
from customers.models import Address, Person, SystemRelationship
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def two_people():
    made = []
    for n in range(2):
        person = Person.objects.create(
            customer_id=f"AH{n}", given_name=f"Hist{n}", email=f"h{n}@example.org"
        )
        SystemRelationship.objects.create(
            person=person, system="usps-810-300", started_on=datetime.date(2021, 1, 1)
        )
        Address.objects.create(person=person, kind="home", line1="9 Elm", postal_code="20001")
        made.append(person)
    return made


def test_the_history_lists_the_reads_of_the_persons_records(client, staff_user, two_people):
    first, second = two_people
    clerk = staff_user(Role.CUSTOMER_SERVICE)
    client.force_login(clerk)
    client.get(f"/api/v1/customers/{first.pk}/")
    client.get(f"/admin/customers/address/{second.addresses.get().pk}/change/")
    assert {e.model for e in access_history(first.pk)} == {
        "customers.Person",
        "customers.Address",
    }
    assert [e.model for e in access_history(second.pk)] == ["customers.Address"]
    assert access_history(second.pk).get().username == clerk.username


def test_privacy_officers_and_auditors_see_the_page(client, staff_user, two_people):
    person = two_people[0]
    client.force_login(staff_user(Role.CUSTOMER_SERVICE, username="reader"))
    client.get(f"/api/v1/customers/{person.pk}/")
    url = f"/staff/people/{person.pk}/access-history/"
    assert client.get(url).status_code == 403  # customer service may not
    for role in (Role.PRIVACY_OFFICER, Role.AUDITOR):
        client.force_login(staff_user(role))
        page = client.get(url)
        assert page.status_code == 200
        assert "reader" in page.content.decode()
    assert AccessEvent.objects.filter(username="reader").exists()
