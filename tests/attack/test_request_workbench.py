"""Attacks on the staff side of Privacy Act requests (the workbench): moves, the admin's
request pages, the API, packages, letters and reports. Each test says the expected
behaviour literally."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from access_requests import letters, packages, workflow
from access_requests.models import Letter, PrivacyActRequest, RequestStatus
from sorn.constants import Role
from tests.access_requests.test_packages import SYSTEMS, access_request, held_person

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

BASE = "/admin/access_requests/privacyactrequest/"
OTHER_ROLES = [role for role in Role if role != Role.PRIVACY_OFFICER]


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


# Letters ---------------------------------------------------------------------------------

LETTER_OFFICIAL = {"official_name": "Pat Official", "official_title": "Privacy Act Officer"}


def received_request(officer, systems=("mint-009",)) -> PrivacyActRequest:
    request = PrivacyActRequest.objects.create(
        kind="access",
        systems=list(systems),
        status=RequestStatus.RECEIVED,
        requester_name="Ada Example",
        requester_email="ada@example.com",
    )
    workflow.make(request, "start", actor=officer)
    return request


def test_no_determination_letter_before_identity_is_accepted(officer, mailoutbox):
    """A determination says what the systems hold of the requester (even "no records"):
    it is not sent before staff accept the requester's identity; a denial (which may be
    for want of identity) still can be."""
    request = received_request(officer)
    with pytest.raises(letters.LetterRefused):
        letters.send(
            request, "determination", officer, decision="Your records are enclosed.",
            **LETTER_OFFICIAL,
        )  # fmt: skip
    assert mailoutbox == [] and not request.letters.exists()
    response = client_of(officer).post(
        f"{BASE}{request.pk}/letters/new/determination/",
        {"send": "1", "decision": "The system holds no records about you.", **LETTER_OFFICIAL},
    )
    assert response.status_code == 200
    assert mailoutbox == [] and not request.letters.exists()
    workflow.make(request, "accept_identity", actor=officer, method="documents")
    letters.send(
        request, "determination", officer, decision="Your records are enclosed.",
        **LETTER_OFFICIAL,
    )  # fmt: skip
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("invisible", ["\u200b", "\u00a0\u200b", "\u2060", "\ufeff", "\u200e"])
def test_a_required_element_made_of_invisible_characters_is_missing(officer, invisible):
    """The reasons of a denial, or the official's name, typed as a zero-width space or
    another character that shows nothing, are not given: the letter is refused."""
    request = received_request(officer)
    draft = letters.draft(request, "denial", reasons=invisible, **LETTER_OFFICIAL)
    assert "the reasons" in letters.check(draft)
    draft = letters.draft(
        request, "denial", reasons="Exempt.", official_name=invisible, official_title="Officer"
    )
    assert "the name and title of the official responsible" in letters.check(draft)
    with pytest.raises(letters.LetterRefused):
        letters.send(request, "denial", officer, reasons=invisible, **LETTER_OFFICIAL)
    assert not request.letters.exists()


# A correction of the systems and the matches it leaves behind ----------------------------


def test_a_system_dropped_by_a_correction_takes_its_matches_with_it(officer):
    """Staff confirmed the requester in USPS 810.300, then corrected the request to ask
    about the Mint only. The 810.300 match is no longer confirmed: it keeps nothing
    from purging there, and it does not block the package of the systems still asked
    (a confirmed match cannot be undone, so a refusal would block the package for good).
    The history says so, without a value."""
    from access_requests.constants import MatchState
    from access_requests.matching import confirmed_people
    from access_requests.models import RequestMatch
    from access_requests.services import correct_request

    wren, _ = held_person()
    request = access_request(officer, systems=["mint-009", "usps-810-300"])
    for system in ("mint-009", "usps-810-300"):
        RequestMatch.objects.create(
            request=request, system=system, person=wren, why=["email"],
            state=MatchState.CONFIRMED, decided_by=officer, decided_at=timezone.now(),
        )  # fmt: skip
    correct_request(request, changes={"systems": ["mint-009"]}, actor=officer)
    # The freeze (retention.eligibility) reads confirmed RequestMatch rows: none is left
    # in the system dropped; its match is undecided again (were the system asked again,
    # staff would decide again).
    assert list(
        request.matches.filter(state=MatchState.CONFIRMED).values_list("system", flat=True)
    ) == ["mint-009"]
    assert request.matches.get(system="usps-810-300").state == MatchState.CANDIDATE
    assert request.events.filter(event="corrected", what__contains="810.300").exists()
    documents = packages.prepare(request, officer, confirmed_people(request))
    assert len(documents) == 2


# Input that found nothing to break (kept so it stays so) ---------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"reason": "Withdrawn\x00"},
        {"reason": "x" * 10_000},
        {"reason": "<script>alert(1)</script>" * 20},
    ],
)
def test_a_close_move_with_bad_input_changes_nothing(officer, data):
    request = access_request(officer, systems=["mint-009"])
    events = request.events.count()
    response = client_of(officer).post(f"{BASE}{request.pk}/move/close/", data)
    assert response.status_code in (200, 302)
    request.refresh_from_db()
    if response.status_code == 200:
        assert request.status != RequestStatus.CLOSED and request.events.count() == events
    assert "<script>" not in client_of(officer).get(f"{BASE}{request.pk}/change/").content.decode()


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060\u200b", "\ufeff"])
def test_a_reason_that_shows_nothing_is_no_reason(officer, invisible):
    """Closing, extending and waiting need a reason (or what is asked): one made of
    zero-width characters is refused as an empty one, and nothing changes."""
    request = access_request(officer, systems=["mint-009"])
    later = timezone.localdate() + datetime.timedelta(days=400)
    for name, details in (
        ("close", {"reason": invisible}),
        ("extend", {"extended_to": later, "reason": invisible}),
        ("wait", {"pause_reason": "identity", "asked_of_requester": invisible}),
    ):
        with pytest.raises(workflow.MoveRefused):
            workflow.make(request, name, actor=officer, **details)
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS and request.extended_to is None


def test_a_delay_notice_expecting_a_decision_on_a_day_gone_is_refused(officer):
    """31 CFR 1.26(g)(1): the requester is told the date by which a decision is
    expected; a day already gone is no such date."""
    request = received_request(officer)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    draft = letters.draft(
        request, "delay_notice", delay_reason="Backlog", expected_on=yesterday, **LETTER_OFFICIAL
    )
    assert letters.check(draft) == ["the date by which a decision is expected"]
    with pytest.raises(letters.LetterRefused):
        letters.send(
            request, "delay_notice", officer, delay_reason="Backlog", expected_on=yesterday,
            **LETTER_OFFICIAL,
        )  # fmt: skip
    assert not request.letters.exists()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    draft = letters.draft(
        request, "delay_notice", delay_reason="Backlog", expected_on=tomorrow, **LETTER_OFFICIAL
    )
    assert letters.check(draft) == []
