"""Every read the policy gate lets through is recorded: one access event per channel and
model, written in one insert per request, naming the records and the fields; a read that
cannot be recorded is not sent."""

import datetime

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from audit.models import AccessEvent, AppendOnlyError
from customers.models import Address, Person, SystemRelationship
from sorn.constants import Role
from tests.audit.factories import refuse_access_events

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def people():
    found = []
    for n in range(3):
        person = Person.objects.create(
            customer_id=f"AU{n:04d}",
            given_name=f"Audit{n}",
            family_name="Trail",
            email=f"audit{n}@example.org",
        )
        SystemRelationship.objects.create(
            person=person, system="usps-810-300", started_on=datetime.date(2022, 1, 1)
        )
        Address.objects.create(
            person=person, kind="home", line1=f"{n} Ledger Row", city="Dover", state="DE",
            postal_code="19901",
        )  # fmt: skip
        found.append(person)
    return found


@pytest.fixture
def clerk(client, staff_user):
    user = staff_user(Role.CUSTOMER_SERVICE)
    client.force_login(user)
    return client, user


def audit_inserts(queries) -> int:
    return sum('INSERT INTO "audit_accessevent"' in q["sql"] for q in queries.captured_queries)


def test_an_admin_change_list_read_is_one_event(clerk, people):
    client, user = clerk
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/customers/person/")
    assert response.status_code == 200
    assert audit_inserts(queries) == 1
    (event,) = AccessEvent.objects.all()
    assert (event.channel, event.model, event.username) == (
        "admin_list",
        "customers.Person",
        user.username,
    )
    assert event.roles == "customer_service"
    assert event.record_ids == sorted(p.pk for p in people)
    assert "email" in event.fields and "customer_id" in event.fields
    assert event.path == "/admin/customers/person/"


def test_an_admin_change_form_read_names_the_record_and_its_inlines(clerk, people):
    client, _ = clerk
    person = people[1]
    client.get(f"/admin/customers/person/{person.pk}/change/")
    form = AccessEvent.objects.get(channel="admin_form", model="customers.Person")
    assert form.record_ids == [person.pk]
    assert "given_name" in form.fields and "date_of_birth" not in form.fields
    addresses = AccessEvent.objects.get(channel="admin_form", model="customers.Address")
    assert addresses.record_ids == [person.addresses.get().pk]


def test_an_api_list_is_one_insert_naming_every_record(clerk, people):
    client, _ = clerk
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/customers/", HTTP_X_ACCESS_PURPOSE="billing question")
    assert response.status_code == 200
    assert audit_inserts(queries) == 1
    event = AccessEvent.objects.get(channel="api_list", model="customers.Person")
    assert event.record_ids == sorted(p.pk for p in people)
    assert event.purpose == "billing question"
    nested = AccessEvent.objects.get(channel="api_list", model="customers.Address")
    assert len(nested.record_ids) == 3


def test_an_api_detail_read(clerk, people):
    client, _ = clerk
    client.get(f"/api/v1/customers/{people[0].pk}/")
    event = AccessEvent.objects.get(channel="api_detail", model="customers.Person")
    assert event.record_ids == [people[0].pk]
    assert "email" in event.fields


def test_a_csv_export_is_recorded(clerk, people):
    client, _ = clerk
    response = client.post(
        "/admin/customers/person/",
        {"action": "export_csv", "_selected_action": [people[0].pk, people[2].pk]},
    )
    assert response.status_code == 200
    event = AccessEvent.objects.get(channel="csv_export")
    assert event.record_ids == sorted([people[0].pk, people[2].pk])
    # The event names the columns that carried a value on some exported row: a column
    # every row hides (a Mint field of USPS-only people) showed nothing.
    header = response.content.decode().splitlines()[0].split(",")
    assert set(event.fields) <= set(header)
    assert {"customer_id", "given_name", "email"} <= set(event.fields)


def test_nothing_read_nothing_recorded(client, people):
    client.get("/systems/")
    assert not AccessEvent.objects.exists()


def test_a_read_that_cannot_be_recorded_is_not_sent(clerk, people, monkeypatch):
    client, _ = clerk

    refuse_access_events(monkeypatch)
    response = client.get("/api/v1/customers/")
    assert response.status_code == 500
    assert b"audit0@example.org" not in response.content
    assert b"Audit0" not in response.content
    admin_page = client.get("/admin/customers/person/")
    assert admin_page.status_code == 500
    assert b"AU0000" not in admin_page.content


def test_forwarded_addresses_are_believed_only_from_trusted_proxies(clerk, people, settings):
    client, _ = clerk
    client.get("/api/v1/customers/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="198.51.100.7")
    assert AccessEvent.objects.get(model="customers.Person").remote_addr == "198.51.100.7"
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    client.get(
        f"/api/v1/customers/{people[0].pk}/",
        HTTP_X_FORWARDED_FOR="203.0.113.66, 192.0.2.44",
        REMOTE_ADDR="10.0.0.2",
    )
    detail = AccessEvent.objects.get(channel="api_detail", model="customers.Person")
    assert detail.remote_addr == "192.0.2.44"


def test_audit_rows_are_append_only(clerk, people):
    client, _ = clerk
    client.get("/admin/customers/person/")
    event = AccessEvent.objects.get()
    event.username = "someone-else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).update(username="x")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.all().delete()
    # The database refuses too, whatever the application does.
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accessevent SET username = 'x'")
    assert AccessEvent.objects.get().username != "x"


@pytest.mark.skipif(
    connections["default"].vendor != "postgresql",
    reason="the DELETE trigger is PostgreSQL's (SQLite test databases must be flushable)",
)
def test_postgresql_refuses_deleting_audit_rows(clerk, people):
    from django.db import DatabaseError, transaction

    client, _ = clerk
    client.get("/admin/customers/person/")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accessevent")
    assert AccessEvent.objects.count() == 1
