"""The nightly purge: a database beat schedule staff can edit, run by a real worker."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from config.celery import app
from customers.models import SystemRelationship
from retention.models import DestructionCertificate, PurgeRun, RetentionForecast, RunStatus
from retention.tasks import SCHEDULE_NAME, TRIGGER, execute_approved_run, nightly_purge
from tests.mailers.factories import ACHRecordFactory, MailerApplicationFactory

pytestmark = pytest.mark.django_db(databases=["default", "keystore"], transaction=True)


def _years_ago(years: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=366 * years)


def _due_and_kept():
    today = timezone.localdate()
    # USPS 820.100 retention 2: ACH records are retained up to 2 years.
    old = ACHRecordFactory(recorded_on=_years_ago(3))
    young = ACHRecordFactory(recorded_on=today - datetime.timedelta(days=30))
    # Retention 4: other records, 4 years after the relationship ends; still open here.
    application = MailerApplicationFactory(submitted_on=_years_ago(9))
    return old, young, application


# The schedule row comes from a data migration: keep it through other tests' flushes.
@pytest.mark.django_db(databases=["default", "keystore"], serialized_rollback=True)
def test_the_schedule_is_in_the_database_and_runs_the_nightly_task():
    task = PeriodicTask.objects.get(name=SCHEDULE_NAME)
    assert task.task == "retention.tasks.nightly_purge"
    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("2", "30")


def test_a_worker_runs_the_nightly_purge(settings):
    settings.RETENTION_REQUIRE_APPROVAL = False
    old, young, application = _due_and_kept()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        outcome = nightly_purge.delay().get(timeout=180)
    assert outcome["status"] == RunStatus.COMPLETED
    assert outcome["destroyed"] == 1
    assert not type(old).objects.filter(pk=old.pk).exists()
    assert type(young).objects.filter(pk=young.pk).exists()
    assert type(application).objects.filter(pk=application.pk).exists()
    assert outcome["audit"]["problems"] == []  # the audit's own purge ran after it
    certificate = DestructionCertificate.objects.get(run_id=outcome["run"])
    assert certificate.authorised_by.startswith("schedule 'Nightly retention purge'")
    assert certificate.complete


def test_with_approval_required_the_night_only_plans(settings):
    settings.RETENTION_REQUIRE_APPROVAL = True
    old, _, _ = _due_and_kept()
    outcome = nightly_purge()
    run = PurgeRun.objects.get(pk=outcome["run"])
    assert run.status == RunStatus.AWAITING_APPROVAL
    assert run.plan["rules"]["usps-820-100/ach"]["due"] == 1
    assert type(old).objects.filter(pk=old.pk).exists()
    # A second night does not pile up a second plan for the same day.
    assert nightly_purge()["run"] == run.pk

    # Not approved: the execution task refuses and nothing is destroyed.
    refused = execute_approved_run(run.pk)
    assert "awaiting" in refused["error"]
    assert type(old).objects.filter(pk=old.pk).exists()

    run.status, run.approved_at = RunStatus.APPROVED, timezone.now()
    run.save()
    done = execute_approved_run(run.pk)
    assert done["destroyed"] == 1
    assert not type(old).objects.filter(pk=old.pk).exists()


def test_an_ended_relationship_makes_the_rest_due(settings):
    settings.RETENTION_REQUIRE_APPROVAL = False
    _, _, application = _due_and_kept()
    SystemRelationship.objects.filter(person=application.person).update(
        status="ended",
        started_on=_years_ago(10),
        ended_on=_years_ago(5),
    )
    outcome = nightly_purge()
    assert outcome["destroyed"] >= 2  # the application and then its person
    assert not type(application).objects.filter(pk=application.pk).exists()
    assert not type(application.person).objects.filter(pk=application.person_id).exists()


def test_the_nightly_plan_stores_the_dashboards_forecast():
    outcome = nightly_purge()
    forecast = RetentionForecast.objects.get(pk=outcome["forecast"])
    assert forecast.requested_by == TRIGGER
    assert forecast.as_of == timezone.localdate() and forecast.computed_at is not None
    assert forecast.figures["horizons"] == [30, 90, 365]
