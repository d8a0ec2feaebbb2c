"""Issue 12, item 9: the request over the API. The requester's tools read their request with
the status page's token (one 404 for every failure: no enumeration); privacy officers'
case systems list open requests and make moves through the same lifecycle module and
roles as the admin."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from access_requests import workflow
from access_requests.api import ClientAddressThrottle
from access_requests.models import PrivacyActRequest, RequestEvent, RequestStatus
from access_requests.verification import issue_status_token
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS = "usps-810-300"
# Friday 20 November 2026: the USPS acknowledgment is due Monday 7 December (ten working
# days, Thanksgiving out).
FRIDAY = timezone.make_aware(datetime.datetime(2026, 11, 20, 10))
MONDAY = timezone.make_aware(datetime.datetime(2026, 11, 23, 10))
NOT_FOUND = {"error": "not_found", "detail": "Not found.", "fields": {}}


def error(code: str, detail: str, fields: dict | None = None) -> dict:
    """The API's one error shape (lib/api.py)."""
    return {"error": code, "detail": detail, "fields": fields or {}}


@pytest.fixture
def at(monkeypatch):
    def set_to(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    set_to(MONDAY)
    return set_to


def received(number: str, systems=(USPS,), **fields) -> PrivacyActRequest:
    fields.setdefault("received_at", FRIDAY)
    fields.setdefault("status", RequestStatus.RECEIVED)
    request = PrivacyActRequest.objects.create(
        tracking_number=number, kind="access", systems=list(systems), **fields
    )
    workflow.recompute_due_dates([request])
    request.refresh_from_db()
    return request


def status(number: str, token: str | None, **headers):
    if token is not None:
        headers["HTTP_X_STATUS_TOKEN"] = token
    return Client().get(f"/api/v1/requests/{number}/", **headers)


# The requester's own tools ----------------------------------------------------------------


def test_the_right_token_reads_the_request(at):
    request = received("PA-0000000001")
    token = issue_status_token(request)
    response = status("PA-0000000001", token)
    assert response.status_code == 200
    assert response.json() == {
        "tracking_number": "PA-0000000001",
        "kind": "access",
        "systems": ["usps-810-300"],
        "status": "received",
        "status_label": "Received",
        "received_on": "2026-11-20",
        "due_on": "2026-12-07",
        "asked_of_requester": "",
    }
    assert response["Cache-Control"] == "no-store"


def test_what_the_office_asks_is_there_and_no_date_runs_while_it_waits(at, staff_user):
    request = received("PA-0000000001")
    token = issue_status_token(request)
    workflow.make(
        request,
        "wait",
        actor=staff_user(Role.PRIVACY_OFFICER),
        pause_reason="identity",
        asked_of_requester="A copy of an identity document, please.",
    )
    assert status("PA-0000000001", token).json() == {
        "tracking_number": "PA-0000000001",
        "kind": "access",
        "systems": ["usps-810-300"],
        "status": "waiting",
        "status_label": "Waiting on the requester",
        "received_on": "2026-11-20",
        "due_on": None,
        "asked_of_requester": "A copy of an identity document, please.",
    }


def test_every_failure_is_the_same_404(at, staff_user):
    mine = received("PA-0000000001")
    token = issue_status_token(mine)
    other = received("PA-0000000002")
    others_token = issue_status_token(other)
    revoked = issue_status_token(received("PA-0000000003"))
    issue_status_token(PrivacyActRequest.objects.get(tracking_number="PA-0000000003"))
    officer = staff_user(Role.PRIVACY_OFFICER)
    _, api_token = AuthToken.objects.create(officer)
    for number, sent, headers in (
        ("PA-0000000001", "x" * 43, {}),  # a wrong token
        ("PA-0000000001", others_token, {}),  # another request's token
        ("PA-0000000002", token, {}),  # my token, another number
        ("PA-9999999999", token, {}),  # a number that does not exist
        ("PA-0000000001", None, {}),  # no header
        ("PA-0000000001", "", {}),  # an empty header
        ("PA-0000000003", revoked, {}),  # a token replaced by a new one
        ("pa-0000000001", token, {}),  # the number spelt otherwise
        # A privacy officer's API token is no status token.
        ("PA-0000000001", None, {"HTTP_AUTHORIZATION": f"Token {api_token}"}),
    ):
        response = status(number, sent, **headers)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), (number, sent)
        assert response["Cache-Control"] == "no-store"


def test_an_unknown_query_parameter_is_refused(at):
    token = issue_status_token(received("PA-0000000001"))
    response = Client().get("/api/v1/requests/PA-0000000001/?debug=1", HTTP_X_STATUS_TOKEN=token)
    assert response.status_code == 400
    assert response.json()["fields"] == {"debug": ["is not a parameter of this resource"]}


