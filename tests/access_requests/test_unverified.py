"""Issue 11, item 3: a web request not verified within UNVERIFIED_REQUEST_DAYS (default
7) is destroyed by a daily beat task, with its history and its data key; verified and
staff-entered requests stay, whatever their age."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from access_requests.models import PrivacyActRequest, RequestEvent, RequestMatch, RequestStatus
from access_requests.services import record_request
from access_requests.tasks import (
    SCHEDULE_NAME,
    SEARCH_SCHEDULE_NAME,
    destroy_unverified_requests,
    search_new_requests,
)
from audit.models import BulkChange
from config.celery import app
from keystore.crypto import fetch_data_keys
from tests.access_requests.matching_world import build_world, open_request

pytestmark = pytest.mark.django_db(databases=["default", "keystore"], transaction=True)


def web_request(days_ago: float) -> PrivacyActRequest:
    request, created = record_request(
        fields={
            "kind": "access",
            "systems": ["usps-810-300"],
            "channel": "web",
            "requester_name": "Wren Example",
            "requester_email": f"wren{days_ago}@example.org",
            "received_at": timezone.now() - datetime.timedelta(days=days_ago),
        },
        identifiers={"email": f"wren{days_ago}@example.org"},
    )
    assert created
    return request


@pytest.mark.django_db(databases=["default", "keystore"], serialized_rollback=True)
def test_the_schedule_is_in_the_database():
    task = PeriodicTask.objects.get(name=SCHEDULE_NAME)
    assert task.task == "access_requests.tasks.destroy_unverified_requests"
    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("3", "15")


# The row comes from a data migration: kept through other tests' flushes (a transactional
# test before this one empties the tables).
@pytest.mark.django_db(databases=["default", "keystore"], serialized_rollback=True)
def test_the_search_schedule_is_in_the_database():
    schedule = PeriodicTask.objects.get(name=SEARCH_SCHEDULE_NAME)
    assert schedule.task == "access_requests.tasks.search_new_requests"
    assert (schedule.interval.every, schedule.interval.period) == (5, "minutes")
    assert schedule.enabled


def test_a_worker_destroys_requests_unverified_for_seven_days(settings):
    settings.UNVERIFIED_REQUEST_DAYS = 7
    stale = web_request(days_ago=7.5)
    fresh = web_request(days_ago=6.5)
    verified = web_request(days_ago=30)
    PrivacyActRequest.objects.filter(pk=verified.pk).update(status=RequestStatus.RECEIVED)
    key = stale.data_key_id
    assert stale.status == RequestStatus.UNVERIFIED

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        destroyed = destroy_unverified_requests.delay().get(timeout=120)

    assert destroyed == 1
    assert set(PrivacyActRequest.objects.values_list("pk", flat=True)) == {fresh.pk, verified.pk}
    assert not RequestEvent.objects.filter(request_id=stale.pk).exists()
    assert fetch_data_keys([key]) == {}  # destroyed keys are absent
    assert fetch_data_keys([fresh.data_key_id]) != {}
    change = BulkChange.objects.get(model="access_requests.PrivacyActRequest")
    assert (change.operation, change.row_count) == ("delete", 1)


def test_the_days_are_configured(settings):
    settings.UNVERIFIED_REQUEST_DAYS = 2
    web_request(days_ago=2.5)
    web_request(days_ago=1.5)
    assert destroy_unverified_requests() == 1
    assert destroy_unverified_requests() == 0


def test_a_worker_searches_each_new_request_once_and_its_candidates_are_frozen():
    """Within minutes of receipt the beat task searches the systems for every open request
    not yet searched, so its candidates are frozen before anyone looked; a request still
    awaiting verification is not searched (anyone could otherwise freeze anyone's
    records)."""
    world = build_world()
    received = open_request({"name": "Ada Lovelace", "email": "ada@example.org"})
    unverified = web_request(days_ago=0)

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        first = search_new_requests.delay().get(timeout=120)
        again = search_new_requests.delay().get(timeout=120)

    assert (first, again) == (1, 0)
    found = set(RequestMatch.objects.values_list("request_id", "person_id", "state"))
    assert (received.pk, world.ada.pk, "candidate") in found
    assert not RequestMatch.objects.filter(request=unverified).exists()
    searched = RequestEvent.objects.filter(request=received, event="searched")
    assert searched.count() == 4 and {e.actor_id for e in searched} == {None}
