"""The retention dashboard (issue 6: "upcoming destructions for the next 30/90/365 days per
system and rule, holds, the last runs and their certificates"), for records and privacy
officers: its counts are the plans' own."""

import datetime
import re

import pytest
from django.utils import timezone

from access_requests.models import PrivacyActRequest
from retention.models import LegalHold, PurgeRun, RunStatus
from retention.planning import compute_plan
from retention.purge import prepare_run
from retention.views import HORIZONS
from sorn.constants import STAFF_ROLES, Role
from sorn.demo import seed_demo_records
from tests.mailers.factories import ACHRecordFactory, MailerLogonFactory, mailer

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

URL = "/admin/retention/dashboard/"


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_only_records_and_privacy_officers_see_the_dashboard(client, staff_user, role):
    client.force_login(staff_user(role))
    allowed = role in (Role.RECORDS_OFFICER, Role.PRIVACY_OFFICER)
    assert client.get(URL).status_code == (200 if allowed else 403)
    # The retention lists link to it for those who may open it.
    if allowed:
        assert URL in client.get("/admin/retention/legalhold/").content.decode()


def test_the_forecast_is_the_plans_at_30_90_and_365_days(client, staff_user):
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
    client.force_login(staff_user(Role.RECORDS_OFFICER))
    page = client.get(URL)
    assert page.status_code == 200
    upcoming = page.context["upcoming"]
    for index, days in enumerate(HORIZONS):
        plan = compute_plan(today + datetime.timedelta(days=days)).as_dict()
        assert upcoming["totals"][index] == plan["total_due"]
        for row in upcoming["rows"]:
            cell = row["columns"][index]
            expected = plan["rules"][row["key"]]
            assert (cell["due"], cell["held"], cell["frozen_by_request"]) == (
                expected["due"],
                expected["held"],
                expected["frozen_by_request"],
            ), (days, row["key"])
    ach = next(row for row in upcoming["rows"] if row["key"] == "usps-820-100/ach")
    before = [compute_plan(today).as_dict()["rules"]["usps-820-100/ach"]["due"]] * 3
    assert [c["due"] - b for c, b in zip(ach["columns"], before, strict=True)] == [1, 2, 3]
    logon = next(row for row in upcoming["rows"] if row["key"] == "usps-820-100/logon")
    assert logon["columns"][0]["frozen_by_request"] >= 1
    # The page shows the same numbers: the ACH row's due cells and the totals.
    html = page.content.decode()
    ach_row = re.search(r'<tr data-rule="usps-820-100/ach">(.*?)</tr>', html, re.S).group(1)
    due_cells = [int(n) for n in re.findall(r'<td class="due">(\d+)</td>', ach_row)]
    assert due_cells == [c["due"] for c in ach["columns"]]
    totals = [int(n) for n in re.findall(r'<td class="total">(\d+)</td>', html)]
    assert totals == upcoming["totals"]
    pending = PrivacyActRequest.objects.pending().count()
    assert page.context["pending_requests"] == pending
    assert f"<strong>{pending}</strong> request" in html


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
    client, staff_user, django_assert_max_num_queries
):
    officer = staff_user(Role.RECORDS_OFFICER)
    client.force_login(officer)
    client.get(URL)  # warm the per-process caches (content types, sessions)
    # Three plans of one count or so per record type each; the rest is constant.
    with django_assert_max_num_queries(300) as first:
        client.get(URL)
    for n in range(12):
        PurgeRun.objects.create(as_of=timezone.localdate(), status=RunStatus.DRY_RUN)
        LegalHold.objects.create(
            scope="system", system="usps-890-000", reason=f"Matter {n}", placed_by=officer
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(URL)
