"""Issue 11, item 4: privacy officers type in requests that came by post, e-mail, fax or
telephone, with the same rules as the web form; each gets a tracking number and a
history that starts with its receipt. A received request freezes its person's purge."""

import datetime
import json
import re

import pytest
from django.test import Client

from access_requests.models import PrivacyActRequest, RequestEvent, RequestStatus
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ADD = "/admin/access_requests/privacyactrequest/add/"


def intake(**overrides) -> dict:
    data = {
        "kind": "access",
        "systems": ["usps-820-100"],
        "channel": "post",
        "received_on": "2026-11-20",
        "requester_name": "Rosa Example",
        "requester_address": "1 Example Street, Springfield, IL 62701",
        "id_logon_id": "rosa.example",
        "declared_name": "Rosa Example",
        "declared_on": "2026-11-18",
    }
    data.update(overrides)
    return data


@pytest.fixture
def officer(staff_user):
    client = Client()
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    return client


def test_a_privacy_officer_enters_a_request_that_came_by_post(officer):
    response = officer.post(ADD, intake())
    assert response.status_code == 302, response.content[:2000]
    request = PrivacyActRequest.objects.get()
    assert re.fullmatch(r"PA-\d{10}", request.tracking_number)
    assert (request.kind, request.channel, request.status) == ("access", "post", "received")
    assert request.systems == ["usps-820-100"]
    assert request.received_at.date() == datetime.date(2026, 11, 20)
    assert json.loads(request.identifiers) == {
        "logon_id": "rosa.example",
        "name": "Rosa Example",
        "address": "1 Example Street, Springfield, IL 62701",
    }
    assert [(e.event, e.what) for e in RequestEvent.objects.filter(request=request)] == [
        ("received", "Received by post, entered by privacy_officer-test"),
        ("status_link", "Status page link issued"),
    ]
    assert request in PrivacyActRequest.objects.pending()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_logon_id": ""}, "systems",
         "USPS 820.100 Mailer Services — Applications and Approvals: give at least one of: "
         "customer ID, logon ID."),
        ({"id_meeting_id": "123 456 789"}, "id_meeting_id",
         "None of the chosen systems is searched by this."),
        ({"declared_on": "2999-01-01"}, "declared_on", "This date is in the future."),
        ({"received_on": "2999-01-01"}, "received_on", "This date is in the future."),
        ({"declared_name": ""}, "declared_name", "This field is required."),
        ({"channel": "web"}, "channel",
         "Select a valid choice. web is not one of the available choices."),
    ],
    ids=["no identifier", "identifier not asked", "declared later", "received later",
         "no declaration", "web is not staff intake"],
)  # fmt: skip
def test_bad_intake_is_refused_naming_the_field_and_saves_nothing(
    officer, overrides, field, message
):
    response = officer.post(ADD, intake(**overrides))
    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors.get(field, [])
    assert PrivacyActRequest.objects.count() == 0
    assert RequestEvent.objects.count() == 0


@pytest.mark.parametrize(
    "role", [Role.CUSTOMER_SERVICE, Role.RECORDS_OFFICER, Role.AUDITOR, Role.MAILER_SERVICES]
)
def test_only_privacy_officers_see_or_enter_requests(staff_user, role):
    client = Client()
    client.force_login(staff_user(role))
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, intake()).status_code == 403
    assert client.get("/admin/access_requests/privacyactrequest/").status_code == 403
    assert PrivacyActRequest.objects.count() == 0


def test_a_web_request_awaiting_verification_freezes_nothing():
    unverified = PrivacyActRequest.objects.create(kind="access", status=RequestStatus.UNVERIFIED)
    assert unverified not in PrivacyActRequest.objects.pending()


def test_what_the_requester_gave_is_encrypted_at_rest(officer):
    from django.db import connection

    officer.post(ADD, intake())
    request = PrivacyActRequest.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT requester_name, requester_address, identifiers, declared_name "
            "FROM access_requests_privacyactrequest WHERE id = %s",
            [request.pk],
        )
        stored = " ".join(str(value) for value in cursor.fetchone())
    for plain in ("Rosa", "Springfield", "rosa.example"):
        assert plain not in stored
