"""Amendments over the API: the same service and role as the admin. A privacy officer
records, lists, grants and denies; every other role gets 403 before anything is looked
up; malformed or refused input is a 400 naming what is wrong, a refusal of the request's
state a 409; nothing changes on any refusal."""

import json

import pytest
from django.test import Client
from knox.models import AuthToken

from access_requests import amendments
from customers.models import Person
from sorn.constants import Role
from tests.access_requests.test_amendments import amendment_request
from tests.retention.conftest import person_in

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS_810 = "usps-810-300"


def client_of(user) -> Client:
    _, token = AuthToken.objects.create(user)
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def post(client: Client, url: str, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def proposal(person, **changes) -> dict:
    return {
        "system": USPS_810, "record_model": "customers.Person", "record_pk": person.pk,
        "field": "family_name", "requested": "Wrenfield", **changes,
    }  # fmt: skip


def test_an_officer_records_lists_and_grants_over_the_api(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    client = client_of(officer)
    url = f"/api/v1/requests/{request.tracking_number}/amendments/"
    created = post(client, url, proposal(person))
    assert created.status_code == 201
    body = created.json()
    assert (body["field"], body["requested"], body["decision"]) == (
        "family_name", "Wrenfield", "pending",
    )  # fmt: skip
    assert [a["id"] for a in client.get(url).json()] == [body["id"]]

    granted = post(client, f"{url}{body['id']}/grant/")
    assert granted.status_code == 200 and granted.json()["decision"] == "granted"
    assert Person.objects.get(pk=person.pk).family_name == "Wrenfield"
    again = post(client, f"{url}{body['id']}/grant/")
    assert again.status_code == 409


def test_a_denial_needs_reasons(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = amendments.propose(request, actor=officer, **proposal(person))
    url = f"/api/v1/requests/{request.tracking_number}/amendments/{amendment.pk}/deny/"
    client = client_of(officer)
    missing = post(client, url)
    assert missing.status_code == 400
    assert missing.json()["fields"]["reasons"] == ["This field is required."]
    assert post(client, url, {"reasons": "Matches.", "extra": 1}).status_code == 400
    assert post(client, url, {"reasons": "Matches the application."}).status_code == 200
    amendment.refresh_from_db()
    assert amendment.decision == "denied"


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"field": "data_key_id"}, "detail"),
        ({"field": "name_index"}, "detail"),
        ({"record_model": "audit.AccessEvent"}, "detail"),
        ({"record_model": "nonsense"}, "detail"),
        ({"system": "mint-009"}, "detail"),
        ({"record_pk": "seven"}, "record_pk"),
        ({"record_pk": 0}, "record_pk"),
        ({"requested": ["a", "list"]}, "requested"),
        ({"field": "email", "requested": "not an address"}, "detail"),
        ({"unexpected": "x"}, "unexpected"),
    ],
)
def test_bad_input_is_a_400_naming_what_is_wrong(officer, changes, named):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    response = post(
        client_of(officer),
        f"/api/v1/requests/{request.tracking_number}/amendments/",
        proposal(person, **changes),
    )
    assert response.status_code == 400
    body = response.json()
    # A field named in `fields`; what concerns no field in particular, in `detail` alone.
    assert list(body["fields"]) == ([] if named == "detail" else [named])
    assert body["detail"]
    assert not request.amendments.exists()


def test_someone_elses_record_is_a_400_and_changes_nothing(officer):
    person, stranger = person_in(USPS_810), person_in(USPS_810)
    request = amendment_request(officer, person)
    response = post(
        client_of(officer),
        f"/api/v1/requests/{request.tracking_number}/amendments/",
        proposal(person, record_pk=stranger.pk),
    )
    assert response.status_code == 400
    assert "not a record of a person confirmed as the requester" in response.json()["detail"]


@pytest.mark.parametrize(
    "role", [Role.CUSTOMER_SERVICE, Role.AUDITOR, Role.RECORDS_OFFICER, Role.SERVICE_ORDERS]
)
def test_other_roles_get_403_before_anything_is_looked_up(officer, staff_user, role):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    amendment = amendments.propose(request, actor=officer, **proposal(person))
    client = client_of(staff_user(role))
    base = f"/api/v1/requests/{request.tracking_number}/amendments/"
    assert client.get(base).status_code == 403
    assert client.get("/api/v1/requests/PA-0000000000/amendments/").status_code == 403
    assert post(client, base, proposal(person)).status_code == 403
    assert post(client, f"{base}{amendment.pk}/grant/").status_code == 403
    assert post(client, f"{base}{amendment.pk}/deny/", {"reasons": "No."}).status_code == 403
    amendment.refresh_from_db()
    assert amendment.decision == "pending"
    assert request.amendments.count() == 1


def test_unknown_requests_and_amendments_are_404(officer):
    person = person_in(USPS_810)
    request = amendment_request(officer, person)
    other = amendment_request(officer, person)
    amendment = amendments.propose(other, actor=officer, **proposal(person))
    client = client_of(officer)
    assert client.get("/api/v1/requests/PA-0000000000/amendments/").status_code == 404
    # Another request's amendment, through this request's address.
    url = f"/api/v1/requests/{request.tracking_number}/amendments/{amendment.pk}/grant/"
    assert post(client, url).status_code == 404
    amendment.refresh_from_db()
    assert amendment.decision == "pending"
