"""Accounting of disclosures (5 U.S.C. 552a(c)): an external recipient's service account
gets an entry for each person whose records it reads; privacy officers keep the rest."""

import datetime

import pytest

from audit.models import DisclosureAccounting, ExternalRecipient
from customers.models import Address, Person, SystemRelationship
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def people():
    made = []
    for n in range(2):
        person = Person.objects.create(
            customer_id=f"DS{n}", given_name=f"Dis{n}", email=f"d{n}@example.org"
        )
        SystemRelationship.objects.create(
            person=person, system="usps-810-300", started_on=datetime.date(2021, 1, 1)
        )
        Address.objects.create(person=person, kind="home", line1="1 Way", postal_code="20001")
        made.append(person)
    return made


def test_an_external_recipients_reads_are_accounted_for(client, staff_user, people):
    account = staff_user(Role.SERVICE_ORDERS, username="partner-api")
    ExternalRecipient.objects.create(
        user=account,
        name="Example Fulfillment Partner",
        address="1 Partner Plaza, Dover, DE 19901",
        routine_use="USPS standard routine use 1",
        purpose="Fulfilment of offline orders",
    )
    client.force_login(account)
    assert client.get("/api/v1/customers/").status_code == 200
    entries = DisclosureAccounting.objects.order_by("person_id")
    assert [e.person_id for e in entries] == [p.pk for p in people]
    first = entries[0]
    assert first.recipient_name == "Example Fulfillment Partner"
    assert first.routine_use == "USPS standard routine use 1"
    assert first.records["customers.Person"] == [people[0].pk]
    assert first.records["customers.Address"] == [people[0].addresses.get().pk]


def test_internal_reads_are_not_disclosures(client, staff_user, people):
    client.force_login(staff_user(Role.CUSTOMER_SERVICE))
    client.get("/api/v1/customers/")
    assert not DisclosureAccounting.objects.exists()


def test_only_privacy_officers_record_disclosures_by_hand(client, staff_user):
    client.force_login(staff_user(Role.CUSTOMER_SERVICE))
    assert client.get("/admin/audit/disclosureaccounting/").status_code in (302, 403)
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    assert client.get("/admin/audit/disclosureaccounting/add/").status_code == 200
