"""Attacks on the staff side of Privacy Act requests (the workbench): moves, the admin's
request pages, the API, packages, letters and reports. Each test says the expected
behaviour literally."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from access_requests import packages, workflow
from access_requests.models import Letter, PrivacyActRequest, RequestStatus
from sorn.constants import Role
from tests.access_requests.test_packages import SYSTEMS, access_request, held_person

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

BASE = "/admin/access_requests/privacyactrequest/"
OTHER_ROLES = [role for role in Role if role != Role.PRIVACY_OFFICER]


@pytest.fixture
def officer(staff_user):
    return staff_user(Role.PRIVACY_OFFICER)


def client_of(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def overdue_request(officer) -> PrivacyActRequest:
    """A Mint request received long ago: its deadline is past."""
    request = access_request(officer, systems=["mint-009"])
    long_ago = timezone.now() - datetime.timedelta(days=200)
    PrivacyActRequest.objects.filter(pk=request.pk).update(received_at=long_ago)
    request.refresh_from_db()
    workflow.recompute_due_dates([request])
    request.refresh_from_db()
    assert request.due_on < timezone.localdate()
    return request


# The admin's download of a request's file ----------------------------------------------


def test_a_privacy_officer_downloads_the_package_from_the_request_page(officer):
    """The request page lists the package files with a Download link like any other
    file: it downloads (an attachment), it is no server error that leaves a "downloaded"
    event behind for a download that never happened."""
    wren, _ = held_person()
    request = access_request(officer)
    html, json_file = packages.prepare(request, officer, {s: [wren.pk] for s in SYSTEMS})
    client = client_of(officer)
    for document, extension in ((html, "html"), (json_file, "json")):
        response = client.get(f"{BASE}{request.pk}/documents/{document.pk}/")
        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            f'attachment; filename="{request.tracking_number}-{document.pk}.{extension}"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
    assert request.events.filter(event="document").count() == 2


# Other roles learn nothing, not even whether an id exists --------------------------------


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_get_the_same_403_for_a_request_that_exists_and_one_that_does_not(
    staff_user, officer, role
):
    wren, _ = held_person()
    request = access_request(officer)
    document, _ = packages.prepare(request, officer, {s: [wren.pk] for s in SYSTEMS})
    letter = Letter.objects.create(
        request=request, kind="acknowledgment", agency="x", delivery="email",
        sealed_body=b"", sealed_to=b"", created_at=timezone.now(), created_by=officer,
    )  # fmt: skip
    client = client_of(staff_user(role))
    for path in (
        f"{request.pk}/move/start/",
        f"{request.pk}/history/",
        f"{request.pk}/letters/{letter.pk}/",
        f"{request.pk}/documents/{document.pk}/",
    ):
        missing = (
            path.replace(str(request.pk), "999999", 1)
            .replace(f"/{letter.pk}/", "/999999/")
            .replace(f"/{document.pk}/", "/999999/")
        )
        assert client.get(BASE + path).status_code == 403, path
        assert client.get(BASE + missing).status_code == 403, missing
        assert client.post(BASE + path).status_code == 403, path
    assert not request.events.filter(event__in=["document", "letter_read"]).exists()


# Moves -----------------------------------------------------------------------------------


def test_an_extension_into_the_past_is_refused(officer):
    """An overdue request cannot be "extended" to a day already gone: the new date is
    after today, and nothing changes on a refusal."""
    request = overdue_request(officer)
    before = (request.status, request.due_on, request.events.count())
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(workflow.MoveRefused):
        workflow.make(request, "extend", actor=officer, extended_to=yesterday, reason="Backlog")
    request.refresh_from_db()
    assert (request.status, request.due_on, request.events.count()) == before
    assert request.extended_to is None


def test_an_extension_to_today_or_later_than_the_past_deadline_still_needs_a_future_day(
    officer,
):
    request = overdue_request(officer)
    with pytest.raises(workflow.MoveRefused):
        workflow.make(
            request, "extend", actor=officer, extended_to=timezone.localdate(), reason="x"
        )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    workflow.make(request, "extend", actor=officer, extended_to=tomorrow, reason="Backlog")
    request.refresh_from_db()
    assert request.due_on == tomorrow


@pytest.mark.parametrize(
    "body",
    [
        {"extended_to": 5, "reason": "Backlog"},
        {"extended_to": ["2030-01-01"], "reason": "Backlog"},
        {"extended_to": "2030-01-01", "reason": {"a": 1}},
        {"extended_to": "2030-01-01", "reason": ["Backlog"]},
        {"extended_to": "2030-01-01", "reason": 7},
        # A year no clock can count to (and which would take every queue page seconds to
        # count working days to).
        {"extended_to": "9999-12-31", "reason": "Backlog"},
    ],
)
def test_the_api_refuses_a_move_detail_that_is_not_text_with_400(officer, body):
    request = access_request(officer, systems=["mint-009"])
    _, token = AuthToken.objects.create(officer)
    events = request.events.count()
    response = Client(raise_request_exception=False).post(
        f"/api/v1/requests/{request.tracking_number}/moves/extend/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.extended_to is None and request.events.count() == events


# Packages --------------------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["close", "testing"])
def test_no_package_for_a_request_nobody_works(officer, ending):
    """A closed request (or a portal test) gets no new package: nothing read, nothing
    kept, and the admin's button says why."""
    wren, _ = held_person()
    request = access_request(officer)
    if ending == "close":
        workflow.make(request, "close", actor=officer, reason="Withdrawn")
    else:
        PrivacyActRequest.objects.filter(pk=request.pk).update(status=RequestStatus.TESTING)
        request.refresh_from_db()
    with pytest.raises(packages.PackageRefused):
        packages.prepare(request, officer, {s: [wren.pk] for s in SYSTEMS})
    assert not request.documents.exists()
    response = client_of(officer).post(f"{BASE}{request.pk}/package/")
    assert response.status_code == 302
    assert not request.documents.exists()


# Dates at the ends of the calendar -------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "start=9999-12-31&end=9999-12-31",
        "start=9999-12-01&end=9999-12-31",
        "start=0001-01-01&end=9999-12-31",
    ],
)
def test_a_report_for_the_last_day_of_the_calendar_is_no_server_error(officer, query):
    client = client_of(officer)
    assert client.get(f"{BASE}report/?{query}").status_code in (200, 400)
    assert client.get(f"{BASE}report/csv/?{query}").status_code in (200, 400)


def test_an_appeal_acknowledgment_received_on_the_last_day_of_the_calendar_is_no_server_error(
    officer,
):
    request = access_request(officer, systems=["mint-009"])
    workflow.make(request, "answer", actor=officer)
    workflow.make(request, "appeal", actor=officer)
    response = client_of(officer).post(
        f"{BASE}{request.pk}/letters/new/appeal_acknowledgment/",
        {"preview": "1", "appeal_received_on": "9999-12-31"},
    )
    assert response.status_code in (200, 400)
    assert not request.letters.exists()
