"""Issue 12, "Done when": the clocks across weekends, federal holidays (including a
holiday added later) and pauses, for both agencies. test_workflow.py already shows the
Postal Service's acknowledgment over Thanksgiving, the Mint's determination over
Christmas and New Year's Day, a Mint pause inside one week, a holiday added later for the
Postal Service, and a request to both agencies due at the earlier date; these are the
rest: a clock started on a day off, a pause over a weekend and a holiday, a pause of a
request to both agencies, and a holiday added later for the Mint, found by the daily run.

Every date is counted by hand in the comment beside it."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from access_requests import clocks, workflow
from access_requests.models import PrivacyActRequest, RequestStatus
from access_requests.tasks import remind_assignees
from access_requests.verification import issue_status_token

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS, MINT = "usps-810-300", "mint-009"


def moment(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


FRIDAY = moment(2026, 11, 20)  # the week before Thanksgiving (Thursday 26 November)


def received(systems, at_moment=FRIDAY, kind="access") -> PrivacyActRequest:
    request = PrivacyActRequest.objects.create(
        kind=kind, systems=list(systems), status=RequestStatus.RECEIVED, received_at=at_moment
    )
    workflow.recompute_due_dates([request])
    request.refresh_from_db()
    return request


def dates(request: PrivacyActRequest) -> list[tuple[str, datetime.date]]:
    return [(d.agency.short_name, d.due) for d in workflow.deadlines(request)]


def wait_and_resume(request, officer, at, paused, resumed) -> None:
    at(paused)
    workflow.make(
        request, "wait", actor=officer, pause_reason="identity",
        asked_of_requester="Send a copy of a photo identity document.",
    )  # fmt: skip
    at(resumed)
    workflow.make(request, "resume", actor=officer)


@pytest.fixture
def calendar(monkeypatch):
    """Add days to the U.S. federal calendar, as a new release of the `holidays` package
    (or an executive order it takes in) would."""

    def add(*days: datetime.date) -> None:
        real = clocks.federal_holidays

        def with_added(year: int) -> frozenset[datetime.date]:
            return real(year) | {day for day in days if day.year == year}

        monkeypatch.setattr(clocks, "federal_holidays", with_added)

    return add


# A clock started on a day off -------------------------------------------------------------


def test_a_usps_request_received_on_thanksgiving_counts_from_the_friday():
    # Day 1 is Friday 27 November; 30 November and 1–4 December are days 2–6; 7–10
    # December days 7–10.
    request = received([USPS], moment(2026, 11, 26))
    assert dates(request) == [("the Postal Service", datetime.date(2026, 12, 10))]


def test_a_mint_request_received_on_a_saturday_counts_from_the_monday():
    # Day 1 is Monday 21 December: 21–24 (4), Christmas off, 28–31 (8), New Year's Day
    # off, 4–8 January (13), 11–15 (18), Martin Luther King Jr. Day (18th) off, 19–22
    # (22), 25–29 (27), 1–3 February (30).
    request = received([MINT], moment(2026, 12, 19))
    assert dates(request) == [("the Mint", datetime.date(2027, 2, 3))]


# Pauses ---------------------------------------------------------------------------------


def test_a_usps_pause_over_a_weekend_and_thanksgiving_adds_only_its_working_days(officer, at):
    request = received([USPS])
    assert request.due_on == datetime.date(2026, 12, 7)
    # Waiting from Tuesday 24 to Monday 30 November: the 25th, 27th and 30th are working
    # days; Thanksgiving and the weekend are not.
    wait_and_resume(request, officer, at, moment(2026, 11, 24), moment(2026, 11, 30))
    assert workflow.paused_working_days(request) == 3
    # Thirteen working days from 20 November: 23, 24, 25, 27, 30 November, 1–4, 7–10
    # December.
    assert request.due_on == datetime.date(2026, 12, 10)


def test_a_pause_stops_both_agencies_clocks_and_adds_to_both(officer, at, client):
    request = received([MINT, USPS])
    token = issue_status_token(request)
    assert dates(request) == [
        ("the Mint", datetime.date(2027, 1, 6)),
        ("the Postal Service", datetime.date(2026, 12, 7)),
    ]
    at(moment(2026, 11, 30))
    workflow.make(request, "start", actor=officer)
    workflow.make(
        request, "wait", actor=officer, pause_reason="consent",
        asked_of_requester="Send the signed consent of the person you ask for.",
    )  # fmt: skip
    assert (dates(request), request.due_on) == ([], None)
    page = client.get(f"/privacy/requests/status/{token}/").content.decode()
    assert "The time limit stands still until we have your answer." in page
    # Four working days stood still: 1–4 December.
    at(moment(2026, 12, 4))
    workflow.make(request, "resume", actor=officer)
    assert workflow.paused_working_days(request) == 4
    assert dates(request) == [
        ("the Mint", datetime.date(2027, 1, 12)),  # 6 January + 7, 8, 11, 12
        ("the Postal Service", datetime.date(2026, 12, 11)),  # 7 December + 8, 9, 10, 11
    ]
    assert request.due_on == datetime.date(2026, 12, 11)
    page = client.get(f"/privacy/requests/status/{token}/").content.decode()
    assert "The Mint must decide whether to grant access by <strong>January 12, 2027" in page
    assert "The Postal Service must acknowledge your request by <strong>December 11, 2026" in page


# A holiday added later ------------------------------------------------------------------


def test_a_holiday_added_later_moves_open_mint_dates_at_the_next_daily_run(officer, at, calendar):
    mint = received([MINT])
    both = received([MINT, USPS])
    closed = received([MINT])
    workflow.make(closed, "close", actor=officer, reason="Withdrawn by the requester")
    assert mint.due_on == datetime.date(2027, 1, 6)
    assert both.due_on == datetime.date(2026, 12, 7)

    # Thursday 24 December 2026 declared a holiday.
    calendar(datetime.date(2026, 12, 24))
    at(moment(2026, 12, 1, 6))
    remind_assignees()  # the daily beat task recomputes open requests first

    mint.refresh_from_db()
    both.refresh_from_db()
    closed.refresh_from_db()
    # The thirtieth working day is now Thursday 7 January.
    assert mint.due_on == datetime.date(2027, 1, 7)
    # The Postal Service's acknowledgment, due before the new holiday, stays; the Mint's
    # date of the same request moves.
    assert both.due_on == datetime.date(2026, 12, 7)
    assert dates(both) == [
        ("the Mint", datetime.date(2027, 1, 7)),
        ("the Postal Service", datetime.date(2026, 12, 7)),
    ]
    assert closed.due_on is None


def test_the_queue_shows_the_moved_date(officer, at, calendar):
    request = received([MINT])
    calendar(datetime.date(2026, 12, 24))
    at(moment(2026, 12, 1, 6))
    remind_assignees()
    staff = Client()
    staff.force_login(officer)
    queue = staff.get("/admin/access_requests/privacyactrequest/").content.decode()
    assert request.tracking_number in queue
    # 2–4, 7–11, 14–18, 21–23, 28–31 December, 4–7 January: 24 working days.
    assert "Jan 7, 2027 (24 working days)" in queue


def test_a_holiday_added_later_inside_a_past_pause_leaves_the_date(officer, at, calendar):
    request = received([MINT])
    # Waiting from Monday 21 to Monday 28 December: 22, 23, 24 and 28 December.
    wait_and_resume(request, officer, at, moment(2026, 12, 21), moment(2026, 12, 28))
    assert workflow.paused_working_days(request) == 4
    # Thirty-four working days from 20 November: 6 January + 7, 8, 11, 12.
    assert request.due_on == datetime.date(2027, 1, 12)

    calendar(datetime.date(2026, 12, 24))  # a day the clock stood still
    workflow.recompute_due_dates()
    request.refresh_from_db()
    assert request.due_on == datetime.date(2027, 1, 12)
