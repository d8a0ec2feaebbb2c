"""The retention dashboard (issue 6: "upcoming destructions for the next 30/90/365 days per
system and rule, holds, the last runs and their certificates"), for records and privacy
officers: its counts are the plans' own, computed by the nightly plan or on a records
officer's request and stored, never on a view (issue 14, item 13: "the forecast is
computed ... and stored, not recomputed three times per view")."""

import datetime
import re

import pytest
from django.utils import timezone

from access_requests.models import PrivacyActRequest
from audit.models import BulkChange
from retention import tasks
from retention.forecasts import HORIZONS
from retention.models import LegalHold, PurgeRun, RetentionForecast, RunStatus
from retention.planning import compute_plan
from retention.purge import prepare_run
from sorn.constants import STAFF_ROLES, Role
from sorn.demo import seed_demo_records
from tests.mailers.factories import ACHRecordFactory, MailerLogonFactory, mailer

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

URL = "/admin/retention/dashboard/"
FORECAST = "/admin/retention/dashboard/forecast/"


@pytest.fixture
def queued(monkeypatch):
    """Record the forecasts the dashboard's button enqueues instead of sending them to a
    broker; the test then runs the task itself, as the worker would."""
    calls = []
    monkeypatch.setattr(tasks.compute_forecast, "delay", lambda pk: calls.append(pk))
    return calls


@pytest.fixture
def computed(client, staff_user, queued, django_capture_on_commit_callbacks):
    """A forecast asked for by a records officer's button and computed by the task."""

    def ask() -> RetentionForecast:
        client.force_login(staff_user(Role.RECORDS_OFFICER, username="ro-forecast"))
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(FORECAST).status_code == 302
        (pk,) = queued
        tasks.compute_forecast(pk)
        return RetentionForecast.objects.get(pk=pk)

    return ask


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_only_records_and_privacy_officers_see_the_dashboard(client, staff_user, role):
    client.force_login(staff_user(role))
    allowed = role in (Role.RECORDS_OFFICER, Role.PRIVACY_OFFICER)
    assert client.get(URL).status_code == (200 if allowed else 403)
    # The admin's index and the retention lists link to it for those who may open it.
    index = client.get("/admin/").content.decode()
    assert (f'<a href="{URL}">Retention dashboard</a>' in index) == allowed
    if allowed:
        assert URL in client.get("/admin/retention/legalhold/").content.decode()


def test_with_no_forecast_the_dashboard_says_so(client, staff_user):
    seed_demo_records(5)
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    html = client.get(URL).content.decode()
    assert "Not yet computed." in html
    assert 'data-rule="' not in html
    # A privacy officer reads the dashboard; only a records officer runs plans.
    assert "Compute the forecast now" not in html
    client.force_login(staff_user(Role.RECORDS_OFFICER))
    assert "Compute the forecast now" in client.get(URL).content.decode()


@pytest.mark.parametrize("role", [r for r in STAFF_ROLES if r != Role.RECORDS_OFFICER])
def test_only_records_officers_queue_a_forecast(client, staff_user, queued, role):
    client.force_login(staff_user(role))
    assert client.post(FORECAST).status_code == 403
    assert queued == []
    assert not RetentionForecast.objects.exists()
    assert not BulkChange.objects.filter(operation="forecast.request").exists()


def test_the_button_queues_the_forecast_audited_and_only_by_post(
    client, staff_user, queued, django_capture_on_commit_callbacks
):
    officer = staff_user(Role.RECORDS_OFFICER, username="ro-button")
    client.force_login(officer)
    assert client.get(FORECAST).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(FORECAST, follow=True)
    (row,) = RetentionForecast.objects.all()
    assert queued == [row.pk]
    assert row.requested_by == "ro-button" and row.computed_at is None
    event = BulkChange.objects.get(operation="forecast.request")
    assert (event.performed_by, event.model) == ("ro-button", "retention.RetentionForecast")
    html = page.content.decode()
    assert f"Retention forecast #{row.pk} is queued" in html
    assert "is waiting for the worker" in html and "Not yet computed." in html
    # Asked again before the worker got to it: not queued twice.
    html = client.post(FORECAST, follow=True).content.decode()
    assert "is still being computed" in html
    assert RetentionForecast.objects.count() == 1 and queued == [row.pk]


