"""Auditors, and only they, browse and export the access events."""

import pytest

from audit.models import AccessEvent
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def event():
    return AccessEvent.objects.create(
        username="clerk", roles="customer_service", channel="admin_list",
        model="customers.Person", record_ids=[1, 2], fields=["email"], path="/admin/",
    )  # fmt: skip


@pytest.mark.parametrize("role", [r for r in Role if r != Role.AUDITOR])
def test_no_one_but_auditors_sees_access_events(client, staff_user, event, role):
    client.force_login(staff_user(role))
    assert client.get("/admin/audit/accessevent/").status_code in (302, 403)


def test_an_auditor_filters_and_exports_access_events(client, staff_user, event):
    client.force_login(staff_user(Role.AUDITOR))
    listed = client.get("/admin/audit/accessevent/", {"channel__exact": "admin_list"})
    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == [event]
    export = client.post(
        "/admin/audit/accessevent/", {"action": "export_events", "_selected_action": [event.pk]}
    )
    lines = export.content.decode().splitlines()
    assert lines[0].startswith("id,occurred_at,username")
    assert "clerk" in lines[1]
    assert client.post(f"/admin/audit/accessevent/{event.pk}/delete/").status_code == 403


def test_an_auditor_finds_the_reads_of_a_person_and_of_a_record(client, staff_user):
    import datetime

    from customers.models import Address, Person, SystemRelationship

    people = []
    for n in range(2):
        person = Person.objects.create(customer_id=f"AF{n}", given_name="F", email=f"f{n}@x.org")
        SystemRelationship.objects.create(
            person=person, system="usps-810-300", started_on=datetime.date(2020, 1, 1)
        )
        Address.objects.create(person=person, kind="home", line1="2 Oak", postal_code="20001")
        people.append(person)
    reader = staff_user(Role.CUSTOMER_SERVICE)
    client.force_login(reader)
    client.get(f"/api/v1/customers/{people[0].pk}/")
    client.get(f"/api/v1/customers/{people[1].pk}/")
    client.force_login(staff_user(Role.AUDITOR))

    def found(term):
        page = client.get("/admin/audit/accessevent/", {"q": term})
        return {(e.model, tuple(e.record_ids)) for e in page.context["cl"].result_list}

    first_address = people[0].addresses.get().pk
    assert found(f"person:{people[0].pk}") == {
        ("customers.Person", (people[0].pk,)),
        ("customers.Address", (first_address,)),
    }
    assert found(f"record:customers.Person:{people[1].pk}") == {
        ("customers.Person", (people[1].pk,))
    }
    assert found("record:customers.Person:999999") == set()
