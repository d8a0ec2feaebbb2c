"""Issue 12, item 1: one lifecycle module decides which move may follow which status and
who may make it; every move is an event; the clocks run in each agency's working days
(weekends and U.S. federal holidays out), stop while the office waits on the requester,
and move with an extension or a holiday added to the calendar."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from access_requests import clocks, workflow
from access_requests.models import PrivacyActRequest, RequestEvent, RequestStatus
from access_requests.tasks import remind_assignees
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS, MINT = "usps-810-300", "mint-009"
# Friday 20 November 2026, the week before Thanksgiving (26 November).
FRIDAY = timezone.make_aware(datetime.datetime(2026, 11, 20, 10))


def received(systems=(USPS,), kind="access", **fields) -> PrivacyActRequest:
    fields.setdefault("received_at", FRIDAY)
    request = PrivacyActRequest.objects.create(
        kind=kind, systems=list(systems), status=RequestStatus.RECEIVED, **fields
    )
    workflow.recompute_due_dates([request])
    request.refresh_from_db()
    return request


# Which move follows which status: written out, not computed --------------------------

OFFERED = {
    "received": ["assign", "acknowledge", "accept_identity", "start", "wait", "extend", "close"],
    "in_progress": ["assign", "acknowledge", "accept_identity", "wait", "extend",
                    "answer_part", "answer", "close"],
    "waiting": ["assign", "acknowledge", "accept_identity", "resume", "close"],
    "extended": ["assign", "acknowledge", "accept_identity", "wait", "extend", "answer_part",
                 "answer", "close"],
    "partial": ["assign", "acknowledge", "accept_identity", "wait", "extend", "answer",
                "close"],
    "answered": ["assign", "appeal", "close"],
    "appealed": ["assign", "extend", "acknowledge_appeal", "decide_appeal", "close"],
    "closed": [],
    "unverified": [],
    "testing": [],
}  # fmt: skip


@pytest.mark.parametrize("status", list(OFFERED))
def test_moves_offered_to_a_privacy_officer_in_each_status(officer, status):
    request = PrivacyActRequest(kind="access", systems=[USPS], status=status)
    assert [m.name for m in workflow.moves_for(request, officer)] == OFFERED[status]


@pytest.mark.parametrize(
    "role", [Role.CUSTOMER_SERVICE, Role.RECORDS_OFFICER, Role.AUDITOR, Role.SECURITY_ADMIN]
)
def test_no_other_role_moves_a_request(staff_user, role):
    request = received()
    user = staff_user(role)
    assert workflow.moves_for(request, user) == []
    with pytest.raises(workflow.MoveRefused, match="not for your role"):
        workflow.make(request, "start", actor=user)
    assert PrivacyActRequest.objects.get().status == "received"
    assert not RequestEvent.objects.exists()


def test_a_move_the_lifecycle_does_not_allow_changes_nothing(officer):
    request = received()
    with pytest.raises(workflow.MoveRefused, match="not possible while the request is received"):
        workflow.make(request, "answer", actor=officer)
    with pytest.raises(workflow.MoveRefused, match="There is no move 'teleport'"):
        workflow.make(request, "teleport", actor=officer)
    assert PrivacyActRequest.objects.get().status == "received"
    assert not RequestEvent.objects.exists()


def test_nothing_is_answered_before_identity_is_accepted(officer):
    request = received()
    workflow.make(request, "start", actor=officer)
    with pytest.raises(workflow.MoveRefused, match="Accept the requester's identity"):
        workflow.make(request, "answer", actor=officer)
    assert request.status == "in_progress"
    workflow.make(request, "accept_identity", actor=officer, method="documents")
    workflow.make(request, "answer", actor=officer)
    assert request.status == "answered"
    assert [e.what for e in request.events.all()] == [
        "Work started (Received → Being worked)",
        "Identity accepted: Identity documents",
        "Answered (Being worked → Answered (appeal period open))",
    ]
    assert all(e.actor == officer for e in request.events.all())


def test_moves_refuse_what_they_lack(officer):
    request = received()
    for name, details, message in (
        ("wait", {"pause_reason": "identity", "asked_of_requester": "  "},
         "Say what the requester is asked for"),
        ("wait", {"pause_reason": "lunch", "asked_of_requester": "Send ID"},
         "Say what the office waits for"),
        ("wait", {}, "give pause_reason, asked_of_requester"),
        ("extend", {"extended_to": datetime.date(2026, 12, 1), "reason": "Volume"},
         re.escape("The new date must be after the current one (December 7, 2026).")),
        ("extend", {"extended_to": datetime.date(2027, 1, 20), "reason": " "},
         "Give the reason for the extension"),
        ("close", {"reason": ""}, "Give the reason for closing"),
        ("accept_identity", {"method": "a hunch"}, "Say how identity was established"),
    ):  # fmt: skip
        with pytest.raises(workflow.MoveRefused, match=message):
            workflow.make(request, name, actor=officer, **details)
    assert PrivacyActRequest.objects.get().status == "received"
    assert not RequestEvent.objects.exists()


def test_only_a_privacy_officer_is_assigned(officer, staff_user):
    request = received()
    with pytest.raises(workflow.MoveRefused, match="Only a privacy officer"):
        workflow.make(request, "assign", actor=officer, assignee=staff_user(Role.AUDITOR))
    workflow.make(request, "assign", actor=officer, assignee=officer)
    assert request.assignee == officer


# Clocks ---------------------------------------------------------------------------------


def test_usps_acknowledgment_in_ten_working_days_over_thanksgiving():
    # 23, 24, 25 (26 is Thanksgiving), 27, 30 November, 1–4 and 7 December.
    assert received([USPS]).due_on == datetime.date(2026, 12, 7)


def test_usps_amendment_decided_in_thirty_working_days_once_acknowledged(officer):
    request = received([USPS], kind="amendment")
    assert request.due_on == datetime.date(2026, 12, 7)
    workflow.make(request, "acknowledge", actor=officer)
    # Thirty working days from 20 November: Christmas Day and New Year's Day skipped.
    assert request.due_on == datetime.date(2027, 1, 6)


def test_usps_access_has_no_date_once_acknowledged(officer):
    # 39 CFR 266 gives access no time limit past the acknowledgment: no date is made up.
    request = received([USPS])
    workflow.make(request, "acknowledge", actor=officer)
    assert request.due_on is None


def test_mint_access_decided_in_thirty_working_days():
    assert received([MINT]).due_on == datetime.date(2027, 1, 6)


def test_mint_amendment_acknowledged_in_ten_working_days():
    assert received([MINT], kind="amendment").due_on == datetime.date(2026, 12, 7)


def test_a_request_to_both_agencies_is_due_at_the_earlier_date():
    request = received([MINT, USPS])
    assert request.due_on == datetime.date(2026, 12, 7)
    assert [(d.agency.short_name, d.due) for d in workflow.deadlines(request)] == [
        ("the Mint", datetime.date(2027, 1, 6)),
        ("the Postal Service", datetime.date(2026, 12, 7)),
    ]


def test_waiting_on_the_requester_stops_the_clock(officer, at):
    request = received([MINT])
    at(timezone.make_aware(datetime.datetime(2026, 11, 30, 9)))  # Monday
    workflow.make(request, "start", actor=officer)
    workflow.make(
        request, "wait", actor=officer, pause_reason="identity",
        asked_of_requester="Send a copy of a photo identity document.",
    )  # fmt: skip
    assert request.status == "waiting" and request.due_on is None
    assert request.asked_of_requester == "Send a copy of a photo identity document."
    at(timezone.make_aware(datetime.datetime(2026, 12, 4, 15)))  # Friday
    workflow.make(request, "resume", actor=officer)
    # Paused 1–4 December: four working days added to the thirty.
    assert workflow.paused_working_days(request) == 4
    assert request.due_on == datetime.date(2027, 1, 12)
    assert request.asked_of_requester == ""
    assert request.events.last().what == (
        "The requester answered; clock restarted (4 working days paused) "
        "(Waiting on the requester → Being worked)"
    )


def test_an_extension_moves_the_date_with_its_reason(officer):
    request = received([MINT])
    workflow.make(request, "start", actor=officer)
    workflow.make(
        request, "extend", actor=officer, extended_to=datetime.date(2027, 1, 20),
        reason="Records held off site",
    )  # fmt: skip
    assert (request.status, request.due_on) == ("extended", datetime.date(2027, 1, 20))
    assert request.events.last().what == (
        "Time limit extended to January 20, 2027: Records held off site (Being worked → Extended)"
    )


def test_a_holiday_added_to_the_calendar_moves_open_due_dates(monkeypatch):
    request = received([USPS])
    assert request.due_on == datetime.date(2026, 12, 7)
    real = clocks.federal_holidays

    def with_a_new_holiday(year):
        extra = {datetime.date(2026, 12, 2)} if year == 2026 else set()
        return real(year) | extra

    monkeypatch.setattr(clocks, "federal_holidays", with_a_new_holiday)
    assert workflow.recompute_due_dates() == 1
    request.refresh_from_db()
    assert request.due_on == datetime.date(2026, 12, 8)


def test_a_verified_web_request_is_due_from_its_verification(client):
    from django.core.cache import cache

    cache.clear()
    client.post(
        "/privacy/requests/new/",
        {
            "kind": "access", "systems": [USPS], "requester_name": "Wren Example",
            "requester_email": "wren@example.org", "id_order_number": "81030012345",
            "declared_name": "Wren Example", "declared_on": timezone.localdate().isoformat(),
            "declaration": "on",
        },
    )  # fmt: skip
    request = PrivacyActRequest.objects.get()
    assert request.due_on is None  # unverified: never worked, on no clock
    (link,) = re.findall(r"http://testserver(/\S+)", mail.outbox[0].body)
    client.post(link)
    request.refresh_from_db()
    expected = clocks.add_days(
        timezone.localtime(request.received_at).date(), 10, clocks.DayCount.WORKING
    )
    assert request.due_on == expected


# The queue and the reminders --------------------------------------------------------------


def test_the_queue_shows_and_filters_deadlines(officer, at):
    at(timezone.make_aware(datetime.datetime(2026, 12, 3, 9)))  # Thursday 3 December
    late = received([USPS], received_at=FRIDAY - datetime.timedelta(days=14))
    soon = received([USPS])  # due 7 December: two working days ahead
    later = received([MINT])  # due 6 January
    client = Client()
    client.force_login(officer)
    page = client.get("/admin/access_requests/privacyactrequest/")
    text = page.content.decode()
    assert "Overdue by" in text and "Due in 2 working days" in text
    rows = [r.tracking_number for r in page.context["cl"].result_list]
    assert rows == [late.tracking_number, soon.tracking_number, later.tracking_number]
    overdue = client.get("/admin/access_requests/privacyactrequest/?due=overdue")
    assert [r.pk for r in overdue.context["cl"].result_list] == [late.pk]
    due_soon = client.get("/admin/access_requests/privacyactrequest/?due=soon")
    assert [r.pk for r in due_soon.context["cl"].result_list] == [soon.pk]
    mint = client.get(f"/admin/access_requests/privacyactrequest/?system={MINT}")
    assert [r.pk for r in mint.context["cl"].result_list] == [later.pk]


def test_a_move_through_its_admin_page(officer):
    request = received([USPS])
    client = Client()
    client.force_login(officer)
    page = client.get(f"/admin/access_requests/privacyactrequest/{request.pk}/change/")
    assert f"/admin/access_requests/privacyactrequest/{request.pk}/move/start/" in (
        page.content.decode()
    )
    url = f"/admin/access_requests/privacyactrequest/{request.pk}/move/extend/"
    refused = client.post(url, {"extended_to": "2026-12-01", "reason": "Volume"})
    assert refused.status_code == 200
    assert "The new date must be after the current one" in refused.content.decode()
    done = client.post(url, {"extended_to": "2027-01-20", "reason": "Volume"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.due_on) == ("extended", datetime.date(2027, 1, 20))
    # The delay notice goes with an extension: its page comes next, the move's new date
    # and reason in it.
    letter_url = f"/admin/access_requests/privacyactrequest/{request.pk}/letters/new/delay_notice/"
    assert done["Location"] == letter_url
    page = client.get(letter_url).content.decode()
    assert "Now send the delay notice that goes with it." in page
    # A move no letter goes with returns to the request.
    closed = client.post(
        f"/admin/access_requests/privacyactrequest/{request.pk}/move/close/",
        {"reason": "Withdrawn by the requester"},
    )
    assert closed["Location"].endswith(f"/privacyactrequest/{request.pk}/change/")


def test_other_roles_reach_no_move_page(staff_user):
    request = received([USPS])
    client = Client()
    client.force_login(staff_user(Role.CUSTOMER_SERVICE))
    url = f"/admin/access_requests/privacyactrequest/{request.pk}/move/start/"
    assert client.post(url).status_code == 403
    assert PrivacyActRequest.objects.get().status == "received"


def test_each_assignee_is_reminded_of_what_falls_due(officer, staff_user, at):
    at(timezone.make_aware(datetime.datetime(2026, 12, 3, 9)))
    officer.email = "officer@example.gov"
    officer.save()
    other = staff_user(Role.PRIVACY_OFFICER, username="second-officer")
    other.email = "second@example.gov"
    other.save()
    due = received([USPS], assignee=officer)
    received([MINT], assignee=officer)  # due in January: not yet
    received([MINT], assignee=other)
    assert remind_assignees() == 1
    (message,) = mail.outbox
    assert message.to == ["officer@example.gov"]
    assert message.subject == "Privacy Act requests due: 1"
    assert f"{due.tracking_number}  Access to records (552a(d)(1))  due December 7, 2026" in (
        message.body
    )


def test_the_status_page_shows_the_pause_and_the_extension(officer, client):
    from access_requests.verification import issue_status_token

    request = received([MINT])
    token = issue_status_token(request)
    workflow.make(request, "start", actor=officer)
    workflow.make(
        request, "extend", actor=officer, extended_to=datetime.date(2027, 1, 20),
        reason="Records held off site",
    )  # fmt: skip
    page = client.get(f"/privacy/requests/status/{token}/").content.decode()
    assert "Extended (time limit extended to January 20, 2027: Records held off site)" in page
    assert "decide whether to grant access by <strong>January 20, 2027</strong>" in page
    workflow.make(
        request, "wait", actor=officer, pause_reason="clarification",
        asked_of_requester="Which years of orders do you mean?",
    )  # fmt: skip
    page = client.get(f"/privacy/requests/status/{token}/").content.decode()
    assert "Which years of orders do you mean?" in page
    assert "The time limit stands still until we have your answer." in page
    assert "When to expect an answer" not in page


# Appeals ----------------------------------------------------------------------------------


def answered(systems, officer) -> PrivacyActRequest:
    request = received(systems)
    workflow.make(request, "start", actor=officer)
    workflow.make(request, "accept_identity", actor=officer, method="in_person")
    workflow.make(request, "answer", actor=officer)
    return request


def test_a_mint_appeal_runs_on_its_own_clocks(officer, at):
    request = answered([MINT], officer)
    at(timezone.make_aware(datetime.datetime(2027, 1, 4, 10)))  # Monday 4 January 2027
    workflow.make(request, "appeal", actor=officer)
    # 31 CFR 1.27(e): acknowledged within 10 working days; 18 January is Martin Luther
    # King Jr. Day.
    assert (request.status, request.due_on) == ("appealed", datetime.date(2027, 1, 19))
    workflow.make(request, "acknowledge_appeal", actor=officer)
    # Decided within 30 working days: 15 February is Washington's Birthday.
    assert request.due_on == datetime.date(2027, 2, 17)
    workflow.make(
        request, "decide_appeal", actor=officer, outcome="denied",
        reason="The records are accurate as kept",
    )  # fmt: skip
    assert (request.status, request.appeal_outcome, request.due_on) == (
        "closed", "denied", None
    )  # fmt: skip
    assert request.closed_at is not None
    assert request.appeal_decision_reasons == "The records are accurate as kept"
    assert request.events.last().what == "Appeal decided: denied (Under appeal → Closed)"


def test_a_usps_appeal_has_no_date_the_regulations_do_not_give(officer):
    request = answered([USPS], officer)
    workflow.make(request, "appeal", actor=officer)
    assert (request.status, request.due_on) == ("appealed", None)


def test_a_request_not_answered_in_time_may_be_appealed(officer, at):
    request = received([MINT])
    workflow.make(request, "start", actor=officer)
    assert "appeal" not in [m.name for m in workflow.moves_for(request, officer)]
    with pytest.raises(workflow.MoveRefused, match="not answered in time"):
        workflow.make(request, "appeal", actor=officer)
    at(timezone.make_aware(datetime.datetime(2027, 1, 7, 9)))  # the day after it was due
    assert "appeal" in [m.name for m in workflow.moves_for(request, officer)]
    workflow.make(request, "appeal", actor=officer)
    assert request.events.last().what == (
        "Appeal received: the request was not answered in time (Being worked → Under appeal)"
    )


def test_closing_a_waiting_request_asks_nothing_more_of_the_requester(officer):
    request = received([USPS])
    workflow.make(request, "start", actor=officer)
    workflow.make(
        request, "wait", actor=officer, pause_reason="identity",
        asked_of_requester="Send a copy of a photo identity document.",
    )  # fmt: skip
    workflow.make(request, "close", actor=officer, reason="No answer from the requester")
    assert (request.status, request.asked_of_requester, request.pause_reason) == (
        "closed", "", ""
    )  # fmt: skip
    assert request.paused_at is None
