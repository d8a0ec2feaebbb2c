"""Issue 12, item 8: reports per period and system — received, completed, median and 90th
percentile working days to acknowledge and to answer (nearest rank), overdue now,
appeals; amendments granted and denied; appeal outcomes; CSV; privacy officers only."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from access_requests import workflow
from access_requests.models import Amendment, PrivacyActRequest, RequestEvent, RequestStatus
from access_requests.reports import nearest_rank, report
from sorn.constants import Role

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

USPS, MINT = "usps-810-300", "mint-009"
NOVEMBER = (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
REPORT_URL = "/admin/access_requests/privacyactrequest/report/"
CSV_URL = "/admin/access_requests/privacyactrequest/report/csv/"


def day(month: int, day_: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, month, day_, hour))


@pytest.fixture
def move(at, officer):
    """Make a move at a moment; its event is dated then too (workflow.make dates events by
    the service's clock)."""

    def make(request, name, when, **details):
        at(when)
        event = workflow.make(request, name, actor=officer, **details)
        assert event.at == when

    return make


def received(systems, when, status=RequestStatus.RECEIVED, kind="access"):
    request = PrivacyActRequest.objects.create(
        kind=kind, systems=list(systems), status=status, received_at=when
    )
    workflow.recompute_due_dates([request])
    request.refresh_from_db()
    return request


def answered(move, request, acknowledged, answered_at):
    if acknowledged is not None:
        move(request, "acknowledge", acknowledged)
    move(request, "start", acknowledged or request.received_at)
    move(request, "accept_identity", acknowledged or request.received_at, method="documents")
    move(request, "answer", answered_at)


@pytest.fixture
def november(move, at):
    """A month of requests, dates chosen across Veterans Day (Wednesday 11 November) and
    Thanksgiving (Thursday 26 November 2026); the report is run on Tuesday 1 December."""
    # A: USPS, received Mon 2, acknowledged Wed 4 (2 working days), answered Mon 16
    # (3, 4, 5, 6, 9, 10, 12, 13, 16: 9 working days).
    a = received([USPS], day(11, 2))
    answered(move, a, day(11, 4), day(11, 16))
    # B: both agencies, received Thu 5, acknowledged the same day (0), answered Fri 27
    # (6, 9, 10, 12, 13, 16–20, 23–25, 27: 14 working days), appealed Mon 30.
    b = received([USPS, MINT], day(11, 5))
    answered(move, b, day(11, 5, 15), day(11, 27))
    move(b, "appeal", day(11, 30))
    # C: the Mint, received Mon 9, acknowledged Tue 17 (10, 12, 13, 16, 17: 5), withdrawn
    # (closed without an answer) Fri 20: completed.
    c = received([MINT], day(11, 9))
    move(c, "acknowledge", day(11, 17))
    move(c, "close", day(11, 20), reason="Withdrawn by the requester")
    # D: USPS, received in October, answered Tue 3 November (Oct 29, 30, Nov 2, 3: 4).
    d = received([USPS], day(10, 28))
    answered(move, d, day(10, 28, 11), day(11, 3))
    # E: USPS, received Tue 10, never acknowledged: due Wed 25 (ten working days), overdue.
    received([USPS], day(11, 10))
    # H: the Mint, received Mon 2, waiting on the requester: no deadline runs, not overdue.
    h = received([MINT], day(11, 2))
    move(h, "wait", day(11, 3), pause_reason="identity", asked_of_requester="Send ID")
    # J: USPS, answered in October and closed in November: completed in October, not now.
    j = received([USPS], day(10, 20))
    answered(move, j, day(10, 20, 11), day(10, 30))
    move(j, "close", day(11, 4), reason="Appeal period over")
    # Never worked, or outside the period: in no count.
    received([USPS, MINT], day(11, 12), status=RequestStatus.UNVERIFIED)
    received([USPS, MINT], day(11, 12), status=RequestStatus.TESTING)
    received([USPS], day(12, 1, 9))
    at(day(12, 1, 12))


# The rule of percentiles, by hand ---------------------------------------------------------


@pytest.mark.parametrize(
    "values, percent, expected",
    [
        ([], 50, None),
        ([7], 50, 7),
        ([7], 90, 7),
        ([4, 1, 3, 2], 50, 2),  # rank ceil(2.0) = 2 of 1, 2, 3, 4
        ([4, 1, 3, 2], 90, 4),  # rank ceil(3.6) = 4
        ([5, 1, 3], 50, 3),  # rank ceil(1.5) = 2 of 1, 3, 5
        (list(range(1, 11)), 90, 9),  # rank ceil(9.0) = 9
        (list(range(1, 12)), 90, 10),  # rank ceil(9.9) = 10
        (list(range(1, 21)), 90, 18),
        ([0, 2], 90, 2),
        ([3, 3, 9], 100, 9),
    ],
)
def test_nearest_rank(values, percent, expected):
    assert nearest_rank(values, percent) == expected


# The report -------------------------------------------------------------------------------


def figures(row):
    return (
        row.received,
        row.completed,
        row.acknowledge_median,
        row.acknowledge_p90,
        row.answer_median,
        row.answer_p90,
        row.overdue_now,
        row.appeals,
    )


def test_november_per_system(november):
    rows = report(*NOVEMBER)
    assert [(row.system, figures(row)) for row in rows] == [
        # received, completed, acknowledge median/p90, answer median/p90, overdue, appeals
        (MINT, (3, 2, 0, 5, 14, 14, 0, 1)),  # B, C, H; B and C; B 0, C 5; B 14
        (USPS, (3, 3, 0, 2, 9, 14, 1, 1)),  # A, B, E; A, B, D; A 2, B 0; D 4, A 9, B 14
        ("usps-820-100", (0, 0, None, None, None, None, 0, 0)),
        ("usps-890-000", (0, 0, None, None, None, None, 0, 0)),
        # Each request once: A, B, C, E, H; A, B, C, D; 0, 2, 5; 4, 9, 14.
        ("", (5, 4, 2, 5, 9, 14, 1, 1)),
    ]


def test_amendments_decided_in_the_period_count_in_their_own_systems_row(november, officer):
    request = PrivacyActRequest.objects.exclude(status="unverified").first()

    def decided(system: str, decision: str, day: datetime.date | None) -> None:
        Amendment.objects.create(
            request=request, system=system, record_model="customers.Person", record_pk=1,
            field="family_name", sealed_requested=b"sealed", created_by=officer,
            decision=decision, decided_by=officer if day else None,
            decided_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
            if day else None,
        )  # fmt: skip

    decided(USPS, "granted", datetime.date(2026, 11, 3))
    decided(USPS, "granted", datetime.date(2026, 11, 30))
    decided(MINT, "denied", datetime.date(2026, 11, 12))
    decided(USPS, "denied", datetime.date(2026, 10, 31))  # before the period
    decided(USPS, "pending", None)
    rows = {
        row.system: (row.amendments_granted, row.amendments_denied) for row in report(*NOVEMBER)
    }
    assert rows == {
        MINT: (0, 1), USPS: (2, 0), "usps-820-100": (0, 0), "usps-890-000": (0, 0), "": (2, 1),
    }  # fmt: skip
    for row in report(*NOVEMBER):
        assert row.appeal_outcomes == "granted 0, partly granted 0, denied 0"


def test_appeal_outcomes_decided_in_the_period(november, officer):
    appealed = PrivacyActRequest.objects.get(status="appealed")
    workflow.make(
        appealed, "decide_appeal", actor=officer, outcome="partly",
        reason="Some of the records were corrected",
    )  # fmt: skip
    RequestEvent.objects.filter(request=appealed, event="decide_appeal").update(
        at=timezone.make_aware(datetime.datetime(2026, 11, 30, 15))
    )
    rows = report(*NOVEMBER)
    assert rows[-1].appeal_outcomes == "granted 0, partly granted 1, denied 0"


def test_one_system(november):
    rows = report(*NOVEMBER, system=MINT)
    assert [(row.system, figures(row)) for row in rows] == [(MINT, (3, 2, 0, 5, 14, 14, 0, 1))]


def test_a_shorter_period(november):
    # 1–6 November: A, B and H received; D answered on the 3rd; A and B acknowledged.
    rows = report(datetime.date(2026, 11, 1), datetime.date(2026, 11, 6))
    assert figures(rows[-1]) == (3, 1, 0, 2, 4, 4, 1, 0)


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends before it starts"):
        report(datetime.date(2026, 11, 30), datetime.date(2026, 11, 1))


# The admin page and its CSV ---------------------------------------------------------------

CSV = (
    "System,Received,Completed,"
    '"Working days to acknowledge, median","Working days to acknowledge, 90th percentile",'
    '"Working days to answer, median","Working days to answer, 90th percentile",'
    "Overdue now,Amendments granted,Amendments denied,Appeals received,Appeal outcomes\r\n"
    "Treasury/United States Mint .009 Order Management System,3,2,0,5,14,14,0,"
    '0,0,1,"granted 0, partly granted 0, denied 0"\r\n'
    '"USPS 810.300 Offline Registration, Payment, and Fulfillment",3,3,0,2,9,14,1,'
    '0,0,1,"granted 0, partly granted 0, denied 0"\r\n'
    "USPS 820.100 Mailer Services — Applications and Approvals,0,0,,,,,0,"
    '0,0,0,"granted 0, partly granted 0, denied 0"\r\n'
    '"USPS 890.000 Sales, Marketing, Events, and Publications",0,0,,,,,0,'
    '0,0,0,"granted 0, partly granted 0, denied 0"\r\n'
    "All systems,5,4,2,5,9,14,1,"
    '0,0,1,"granted 0, partly granted 0, denied 0"\r\n'
)


def test_a_privacy_officer_downloads_the_csv(november, officer):
    client = Client()
    client.force_login(officer)
    response = client.get(CSV_URL, {"start": "2026-11-01", "end": "2026-11-30"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="privacy-act-requests-2026-11-01-2026-11-30.csv"'
    )
    assert response.content.decode() == CSV


def test_the_csv_of_one_system(november, officer):
    client = Client()
    client.force_login(officer)
    response = client.get(CSV_URL, {"start": "2026-11-01", "end": "2026-11-30", "system": MINT})
    assert response["Content-Disposition"] == (
        'attachment; filename="privacy-act-requests-2026-11-01-2026-11-30-mint-009.csv"'
    )
    assert response.content.decode().splitlines() == [
        CSV.splitlines()[0],
        "Treasury/United States Mint .009 Order Management System,3,2,0,5,14,14,0,"
        '0,0,1,"granted 0, partly granted 0, denied 0"',
    ]


def test_the_report_page(november, officer):
    client = Client()
    client.force_login(officer)
    response = client.get(REPORT_URL, {"start": "2026-11-01", "end": "2026-11-30"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Privacy Act requests from November 1, 2026 to November 30, 2026" in page
    assert '<th scope="row">All systems</th><td>5</td><td>4</td><td>2</td><td>5</td>' in page
    assert "<td>—</td>" in page  # no request acknowledged: no median
    assert f"{CSV_URL}?start=2026-11-01&amp;end=2026-11-30" in page


def test_the_report_page_defaults_to_this_month(officer, at):
    at(day(12, 9, 12))
    client = Client()
    client.force_login(officer)
    page = client.get(REPORT_URL).content.decode()
    assert "Privacy Act requests from December 1, 2026 to December 9, 2026" in page


def test_a_bad_period_is_said(officer):
    client = Client()
    client.force_login(officer)
    response = client.get(REPORT_URL, {"start": "2026-11-30", "end": "2026-11-01"})
    assert response.status_code == 200
    assert "The period ends before it starts." in response.content.decode()
    assert '<table id="report">' not in response.content.decode()
    response = client.get(CSV_URL, {"start": "2026-11-30", "end": "2026-11-01"})
    assert response.status_code == 400
    assert response.content.decode() == "The period ends before it starts."


@pytest.mark.parametrize(
    "role",
    [Role.RECORDS_OFFICER, Role.CUSTOMER_SERVICE, Role.AUDITOR, Role.SECURITY_ADMIN,
     Role.SERVICE_ORDERS],
)  # fmt: skip
def test_other_roles_get_403(staff_user, role):
    client = Client()
    client.force_login(staff_user(role))
    for url in (REPORT_URL, CSV_URL):
        assert client.get(url, {"start": "2026-11-01", "end": "2026-11-30"}).status_code == 403


def test_anonymous_is_sent_to_log_in():
    response = Client().get(CSV_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_queue_links_to_the_report(officer):
    client = Client()
    client.force_login(officer)
    page = client.get("/admin/access_requests/privacyactrequest/").content.decode()
    assert f'<a href="{REPORT_URL}">Report</a>' in page
