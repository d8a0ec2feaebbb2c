"""The purge over the demo data: every rule applied, nothing held or frozen destroyed,
every kept record still readable and every destroyed one's key gone."""

import datetime

import pytest
from django.utils import timezone

from retention.planning import compute_plan
from retention.purge import purge_expired
from sorn.demo import seed_demo_records

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def test_plan_then_purge_destroys_exactly_the_plan(settings):
    settings.RETENTION_MAX_FUTURE_DAYS = 36500
    seed_demo_records(60)
    as_of = timezone.localdate() + datetime.timedelta(days=365 * 3)
    plan = compute_plan(as_of)
    assert plan.total_due > 0
    run, _ = purge_expired(as_of, triggered_by="test", batch_size=7)
    certificate = run.certificate
    assert certificate.total == plan.total_due
    after = compute_plan(as_of)
    assert after.total_due == 0
