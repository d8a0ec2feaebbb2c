"""Issue 12, item 3: "confirmed matches freeze those records from purging until the
request and any appeal are closed". A match staff confirmed, of a request that is open
(received, in progress, answered while an appeal may come, appealed), keeps the person's
records in that system and the person row; records of the same person in another system
go on their own schedule; a candidate the search found keeps them too until staff decide
it (the search runs within minutes of receipt); a rejected match keeps nothing; once the
request is closed the records go."""

import datetime

import pytest
from django.utils import timezone

from access_requests.constants import MatchState
from access_requests.models import RequestMatch
from retention.planning import compute_plan
from retention.purge import purge_expired

from .conftest import (
    AS_OF,
    PENDING,
    USPS_810,
    USPS_820,
    all_rows,
    case_named,
    close,
    open_request,
    person_in,
    person_rows,
    row,
)

pytestmark = [
    pytest.mark.django_db(databases=["default", "keystore"]),
    pytest.mark.usefixtures("own_purge_lock"),
]

# USPS 810.300 "other records": 3 years after the relationship ends; USPS 820.100
# retention 4: 4 years. Both ended long enough before AS_OF.
ENDED = datetime.date(2015, 1, 1)
ORDER_810 = case_named("usps-810-300/other:offlineorder")
IDENTIFIER_820 = case_named("usps-820-100/other:maileridentifier")


def person_in_both():
    person = person_in(USPS_810, USPS_820, ended_on=ENDED)
    return person, row(ORDER_810.make(person, None)), row(IDENTIFIER_820.make(person, None))


def match(request, person, system, state):
    return RequestMatch.objects.create(
        request=request,
        system=system,
        person=person,
        why=["name", "email"],
        state=state,
        decided_at=None if state == MatchState.CANDIDATE else timezone.now(),
    )


def purge():
    purge_expired(AS_OF, triggered_by="test", batch_size=10)


@pytest.mark.parametrize("status", PENDING)
def test_a_confirmed_match_keeps_the_persons_records_in_that_system(status):
    person, order_810, identifier_820 = person_in_both()
    request = open_request(None, status=status)  # the request names no person itself
    match(request, person, USPS_810, MatchState.CONFIRMED)

    purge()

    remaining = all_rows()
    assert order_810 in remaining
    assert person_rows(person) <= remaining  # the person row and its parts
    # USPS 820.100 was not confirmed: its record goes on its own schedule.
    assert identifier_820 not in remaining


def test_a_candidate_keeps_the_records_until_staff_decide_it():
    person, order_810, identifier_820 = person_in_both()
    match(open_request(None), person, USPS_810, MatchState.CANDIDATE)

    purge()

    remaining = all_rows()
    assert order_810 in remaining
    assert person_rows(person) <= remaining
    assert identifier_820 not in remaining  # not found in USPS 820.100


def test_a_rejected_match_keeps_nothing():
    person, order_810, identifier_820 = person_in_both()
    match(open_request(None), person, USPS_810, MatchState.REJECTED)

    purge()

    remaining = all_rows()
    assert not ({order_810, identifier_820} | person_rows(person)) & remaining


def test_after_the_request_is_closed_the_records_go():
    person, order_810, identifier_820 = person_in_both()
    request = open_request(None)
    match(request, person, USPS_810, MatchState.CONFIRMED)
    close(request)

    purge()

    remaining = all_rows()
    assert not ({order_810, identifier_820} | person_rows(person)) & remaining
    # The match outlives the person it was about (SET_NULL), as the request does.
    assert RequestMatch.objects.get(request=request).person_id is None


def test_the_plan_counts_a_confirmed_match_as_frozen_by_a_request():
    person, _, _ = person_in_both()
    match(open_request(None), person, USPS_810, MatchState.CONFIRMED)

    rule = compute_plan(AS_OF).rules["usps-810-300/other"]
    (order,) = [m for m in rule.models if m.model == "orders.OfflineOrder"]

    assert (order.frozen_by_request, order.due) == (1, 0)


def test_a_request_about_the_person_still_freezes_every_system():
    person, order_810, identifier_820 = person_in_both()
    open_request(person)

    purge()

    assert {order_810, identifier_820} | person_rows(person) <= all_rows()
