"""A real Celery worker, on the configured broker (the embedded file-system broker
locally, Redis in CI), runs a task that reads the database."""

import pytest
from celery.contrib.testing.worker import start_worker
from django_celery_beat.schedulers import DatabaseScheduler

from config.beat import HeartbeatScheduler
from config.celery import app
from sorn import catalogue
from sorn.tasks import catalogue_revisions


@pytest.mark.django_db(transaction=True)
def test_worker_runs_a_task_through_the_broker():
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = catalogue_revisions.delay()
        revisions = result.get(timeout=30)
    assert revisions == {n.slug: 1 for n in catalogue.NOTICES}


def test_beat_uses_the_database_scheduler():
    # Staff see and change the schedule in the admin (django-celery-beat).
    # (with a heartbeat for readiness: config/beat.py).
    assert app.conf.beat_scheduler == "config.beat:HeartbeatScheduler"
    assert issubclass(HeartbeatScheduler, DatabaseScheduler)