def test_throttled_per_client_address(at, monkeypatch):
    monkeypatch.setattr(ClientAddressThrottle, "THROTTLE_RATES", {"anon": "3/m"})
    token = issue_status_token(received("PA-0000000001"))
    answers = [status("PA-0000000001", token).status_code for _ in range(3)]
    answers.append(status("PA-9999999999", "guess").status_code)
    assert answers == [200, 200, 200, 429]
    response = status("PA-0000000001", token)
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Request was throttled.")
    assert response["Retry-After"] == "60"
    # Another address has its own count.
    assert status("PA-0000000001", token, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_schema_documents_the_header_and_the_answers():
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    operation = response.json()["paths"]["/api/v1/requests/{tracking_number}/"]["get"]
    assert {"in": "header", "name": "X-Status-Token"}.items() <= operation["parameters"][0].items()
    assert operation["parameters"][0]["required"] is True
    assert sorted(operation["responses"]) == ["200", "400", "404", "429"]  # 400: unknown parameters
    assert "security" not in operation  # no credential but the header (as /api/v1/systems/)


# Privacy officers' case systems -----------------------------------------------------------


@pytest.fixture
def api(staff_user):
    """A client holding an API token of a user with `role`."""

    def client_for(role: Role, username: str | None = None) -> Client:
        user = staff_user(role, username)
        _, token = AuthToken.objects.create(user)
        return Client(HTTP_AUTHORIZATION=f"Token {token}")

    return client_for


def post_move(client: Client, number: str, move: str, body=None):
    return client.post(
        f"/api/v1/requests/{number}/moves/{move}/", body or {}, content_type="application/json"
    )


def history(number: str) -> list[tuple[str, str]]:
    return list(
        RequestEvent.objects.filter(request__tracking_number=number)
        .exclude(event="status_link")
        .values_list("event", "what")
    )


def test_the_queue_for_privacy_officers(at, api, staff_user):
    received("PA-0000000001")  # due 7 December
    # Received Wednesday 21 October: due Wednesday 4 November, overdue.
    received("PA-0000000002", received_at=FRIDAY - datetime.timedelta(days=30))
    received("PA-0000000003", status=RequestStatus.UNVERIFIED)  # not open
    received("PA-0000000004", status=RequestStatus.TESTING)  # not open
    closed = received("PA-0000000005")
    PrivacyActRequest.objects.filter(pk=closed.pk).update(status="closed", closed_at=MONDAY)
    client = api(Role.PRIVACY_OFFICER, "olivia")
    workflow.make(
        PrivacyActRequest.objects.get(tracking_number="PA-0000000001"),
        "assign",
        actor=staff_user(Role.PRIVACY_OFFICER, "pat"),
        assignee=staff_user(Role.PRIVACY_OFFICER, "quinn"),
    )
    response = client.get("/api/v1/requests/")
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"tracking_number": "PA-0000000002", "kind": "access", "systems": ["usps-810-300"],
         "status": "received", "status_label": "Received", "assignee": None,
         "due_on": "2026-11-04"},
        {"tracking_number": "PA-0000000001", "kind": "access", "systems": ["usps-810-300"],
         "status": "received", "status_label": "Received", "assignee": "quinn",
         "due_on": "2026-12-07"},
    ]  # fmt: skip
    overdue = client.get("/api/v1/requests/?due=overdue").json()["results"]
    assert [row["tracking_number"] for row in overdue] == ["PA-0000000002"]
    assert client.get("/api/v1/requests/?status=waiting").json()["results"] == []


def test_the_queue_refuses_bad_filters(at, api):
    client = api(Role.PRIVACY_OFFICER)
    response = client.get("/api/v1/requests/?status=closed&due=soon")
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "status": [
            "must be one of answered, appealed, extended, in_progress, partial, received, waiting"
        ],
        "due": ["must be overdue"],
    }
    assert client.get("/api/v1/requests/?assignee=me").status_code == 400


@pytest.mark.parametrize(
    "role", [Role.AUDITOR, Role.RECORDS_OFFICER, Role.CUSTOMER_SERVICE, Role.SERVICE_ORDERS]
)
def test_the_queue_is_for_privacy_officers_only(at, api, role):
    received("PA-0000000001")
    response = api(role).get("/api/v1/requests/")
    assert response.status_code == 403
    assert response.json() == error(
        "permission_denied", "Only a privacy officer works Privacy Act requests."
    )


def test_the_queue_needs_a_token(at):
    assert Client().get("/api/v1/requests/").status_code == 401


