"""ETag and If-Match on the API (issue 13, item 4): two services cannot silently overwrite
each other's changes (RFC 9110, 13.1.1; RFC 6585, 3)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from customers.models import Address, Person
from sorn.constants import Role
from tests.access.conftest import USPS_810, person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


@pytest.fixture
def ada(db) -> Person:
    person = person_in("C20000001", USPS_810, given_name="Ada", email="ada@example.org")
    Address.objects.create(person=person, kind="home", line1="1 Oak Lane", postal_code="19901")
    return person


def url(person: Person) -> str:
    return f"/api/v1/customers/{person.pk}/"


def patch(client: Client, person: Person, data: dict, **headers):
    return client.patch(url(person), data, content_type="application/json", **headers)


def test_a_detail_answer_carries_a_tag_that_changes_with_what_the_caller_sees(as_role, ada):
    service = as_role(Role.CUSTOMER_SERVICE)
    first = service.get(url(ada))
    assert first.status_code == 200
    tag = first["ETag"]
    assert tag.startswith('"') and tag.endswith('"') and len(tag) == 42
    assert service.get(url(ada))["ETag"] == tag  # nothing changed: the same tag
    # A nested row the caller sees changes the person's representation, so its tag.
    address = Address.objects.get(person=ada)
    address.city = "Dover"
    address.save()
    assert service.get(url(ada))["ETag"] != tag
    # Another role sees another representation (masked fields): another tag.
    assert as_role(Role.FULFILLMENT).get(url(ada))["ETag"] != service.get(url(ada))["ETag"]


def test_a_write_without_if_match_is_refused_and_changes_nothing(as_role, ada):
    response = patch(as_role(Role.CUSTOMER_SERVICE), ada, {"email": "new@example.org"})
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert Person.objects.get(pk=ada.pk).email == "ada@example.org"


def test_a_write_with_the_current_tag_succeeds_and_answers_the_new_tag(as_role, ada):
    service = as_role(Role.CUSTOMER_SERVICE)
    tag = service.get(url(ada))["ETag"]
    response = patch(service, ada, {"email": "new@example.org"}, HTTP_IF_MATCH=tag)
    assert response.status_code == 200, response.content
    assert response["ETag"] != tag
    assert response["ETag"] == service.get(url(ada))["ETag"]
    assert Person.objects.get(pk=ada.pk).email == "new@example.org"


def test_the_second_writer_with_the_same_tag_gets_412(as_role, staff_user, ada):
    first = as_role(Role.CUSTOMER_SERVICE)
    second = Client()
    second.force_login(staff_user(Role.CUSTOMER_SERVICE, username="second-clerk"))
    tag = first.get(url(ada))["ETag"]
    assert second.get(url(ada))["ETag"] == tag
    assert patch(first, ada, {"email": "first@example.org"}, HTTP_IF_MATCH=tag).status_code == 200
    late = patch(second, ada, {"email": "second@example.org"}, HTTP_IF_MATCH=tag)
    assert late.status_code == 412
    assert "changed since you read it" in late.json()["detail"]
    assert Person.objects.get(pk=ada.pk).email == "first@example.org"


@pytest.mark.parametrize(
    "header",
    ['"0000000000000000000000000000000000000000"', "W/{tag}", "{tag}x", "", " , "],
)
def test_a_stale_weak_or_malformed_tag_is_refused(as_role, ada, header):
    service = as_role(Role.CUSTOMER_SERVICE)
    tag = service.get(url(ada))["ETag"]
    response = patch(service, ada, {"email": "x@example.org"}, HTTP_IF_MATCH=header.format(tag=tag))
    assert response.status_code in (412, 428)
    assert Person.objects.get(pk=ada.pk).email == "ada@example.org"


def test_one_of_several_tags_or_star_matches(as_role, ada):
    service = as_role(Role.CUSTOMER_SERVICE)
    tag = service.get(url(ada))["ETag"]
    listed = f'"aaaa", {tag}'
    assert patch(service, ada, {"email": "a@example.org"}, HTTP_IF_MATCH=listed).status_code == 200
    assert patch(service, ada, {"email": "b@example.org"}, HTTP_IF_MATCH="*").status_code == 200


def test_the_precondition_is_checked_before_anything_else_is_told(as_role, ada):
    """A stale tag on a refused field is 412 as on any field: no answer depends on the
    body until the caller proves it saw the record as it is."""
    service = as_role(Role.CUSTOMER_SERVICE)
    stale = '"0000000000000000000000000000000000000000"'
    assert patch(service, ada, {"customer_id": "X"}, HTTP_IF_MATCH=stale).status_code == 412
    assert patch(service, ada, {"customer_id": "X"}).status_code == 428
    # A record outside the caller's systems is not found whatever the header.
    other = person_in("C20000002", "usps-820-100", given_name="Bea")
    assert patch(service, other, {"email": "x@example.org"}, HTTP_IF_MATCH="*").status_code == 404
    assert patch(service, other, {"email": "x@example.org"}).status_code in (404, 428)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, databases=["default", "keystore"])
def test_two_writers_racing_with_the_same_tag_one_wins(staff_user):
    """Both read the same tag, then write at once: the row lock makes the second evaluate
    its precondition after the first committed, so exactly one write lands."""
    person = person_in("C20000003", USPS_810, given_name="Cy", email="cy@example.org")
    clients = []
    for n in range(2):
        client = Client()
        client.force_login(staff_user(Role.CUSTOMER_SERVICE, username=f"racer-{n}"))
        clients.append(client)
    tag = clients[0].get(url(person))["ETag"]
    barrier = threading.Barrier(2)
    answers: list[int] = []

    def write(n: int) -> None:
        barrier.wait()
        response = patch(clients[n], person, {"email": f"racer{n}@example.org"}, HTTP_IF_MATCH=tag)
        answers.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200, 412]
    assert Person.objects.get(pk=person.pk).email in {"racer0@example.org", "racer1@example.org"}