def test_the_forecast_is_the_plans_at_30_90_and_365_days(client, staff_user, computed):
    seed_demo_records(25)
    today = timezone.localdate()
    # USPS 820.100 retention 2, ACH records for two years: due in 10, 60 and 200 days.
    for days in (10, 60, 200):
        ACHRecordFactory(recorded_on=today - datetime.timedelta(days=731 - days))
    # Retention 1, logons for one year: one due in 20 days, frozen by a pending request.
    frozen = mailer()
    MailerLogonFactory(
        person=frozen, logged_on_at=timezone.now() - datetime.timedelta(days=366 - 20)
    )
    PrivacyActRequest.objects.create(kind="access", person=frozen)
    stored = computed()
    assert stored.as_of == today and stored.seconds > 0
    page = client.get(URL)
    assert page.status_code == 200
    assert page.context["forecast"] == stored
    rows = {row["key"]: row for row in page.context["rows"]}
    for index, days in enumerate(HORIZONS):
        plan = compute_plan(today + datetime.timedelta(days=days)).as_dict()
        assert stored.figures["totals"][index] == plan["total_due"]
        for key, expected in plan["rules"].items():
            cell = rows[key]["columns"][index]
            assert (cell["due"], cell["held"], cell["frozen_by_request"]) == (
                expected["due"],
                expected["held"],
                expected["frozen_by_request"],
            ), (days, key)
    ach = rows["usps-820-100/ach"]
    before = [compute_plan(today).as_dict()["rules"]["usps-820-100/ach"]["due"]] * 3
    assert [c["due"] - b for c, b in zip(ach["columns"], before, strict=True)] == [1, 2, 3]
    assert rows["usps-820-100/logon"]["columns"][0]["frozen_by_request"] >= 1
    # The page shows the same numbers: the ACH row's due cells and the totals.
    html = page.content.decode()
    ach_row = re.search(r'<tr data-rule="usps-820-100/ach">(.*?)</tr>', html, re.S).group(1)
    due_cells = [int(n) for n in re.findall(r'<td class="due">(\d+)</td>', ach_row)]
    assert due_cells == [c["due"] for c in ach["columns"]]
    totals = [int(n) for n in re.findall(r'<td class="total">(\d+)</td>', html)]
    assert totals == stored.figures["totals"]
    pending = PrivacyActRequest.objects.pending().count()
    assert page.context["pending_requests"] == pending
    assert f"<strong>{pending}</strong> request" in html
    # How old it is, and by whom it was asked for.
    assert "Forecast computed 0" in html and "by ro-forecast" in html
    assert "Not yet computed." not in html


def test_periods_in_words_and_a_row_for_the_mint(client, staff_user, computed):
    seed_demo_records(10)
    computed()
    html = client.get(URL).content.decode()
    ach_row = re.search(r'<tr data-rule="usps-820-100/ach">(.*?)</tr>', html, re.S).group(1)
    assert "<td>2 years after the event it records</td>" in ach_row
    other = re.search(r'<tr data-rule="usps-810-300/other">(.*?)</tr>', html, re.S).group(1)
    assert "<td>3 years after the relationship ends</td>" in other
    assert not re.search(r"\bP\d+[YMD]\b", html)
    # Treasury/Mint .009 publishes no retention period: no disposition authority.
    mint = re.search(r'<tr data-rule="mint-009/not_published">(.*?)</tr>', html, re.S).group(1)
    assert "Treasury/United States Mint .009" in mint
    assert "kept without disposition authority" in mint
    assert re.search(r"\d+ records? kept; none comes due", mint)


def test_viewing_the_dashboard_computes_nothing(
    client, staff_user, computed, django_assert_max_num_queries
):
    seed_demo_records(10)
    computed()
    client.get(URL)  # warm the per-process caches (content types, sessions)
    with django_assert_max_num_queries(20) as captured:
        assert client.get(URL).status_code == 200
    record_tables = ("orders_", "mailers_", "marketing_")
    assert not [
        q["sql"] for q in captured.captured_queries if any(t in q["sql"] for t in record_tables)
    ]


def test_holds_runs_awaiting_approval_and_certificates(client, staff_user):
    officer = staff_user(Role.RECORDS_OFFICER)
    hold = LegalHold.objects.create(
        scope="system", system="usps-890-000", reason="OIG audit 2024-12", placed_by=officer
    )
    LegalHold.objects.create(
        scope="system",
        system="usps-810-300",
        reason="Closed matter",
        placed_by=officer,
        released_by=officer,
        released_at=timezone.now(),
        release_reason="Closed",
    )
    waiting = prepare_run(timezone.localdate(), triggered_by="test")
    done = PurgeRun.objects.create(as_of=timezone.localdate(), status=RunStatus.DRY_RUN)
    client.force_login(officer)
    page = client.get(URL)
    html = page.content.decode()
    assert page.context["holds"] == [hold]
    assert "OIG audit 2024-12" in html and "Closed matter" not in html
    assert page.context["awaiting"] == [waiting]
    assert f"/admin/retention/purgerun/{waiting.pk}/approve/" in html
    assert [run.pk for run in page.context["runs"]] == [done.pk, waiting.pk]
    # A privacy officer reads the plan; only a records officer is sent to approve it.
    client.force_login(staff_user(Role.PRIVACY_OFFICER))
    html = client.get(URL).content.decode()
    assert f"/admin/retention/purgerun/{waiting.pk}/approve/" not in html
    assert f"/admin/retention/purgerun/{waiting.pk}/change/" in html


def test_the_dashboard_queries_do_not_grow_with_runs_and_holds(
    client, staff_user, computed, django_assert_max_num_queries
):
    officer = staff_user(Role.RECORDS_OFFICER)
    computed()
    client.force_login(officer)
    client.get(URL)  # warm the per-process caches (content types, sessions)
    with django_assert_max_num_queries(20) as first:
        client.get(URL)
    for n in range(12):
        PurgeRun.objects.create(as_of=timezone.localdate(), status=RunStatus.DRY_RUN)
        LegalHold.objects.create(
            scope="system", system="usps-890-000", reason=f"Matter {n}", placed_by=officer
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(URL)