def test_a_privacy_officer_works_a_request_over_the_api(at, api):
    received("PA-0000000001")
    client = api(Role.PRIVACY_OFFICER, "olivia")
    api(Role.PRIVACY_OFFICER, "quinn")
    response = post_move(client, "PA-0000000001", "start")
    assert (response.status_code, response.json()) == (200, {
        "tracking_number": "PA-0000000001", "status": "in_progress",
        "status_label": "Being worked", "due_on": "2026-12-07", "event": "start",
        "what": "Work started (Received → Being worked)",
    })  # fmt: skip
    assert post_move(client, "PA-0000000001", "assign", {"assignee": "quinn"}).status_code == 200
    assert post_move(client, "PA-0000000001", "acknowledge").status_code == 200
    response = post_move(
        client, "PA-0000000001", "extend",
        {"extended_to": "2027-01-15", "reason": "Records at another facility"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["due_on"] is None  # acknowledged: USPS puts no further date
    response = post_move(
        client, "PA-0000000001", "wait",
        {"pause_reason": "clarification", "asked_of_requester": "Which account?"},
    )  # fmt: skip
    assert response.json()["status"] == "waiting"
    request = PrivacyActRequest.objects.get()
    assert (request.assignee.username, request.asked_of_requester) == ("quinn", "Which account?")
    assert request.extended_to == datetime.date(2027, 1, 15)
    assert history("PA-0000000001") == [
        ("start", "Work started (Received → Being worked)"),
        ("assign", "Assigned to quinn"),
        ("acknowledge", "Acknowledged"),
        ("extend", "Time limit extended to January 15, 2027: Records at another facility "
                   "(Being worked → Extended)"),
        ("wait", "Waiting on the requester for: clarification of the request; clock stopped "
                 "(Extended → Waiting on the requester)"),
    ]  # fmt: skip
    assert {e.actor.username for e in RequestEvent.objects.exclude(event="status_link")} == {
        "olivia"
    }


def test_the_lifecycle_refuses_with_409_and_changes_nothing(at, api):
    received("PA-0000000001")
    client = api(Role.PRIVACY_OFFICER)
    for move, body, detail in (
        ("answer", {}, "Record the answer: not possible while the request is received."),
        ("resume", {}, "The requester answered: resume: not possible while the request is "
                       "received."),
        ("extend", {"extended_to": "2026-12-01", "reason": "Volume"},
         "The new date must be after the current one (December 7, 2026)."),
    ):  # fmt: skip
        response = post_move(client, "PA-0000000001", move, body)
        assert (response.status_code, response.json()) == (409, error("conflict", detail)), move
    post_move(client, "PA-0000000001", "start")
    response = post_move(client, "PA-0000000001", "answer")
    assert (response.status_code, response.json()) == (
        409,
        error("conflict", "Accept the requester's identity before answering."),
    )
    assert PrivacyActRequest.objects.get().status == "in_progress"
    assert history("PA-0000000001") == [("start", "Work started (Received → Being worked)")]


def test_malformed_details_are_a_400_naming_the_field(at, api):
    received("PA-0000000001")
    client = api(Role.PRIVACY_OFFICER)
    api(Role.AUDITOR)
    for move, body, expected in (
        ("wait", {"pause_reason": "identity"},
         error("invalid", "Invalid input.", {"asked_of_requester": ["This field is required."]})),
        ("wait", {"pause_reason": "lunch", "asked_of_requester": "ID"},
         error("invalid", "Invalid input.", {"pause_reason": [
             "Select a valid choice. lunch is not one of the available choices."]})),
        ("extend", {"extended_to": "next week", "reason": "Volume"},
         error("invalid", "Invalid input.", {"extended_to": ["Enter a valid date."]})),
        ("assign", {"assignee": "auditor-test"},
         error("invalid", "Invalid input.", {"assignee": [
             "Select a valid choice. That choice is not one of the available choices."]})),
        ("start", {"status": "closed"},
         error("invalid", "Invalid input.", {"status": ["Start work takes no status."]})),
    ):  # fmt: skip
        response = post_move(client, "PA-0000000001", move, body)
        assert (response.status_code, response.json()) == (400, expected), move
    response = client.post(
        "/api/v1/requests/PA-0000000001/moves/start/", "[1]", content_type="application/json"
    )
    assert response.json() == error("invalid", "Send the move's details as an object.")
    assert history("PA-0000000001") == []


@pytest.mark.parametrize(
    "role", [Role.AUDITOR, Role.RECORDS_OFFICER, Role.CUSTOMER_SERVICE, Role.SERVICE_ORDERS]
)
def test_other_roles_may_not_move_a_request(at, api, role):
    received("PA-0000000001")
    client = api(role)
    for number in ("PA-0000000001", "PA-9999999999"):  # the same answer either way
        response = post_move(client, number, "start")
        assert (response.status_code, response.json()) == (
            403,
            error("permission_denied", "Start work: not for your role."),
        )
    assert PrivacyActRequest.objects.get().status == "received"
    assert history("PA-0000000001") == []


def test_unknown_moves_and_numbers_are_404(at, api):
    received("PA-0000000001")
    client = api(Role.PRIVACY_OFFICER)
    assert post_move(client, "PA-0000000001", "teleport").json() == {
        **NOT_FOUND,
        "detail": "There is no such move.",
    }
    # The requester's own move is not staff's to make.
    assert post_move(client, "PA-0000000001", "verify").status_code == 404
    response = post_move(client, "PA-9999999999", "start")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_moves_need_a_token(at):
    received("PA-0000000001")
    assert post_move(Client(), "PA-0000000001", "start").status_code == 401
