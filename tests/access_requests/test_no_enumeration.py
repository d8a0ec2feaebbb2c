"""Issue 11, item 6: no enumeration before staff have verified identity. A request about
a person the systems hold and one about a person they do not get the same responses, the
same e-mails and the same work (the same queries, none of them touching a record table):
the public side never looks at records, so it cannot tell, by content or by timing."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from customers.models import Address, Person, SystemRelationship

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

# Tables of the record apps: the public side must read none of them.
RECORD_TABLES = re.compile(r'"(customers|orders|mailers|marketing)_\w+"')


@pytest.fixture
def held_person():
    person = Person.objects.create(
        customer_id="C00000042", given_name="Wren", family_name="Example",
        email="wren@example.org",
    )  # fmt: skip
    Address.objects.create(
        person=person, kind="home", line1="1 Example Street", city="Springfield",
        state="IL", postal_code="62701",
    )  # fmt: skip
    SystemRelationship.objects.create(
        person=person, system="usps-810-300", started_on=datetime.date(2024, 1, 1)
    )
    return person


def submission(name: str, email: str) -> dict:
    return {
        "kind": "access",
        "systems": ["usps-810-300"],
        "requester_name": name,
        "requester_email": email,
        "requester_address": "1 Example Street, Springfield, IL 62701",
        "id_customer_id": "C00000042",
        "declared_name": name,
        "declared_on": "2026-11-02",
        "declaration": "on",
    }


def journey(name: str, email: str) -> dict:
    """Everything a requester (or someone probing) sees, with the parts that differ for
    every request anyway (tracking number, tokens) blanked out, and the SQL it cost."""
    cache.clear()
    mail.outbox.clear()
    client = Client()
    seen: dict = {}
    with CaptureQueriesContext(connection) as queries:
        sent = client.post("/privacy/requests/new/", submission(name, email))
        seen["post"] = (sent.status_code, sent["Location"])
        seen["sent"] = client.get(sent["Location"]).content
        (link,) = re.findall(r"http://testserver(/\S+)", mail.outbox[0].body)
        seen["mail"] = (mail.outbox[0].subject, mail.outbox[0].body.replace(link, "<link>"))
        verified = client.post(link)
        status_path = verified["Location"]
        status = client.get(status_path).content.decode()
    tracking = re.search(r"PA-\d{10}", status).group(0)
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    seen["status"] = csrf.sub("<csrf>", status.replace(tracking, "<number>"))
    seen["status_mail"] = (
        mail.outbox[1]
        .body.replace(tracking, "<number>")
        .replace("http://testserver" + status_path, "<link>")
    )
    seen["queries"] = [q["sql"] for q in queries.captured_queries]
    return seen


def test_a_held_person_and_a_stranger_see_the_same(held_person):
    held = journey("Wren Example", "wren@example.org")
    stranger = journey("Nell Nobody", "nell@example.org")
    for part in ("post", "sent", "mail", "status", "status_mail"):
        assert held[part] == stranger[part], part
    assert len(held["queries"]) == len(stranger["queries"])
    touched = {m.group(1) for sql in held["queries"] for m in RECORD_TABLES.finditer(sql)}
    assert touched == set()
